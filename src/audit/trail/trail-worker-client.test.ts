// The trail's worker thread on a real SQLite file: buffered batches written by the worker's own
// connection land in order in one chain with the changes the server's thread appends, verify,
// match EventBridge rules (outbox rows, the server told), and are signed at close; a worker
// that cannot start leaves the server's thread writing, the failed batch included.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { verifyStoredTrail } from '../../cli/audit-verify.js';
import { loadServiceModel } from '../../protocol/model/service-model.js';
import { openStore } from '../../storage/open-store.js';
import type { Store } from '../../storage/ports.js';
import { SharedWriteLock } from '../../storage/sqlite/shared-write-lock.js';
import { deriveAuditKeys } from '../chain/audit-keys.js';
import { buildApiCallRecord } from '../record/build-record.js';
import { newEventId } from '../record/event-id.js';
import type { TrailEntry } from './append.js';
import { TrailWorkerSink } from './trail-worker-client.js';
import type { TrailWorkerData } from './trail-worker-protocol.js';
import { AuditTrail } from './trail-writer.js';

const ACCOUNT = '111122223333';
const masterKey = new Uint8Array(32).fill(7);
const keys = deriveAuditKeys(masterKey);
const model = loadServiceModel('iam');
const START = Date.UTC(2026, 11, 8, 1);

function entry(action: string, userName: string, at: number): TrailEntry {
  const time = new Date(at);
  const record = buildApiCallRecord(model, {
    service: 'iam',
    action,
    identity: { type: 'IAMUser', principalId: 'AIDAALICE', arn: `arn:aws:iam::${ACCOUNT}:user/alice`, accountId: ACCOUNT, accessKeyId: 'AKIAALICE', userName: 'alice' },
    recipientAccountId: ACCOUNT,
    time,
    region: 'us-east-1',
    sourceIp: '192.0.2.1',
    requestId: `req-${userName}`,
    eventId: newEventId(at),
    input: { UserName: userName },
  });
  return { record, time };
}

function workerData(file: string, writeLock: SharedArrayBuffer, partition: string): TrailWorkerData {
  return { file, writeLock, masterKey, partition, stepEvents: 16, flushMs: 60_000, digestEvery: 100, digestMs: 60_000, now: START };
}

describe('the trail worker', () => {
  let dir: string;
  let file: string;
  let store: Store;
  let lock: SharedWriteLock;

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'keyward-trail-worker-'));
    file = join(dir, 'keyward.db');
    lock = new SharedWriteLock(1);
    store = await openStore({ kind: 'sqlite', file, writeLock: lock });
  });

  afterEach(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('writes batches in one chain with the changes, matches rules, signs, and verifies', async () => {
    await store.write(async (tx) => {
      await tx.events.putRule({
        accountId: ACCOUNT,
        name: 'reads',
        arn: `arn:aws:events:us-east-1:${ACCOUNT}:rule/reads`,
        eventPattern: JSON.stringify({ detail: { eventName: ['GetUser'] } }),
        state: 'ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS',
        createdBy: ACCOUNT,
        createdAt: new Date(START),
      });
      await tx.events.putTarget({ accountId: ACCOUNT, ruleName: 'reads', id: 'a', arn: `arn:aws:events:us-east-1:${ACCOUNT}:api-destination/reads/1` });
    });
    const errors: unknown[] = [];
    const sink = new TrailWorkerSink(workerData(file, lock.buffer, 'node-w'), { onError: (e) => errors.push(e) });
    let queued = 0;
    const trail = new AuditTrail(store, keys, { partition: 'node-w', flushMs: 60_000, maxPending: 10_000, clock: () => new Date(START), sink, onError: (e) => errors.push(e) });
    trail.onOutboxQueued(() => (queued += 1));

    const reads = Array.from({ length: 150 }, (_, i) => entry('GetUser', `user-${String(i).padStart(3, '0')}`, START + i));
    for (const e of reads.slice(0, 100)) trail.enqueue(e);
    await trail.flush();
    // A change's event, appended by this thread in its own transaction, joins the chain.
    const change = entry('CreateUser', 'new-user', START + 200);
    await store.writeTrail((tx) => trail.appendChange(tx, change));
    for (const e of reads.slice(100)) trail.enqueue(e);
    await trail.flush();
    await trail.close();

    expect(errors).toEqual([]);
    const stored = await store.read((tx) => tx.audit.range('node-w', 1, 500));
    expect(stored.map((e) => e.eventId)).toEqual([...reads.slice(0, 100), change, ...reads.slice(100)].map((e) => e.record.eventID));
    expect(stored[0]!.record).toBe(JSON.stringify(reads[0]!.record));
    const byUser = await store.read((tx) => tx.audit.lookup({ accountId: ACCOUNT, attribute: { key: 'ResourceName', value: 'user-042' }, limit: 10 }));
    expect(byUser.map((e) => e.eventId)).toEqual([reads[42]!.record.eventID]);
    // Every read matched the rule: one outbox row each, and the server's thread was told.
    const rows = await store.write((tx) => tx.events.claim('test', new Date(8.64e15), new Date(8.64e15), 1000));
    expect(rows).toHaveLength(150);
    expect(queued).toBeGreaterThan(0);
    // Signed up to the last event at close (digests every 100 events, then the tail).
    const head = (await store.read((tx) => tx.audit.partitions()))[0]!;
    expect(head.seq).toBe(151);
    expect(head.digestedSeq).toBe(151);
    const report = await verifyStoredTrail(store, { chainKey: keys.chainKey, verifyKey: keys.verifyKey });
    expect(report.ok).toBe(true);
  });

  it('falls back to writing on this thread when the worker cannot open the store', async () => {
    const errors: unknown[] = [];
    const sink = new TrailWorkerSink(workerData(join(dir, 'missing', 'keyward.db'), lock.buffer, 'node-x'), { onError: (e) => errors.push(e) });
    const trail = new AuditTrail(store, keys, { partition: 'node-x', flushMs: 60_000, maxPending: 10_000, sink, onError: (e) => errors.push(e) });
    const reads = Array.from({ length: 5 }, (_, i) => entry('GetUser', `user-${i}`, START + i));
    for (const e of reads) trail.enqueue(e);
    await trail.flush();
    await trail.close();
    expect(errors.length).toBeGreaterThan(0);
    const stored = await store.read((tx) => tx.audit.range('node-x', 1, 10));
    expect(stored.map((e) => e.eventId)).toEqual(reads.map((e) => e.record.eventID));
    expect((await verifyStoredTrail(store, { chainKey: keys.chainKey, verifyKey: keys.verifyKey })).ok).toBe(true);
  });
});
