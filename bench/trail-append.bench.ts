// `npx tsx bench/trail-append.bench.ts`: what the audit trail costs per read event, in
// process and in CPU time (steadier than throughput on a shared machine): building a GetUser
// event's record as the pipeline does, and writing buffered events in the trail writer's
// batches (chain links, filter columns, the rows and their indexes, COMMIT) on a SQLite store.
// Two stores side by side, rounds alternating, as the trail grows: event ids as the server
// makes them (time-ordered, audit/record/event-id.ts) and random version 4 UUIDs (before).
// BENCH_TRAIL_EVENTS per round (20,000), BENCH_ROUNDS (5). See bench/SERVER.md.

import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { deriveAuditKeys } from '../src/audit/chain/audit-keys.js';
import { buildApiCallRecord } from '../src/audit/record/build-record.js';
import { newEventId } from '../src/audit/record/event-id.js';
import { AuditTrail } from '../src/audit/trail/trail-writer.js';
import type { TrailEntry } from '../src/audit/trail/append.js';
import { loadServiceModel } from '../src/protocol/model/service-model.js';
import { openStore } from '../src/storage/open-store.js';
import type { Store } from '../src/storage/ports.js';
import { cpuSecondsSince } from './measure.js';

const EVENTS = Number(process.env.BENCH_TRAIL_EVENTS ?? 20_000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const ACCOUNT = '123456789012';
const model = loadServiceModel('iam');

function entry(i: number, ordered: boolean): TrailEntry {
  const time = new Date();
  const record = buildApiCallRecord(model, {
    service: 'iam',
    action: 'GetUser',
    identity: { type: 'IAMUser', principalId: 'AIDABENCHCALLER000001', arn: `arn:aws:iam::${ACCOUNT}:user/bench-caller`, accountId: ACCOUNT, accessKeyId: 'AKIABENCHCALLER00001', userName: 'bench-caller' },
    recipientAccountId: ACCOUNT,
    time,
    region: 'us-east-1',
    sourceIp: '127.0.0.1',
    userAgent: 'autocannon',
    requestId: randomUUID(),
    eventId: ordered ? newEventId(time.getTime()) : randomUUID(),
    input: { UserName: `user-${String(i % 1000).padStart(4, '0')}` },
    output: { User: { UserName: 'x', UserId: 'AIDA', Arn: 'arn', Path: '/', CreateDate: time } },
  });
  return { record, time };
}

interface Side {
  readonly name: string;
  readonly ordered: boolean;
  readonly dir: string;
  readonly store: Store;
  readonly trail: AuditTrail;
  readonly build: number[];
  readonly write: number[];
}

async function side(name: string, ordered: boolean): Promise<Side> {
  const dir = mkdtempSync(join(tmpdir(), 'keyward-trail-bench-'));
  const store = await openStore({ kind: 'sqlite', file: join(dir, 'keyward.db') });
  const trail = new AuditTrail(store, deriveAuditKeys(new Uint8Array(32).fill(7)), { partition: 'bench', flushMs: 60_000, maxPending: Number.MAX_SAFE_INTEGER });
  return { name, ordered, dir, store, trail, build: [], write: [] };
}

async function round(s: Side): Promise<void> {
  let t = process.cpuUsage();
  const entries = Array.from({ length: EVENTS }, (_, i) => entry(i, s.ordered));
  s.build.push((cpuSecondsSince(t) * 1e6) / EVENTS);
  t = process.cpuUsage();
  // As the server's reads fill it: 500 events a batch (the writer's default maxPending).
  for (let i = 0; i < EVENTS; i += 500) {
    for (const e of entries.slice(i, i + 500)) s.trail.enqueue(e);
    await s.trail.flush();
  }
  s.write.push((cpuSecondsSince(t) * 1e6) / EVENTS);
}

async function main(): Promise<void> {
  const sides = [await side('time-ordered ids (v7)', true), await side('random ids (v4)', false)];
  try {
    for (let r = 0; r < ROUNDS; r += 1) for (const s of r % 2 === 0 ? sides : [...sides].reverse()) await round(s);
  } finally {
    for (const s of sides) {
      await s.trail.close();
      await s.store.close();
      rmSync(s.dir, { recursive: true, force: true });
    }
  }
  const us = (v: number): string => `${v.toFixed(1)} µs`;
  console.log(`trail: ${ROUNDS} rounds of ${EVENTS.toLocaleString('en-US')} GetUser events per store (up to ${(ROUNDS * EVENTS).toLocaleString('en-US')}), CPU time per event; load average ${loadavg()[0]!.toFixed(2)}`);
  for (const s of sides) {
    console.log(`  ${s.name.padEnd(22)} build the record: best ${us(Math.min(...s.build))}; write in batches of 500, by round: ${s.write.map(us).join(', ')}`);
  }
}

main().catch((error: unknown) => {
  console.error(`bench: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  process.exitCode = 1;
});
