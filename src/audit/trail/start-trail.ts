// The trail as a running server keeps it: the writer (trail-writer.ts) with keys derived from
// the master key, and retention: every hour, events older than the retention are pruned in
// whole digest ranges (the digests stay, so the chain still verifies).

import { deriveAuditKeys } from '../chain/audit-keys.js';
import type { Store } from '../../storage/ports.js';
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
}

export function startTrail(store: Store, masterKey: Uint8Array, options: StartTrailOptions): RunningTrail {
  const trail = new AuditTrail(store, deriveAuditKeys(masterKey), { partition: options.partition, clock: options.clock, onError: options.onError });
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
