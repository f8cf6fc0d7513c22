// The worker thread that writes a server's buffered trail batches on SQLite: its own connection
// to the same file (WAL), the same writer (trail-writer.ts) with each step committed on its
// own, and the EventBridge rules matched as the main thread's outbox hook matches them. The
// server's thread then only buffers; record JSON parsing, the chain's HMAC, the inserts, the
// rule matching and the digests run here. Its clock is the server's, as of the last message.

import { parentPort, workerData } from 'node:worker_threads';
import { deriveAuditKeys } from '../chain/audit-keys.js';
import type { CloudTrailRecord } from '../record/cloudtrail-record.js';
import { outboxHook } from '../rules/outbox-hook.js';
import { RuleSet } from '../rules/rule-set.js';
import { createSqlStore } from '../../storage/sql/sql-store.js';
import { SharedWriteLock } from '../../storage/sqlite/shared-write-lock.js';
import { SqliteDriver } from '../../storage/sqlite/sqlite-driver.js';
import type { FromWorker, ToWorker, TrailWorkerData } from './trail-worker-protocol.js';
import { AuditTrail } from './trail-writer.js';

const port = parentPort;
if (port === null) throw new Error('trail-worker.ts runs as a worker thread');
const data = workerData as TrailWorkerData;
const post = (message: FromWorker): void => port.postMessage(message);

let now = new Date(data.now);
const clock = (): Date => now;
// Holder 2: the server's thread is 1 (and frees the lock if this thread dies holding it).
const store = createSqlStore(new SqliteDriver(data.file, new SharedWriteLock(2, data.writeLock)));
const trail = new AuditTrail(store, deriveAuditKeys(data.masterKey), {
  partition: data.partition,
  clock,
  flushMs: data.flushMs,
  // The server's thread decides when a batch goes; here every batch is written as it comes.
  maxPending: Number.MAX_SAFE_INTEGER,
  stepEvents: data.stepEvents,
  digestEvery: data.digestEvery,
  digestMs: data.digestMs,
  commitEachStep: true,
  onError: (error) => post({ kind: 'error', message: error instanceof Error ? error.message : String(error) }),
});
trail.onAppend(outboxHook(new RuleSet(() => store.generation()), { clock, onQueued: () => post({ kind: 'queued' }) }));

// One message at a time, in order: a close waits for the batches before it.
let queue: Promise<void> = Promise.resolve();
port.on('message', (message: ToWorker) => {
  queue = queue
    .then(() => handle(message))
    .catch((error: unknown) => {
      post({ kind: 'error', message: error instanceof Error ? error.message : String(error) });
      post({ kind: 'done', id: message.id });
    });
});

async function handle(message: ToWorker): Promise<void> {
  now = new Date(message.now);
  if (message.kind === 'batch') {
    if (message.times.length > 0) {
      message.texts.split('\n').forEach((text, i) => {
        trail.enqueue({ record: JSON.parse(text) as CloudTrailRecord, time: new Date(message.times[i] ?? message.now), text });
      });
    }
    // Rules changed by another connection (the server's) are read again (rule-set.ts).
    await store.syncGeneration();
    await trail.flush();
  } else {
    await trail.close();
    await store.close();
  }
  post({ kind: 'done', id: message.id });
}
