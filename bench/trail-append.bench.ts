// `npx tsx bench/trail-append.bench.ts`: what the audit trail costs per read event, in
// process and in CPU time (steady on a shared machine): building a GetUser event's record as
// the pipeline does, and writing buffered events in the trail writer's batches (chain links,
// filter columns, the rows and their indexes, COMMIT) on a SQLite store. See bench/SERVER.md.

import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deriveAuditKeys } from '../src/audit/chain/audit-keys.js';
import { buildApiCallRecord } from '../src/audit/record/build-record.js';
import { AuditTrail } from '../src/audit/trail/trail-writer.js';
import type { TrailEntry } from '../src/audit/trail/append.js';
import { loadServiceModel } from '../src/protocol/model/service-model.js';
import { openStore } from '../src/storage/open-store.js';
import { cpuSecondsSince } from './measure.js';

const EVENTS = Number(process.env.BENCH_TRAIL_EVENTS ?? 20_000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const ACCOUNT = '123456789012';
const model = loadServiceModel('iam');

function entry(i: number): TrailEntry {
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
    eventId: randomUUID(),
    input: { UserName: `user-${String(i % 1000).padStart(4, '0')}` },
    output: { User: { UserName: 'x', UserId: 'AIDA', Arn: 'arn', Path: '/', CreateDate: time } },
  });
  return { record, time };
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'keyward-trail-bench-'));
  const store = await openStore({ kind: 'sqlite', file: join(dir, 'keyward.db') });
  const trail = new AuditTrail(store, deriveAuditKeys(new Uint8Array(32).fill(7)), { partition: 'bench', flushMs: 60_000, maxPending: Number.MAX_SAFE_INTEGER });
  const build: number[] = [];
  const write: number[] = [];
  try {
    for (let round = 0; round < ROUNDS; round += 1) {
      let t = process.cpuUsage();
      const entries = Array.from({ length: EVENTS }, (_, i) => entry(i));
      build.push((cpuSecondsSince(t) * 1e6) / EVENTS);
      t = process.cpuUsage();
      // As the server's reads fill it: 500 events a batch (the writer's default maxPending).
      for (let i = 0; i < EVENTS; i += 500) {
        for (const e of entries.slice(i, i + 500)) trail.enqueue(e);
        await trail.flush();
      }
      write.push((cpuSecondsSince(t) * 1e6) / EVENTS);
    }
  } finally {
    await trail.close();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
  const fmt = (xs: number[]): string => `best ${Math.min(...xs).toFixed(1)} µs, median ${[...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!.toFixed(1)} µs`;
  console.log(`trail, ${EVENTS.toLocaleString('en-US')} GetUser events x ${ROUNDS} rounds, CPU time per event:`);
  console.log(`  build the record (pipeline):      ${fmt(build)}`);
  console.log(`  write in batches of 500 (writer): ${fmt(write)}`);
}

main().catch((error: unknown) => {
  console.error(`bench: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  process.exitCode = 1;
});
