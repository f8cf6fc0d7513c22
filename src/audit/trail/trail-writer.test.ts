// The trail writer's buffered batches on a real SQLite store: a batch larger than one step is
// written in steps with the event loop running between them, yet lands as one chained run,
// in order, that verifies; a change's event appended meanwhile joins the same chain.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { verifyStoredTrail } from '../../cli/audit-verify.js';
import { loadServiceModel } from '../../protocol/model/service-model.js';
import { openStore } from '../../storage/open-store.js';
import type { Store } from '../../storage/ports.js';
import { deriveAuditKeys } from '../chain/audit-keys.js';
import { buildApiCallRecord } from '../record/build-record.js';
import { newEventId } from '../record/event-id.js';
import type { TrailEntry } from './append.js';
import { AuditTrail } from './trail-writer.js';

const ACCOUNT = '111122223333';
const keys = deriveAuditKeys(new Uint8Array(32).fill(9));
const model = loadServiceModel('iam');

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

describe('AuditTrail batches', () => {
  let dir: string;
  let store: Store;

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'keyward-trail-writer-'));
    store = await openStore({ kind: 'sqlite', file: join(dir, 'keyward.db') });
  });

  afterEach(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('writes a batch in steps, letting the event loop run, as one ordered chain that verifies', async () => {
    const trail = new AuditTrail(store, keys, { partition: 'node-a', flushMs: 60_000, maxPending: 10_000, stepEvents: 16 });
    const start = Date.UTC(2026, 11, 7, 12);
    const entries = Array.from({ length: 100 }, (_, i) => entry('GetUser', `user-${String(i).padStart(3, '0')}`, start + i));
    for (const e of entries) trail.enqueue(e);
    // Counts event-loop turns while the batch is written: one step per turn means several.
    let turns = 0;
    let writing = true;
    const tick = (): void => {
      turns += 1;
      if (writing) setImmediate(tick);
    };
    setImmediate(tick);
    await trail.flush();
    writing = false;
    expect(turns).toBeGreaterThanOrEqual(Math.ceil(100 / 16) - 1);

    // A change's event, after the batch, continues the same chain.
    await store.writeTrail((tx) => trail.appendChange(tx, entry('CreateUser', 'new-user', start + 500)));
    await trail.close();

    const head = (await store.read((tx) => tx.audit.partitions()))[0]!;
    expect(head.seq).toBe(101);
    const stored = await store.read((tx) => tx.audit.range('node-a', 1, 200));
    expect(stored.map((e) => e.eventId)).toEqual([...entries.map((e) => e.record.eventID), stored[100]!.eventId]);
    expect(stored[100]!.eventName).toBe('CreateUser');
    const byUser = await store.read((tx) => tx.audit.lookup({ accountId: ACCOUNT, attribute: { key: 'ResourceName', value: 'user-042' }, limit: 10 }));
    expect(byUser.map((e) => e.eventId)).toEqual([entries[42]!.record.eventID]);
    const report = await verifyStoredTrail(store, { chainKey: keys.chainKey, verifyKey: keys.verifyKey });
    expect(report.ok).toBe(true);
  });

  it('keeps a batch that failed to write, ahead of later events, and writes it on the next flush', async () => {
    const errors: unknown[] = [];
    const trail = new AuditTrail(store, keys, { partition: 'node-b', flushMs: 60_000, maxPending: 10_000, stepEvents: 4, onError: (e) => errors.push(e) });
    const start = Date.UTC(2026, 11, 7, 13);
    const first = Array.from({ length: 10 }, (_, i) => entry('GetUser', `first-${i}`, start + i));
    // A hook that fails once, in the third step: the whole batch's transaction rolls back.
    let calls = 0;
    trail.onAppend(async () => {
      calls += 1;
      if (calls === 3) throw new Error('hook failed');
    });
    for (const e of first) trail.enqueue(e);
    await trail.flush();
    expect(errors).toHaveLength(1);
    expect(await store.read((tx) => tx.audit.partitions())).toEqual([]);
    expect(trail.pendingCount).toBe(10);

    const later = entry('GetUser', 'later', start + 100);
    trail.enqueue(later);
    await trail.flush();
    const stored = await store.read((tx) => tx.audit.range('node-b', 1, 100));
    expect(stored.map((e) => e.eventId)).toEqual([...first, later].map((e) => e.record.eventID));
    await trail.close();
  });
});
