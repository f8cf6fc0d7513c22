// `npx tsx bench/trail-thread.bench.ts`: what writing buffered read events costs the thread
// that serves requests, with the batches written on that thread (as before, and on
// PostgreSQL) and handed to the trail's worker thread (SQLite, audit/trail/trail-worker.ts).
// CPU time from /proc: the main thread's own (`/proc/self/task/PID/stat`) and the whole
// process's (every thread, the worker's included). Two stores side by side, rounds
// alternating, 500 events a batch as the server buffers them. BENCH_TRAIL_EVENTS per round
// (20,000), BENCH_ROUNDS (4). See bench/SERVER.md.

import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { deriveAuditKeys } from '../src/audit/chain/audit-keys.js';
import { buildApiCallRecord } from '../src/audit/record/build-record.js';
import { newEventId } from '../src/audit/record/event-id.js';
import type { TrailEntry } from '../src/audit/trail/append.js';
import { TrailWorkerSink } from '../src/audit/trail/trail-worker-client.js';
import { AuditTrail } from '../src/audit/trail/trail-writer.js';
import { loadServiceModel } from '../src/protocol/model/service-model.js';
import { openStore } from '../src/storage/open-store.js';
import type { Store } from '../src/storage/ports.js';
import { SharedWriteLock } from '../src/storage/sqlite/shared-write-lock.js';

const EVENTS = Number(process.env.BENCH_TRAIL_EVENTS ?? 20_000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 4);
const ACCOUNT = '123456789012';
const MASTER_KEY = new Uint8Array(32).fill(7);
const model = loadServiceModel('iam');
const TICK = 100;

/** utime + stime in seconds from a /proc stat file (ticks of 1/100 s). */
function statSeconds(file: string): number {
  const stat = readFileSync(file, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / TICK;
}
const mainThread = (): number => statSeconds(`/proc/self/task/${process.pid}/stat`);
const wholeProcess = (): number => statSeconds('/proc/self/stat');

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
    eventId: newEventId(time.getTime()),
    input: { UserName: `user-${String(i % 1000).padStart(4, '0')}` },
  });
  return { record, time };
}

interface Side {
  readonly name: string;
  readonly dir: string;
  readonly store: Store;
  readonly trail: AuditTrail;
  readonly main: number[];
  readonly all: number[];
}

async function side(name: string, worker: boolean): Promise<Side> {
  const dir = mkdtempSync(join(tmpdir(), 'keyward-trail-thread-'));
  const file = join(dir, 'keyward.db');
  const lock = new SharedWriteLock(1);
  const store = await openStore({ kind: 'sqlite', file, writeLock: lock });
  const options = { partition: 'bench', flushMs: 60_000, maxPending: Number.MAX_SAFE_INTEGER };
  const sink = worker
    ? new TrailWorkerSink(
        { file, writeLock: lock.buffer, masterKey: MASTER_KEY, partition: 'bench', stepEvents: 500, flushMs: 1000, digestEvery: 1000, digestMs: 60_000, now: Date.now() },
        { onError: (e) => console.error(e) },
      )
    : undefined;
  const trail = new AuditTrail(store, deriveAuditKeys(MASTER_KEY), { ...options, ...(sink !== undefined && { sink }) });
  return { name, dir, store, trail, main: [], all: [] };
}

async function round(s: Side): Promise<void> {
  const entries = Array.from({ length: EVENTS }, (_, i) => entry(i));
  const main0 = mainThread();
  const all0 = wholeProcess();
  for (let i = 0; i < EVENTS; i += 500) {
    for (const e of entries.slice(i, i + 500)) s.trail.enqueue(e);
    await s.trail.flush();
  }
  s.main.push(((mainThread() - main0) * 1e6) / EVENTS);
  s.all.push(((wholeProcess() - all0) * 1e6) / EVENTS);
}

async function main(): Promise<void> {
  const sides = [await side('on the serving thread', false), await side('in the worker thread', true)];
  try {
    // A first batch starts the worker (and loads its code) before anything is measured.
    for (const s of sides) {
      s.trail.enqueue(entry(0));
      await s.trail.flush();
    }
    for (let r = 0; r < ROUNDS; r += 1) for (const s of r % 2 === 0 ? sides : [...sides].reverse()) await round(s);
  } finally {
    for (const s of sides) {
      await s.trail.close();
      await s.store.close();
      rmSync(s.dir, { recursive: true, force: true });
    }
  }
  const us = (v: number): string => `${v.toFixed(1)} µs`;
  const median = (v: number[]): number => [...v].sort((a, b) => a - b)[Math.floor(v.length / 2)]!;
  console.log(`trail batches: ${ROUNDS} rounds of ${EVENTS.toLocaleString('en-US')} GetUser events per store, CPU per event (records built beforehand); load average ${loadavg()[0]!.toFixed(2)}`);
  for (const s of sides) {
    console.log(`  ${s.name.padEnd(22)} serving thread: median ${us(median(s.main))} (${s.main.map(us).join(', ')}); whole process: median ${us(median(s.all))}`);
  }
}

main().catch((error: unknown) => {
  console.error(`bench: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  process.exitCode = 1;
});
