// The trail as a running server keeps it: the writer (trail-writer.ts) with keys derived from
// the master key, and retention: every hour, events older than the retention are pruned in
// whole digest ranges (the digests stay, so the chain still verifies). On a SQLite file the
// buffered batches are written by a worker thread (trail-worker.ts) with its own connection,
// off the thread that serves requests; a change's event still commits in the change's own
// transaction on the server's thread.

import { deriveAuditKeys } from '../chain/audit-keys.js';
import type { Store } from '../../storage/ports.js';
import { TrailWorkerSink } from './trail-worker-client.js';
import { AuditTrail } from './trail-writer.js';

const DAY_MS = 24 * 60 * 60 * 1000;
const PRUNE_EVERY_MS = 60 * 60 * 1000;

export interface RunningTrail {
  readonly trail: AuditTrail;
  /** Stops pruning, writes what is buffered and signs the unsigned tail. */
  stop(): Promise<void>;
}

export interface StartTrailOptions {
  readonly partition: string;
  readonly retentionDays: number;
  readonly clock: () => Date;
  readonly onError: (error: unknown) => void;
  /** The store's SQLite file and the write lock its store takes: batches are then written by a worker thread. */
  readonly worker?: { readonly file: string; readonly writeLock: SharedArrayBuffer };
}

/**
 * Events a worker commits in one transaction (a whole batch: the server buffers at most 500).
 * Each commit by the worker is another connection's to the server's thread, which then sees
 * the store's generation move and loads its caches again (caller-cache.ts): few, larger
 * commits keep that rare. The server's own writes wait for one such commit's lock at most.
 */
const WORKER_STEP_EVENTS = 500;

export function startTrail(store: Store, masterKey: Uint8Array, options: StartTrailOptions): RunningTrail {
  const sink =
    options.worker === undefined
      ? undefined
      : new TrailWorkerSink(
          {
            file: options.worker.file,
            writeLock: options.worker.writeLock,
            masterKey,
            partition: options.partition,
            stepEvents: WORKER_STEP_EVENTS,
            flushMs: 1000,
            digestEvery: 1000,
            digestMs: 60_000,
            now: options.clock().getTime(),
          },
          { onError: options.onError },
        );
  const trail = new AuditTrail(store, deriveAuditKeys(masterKey), {
    partition: options.partition,
    clock: options.clock,
    onError: options.onError,
    ...(sink !== undefined && { sink }),
  });
  const prune = (): void => {
    const before = new Date(options.clock().getTime() - options.retentionDays * DAY_MS);
    void store.writeTrail((tx) => tx.audit.prune(before)).catch(options.onError);
  };
  const timer = setInterval(prune, PRUNE_EVERY_MS).unref();
  let stopping: Promise<void> | undefined;
  return {
    trail,
    stop() {
      stopping ??= (async () => {
        clearInterval(timer);
        await trail.close();
      })();
      return stopping;
    },
  };
}
