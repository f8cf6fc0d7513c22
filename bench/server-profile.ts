// `npx tsx bench/server-profile.ts [GetUser|ListUsers|CreateUser] [iam|root]`: runs one workload
// of the server benchmark against a Keyward child under `node --cpu-prof`, then prints where
// the server's CPU time went per request, by pipeline stage (see server-profile-report.ts).

import { copyFileSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { iamClient, seed, SEED_USERS, seedUserName } from './server-client.js';
import { runLoad, type RequestSource } from './server-load.js';
import { ensureBuilt, startKeyward, tempDir } from './server-process.js';
import { summarize, type CpuProfile, type Row } from './server-profile-report.js';
import { queryBody, querySigner, type Credentials } from './server-sign.js';

const workload = process.argv[2] ?? 'GetUser';
const callerKind = process.argv[3] ?? 'iam';
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 10);
/** Sampling interval in microseconds (node's default is 1000). */
const INTERVAL = Number(process.env.PROFILE_INTERVAL_US ?? 200);
const ROOT_KEY: Credentials = { accessKeyId: 'AKIABENCHROOT0000001', secretAccessKey: randomBytes(30).toString('base64') };

function body(i: number): string {
  if (workload === 'GetUser') return queryBody('GetUser', { UserName: seedUserName(SEED_USERS / 2) });
  if (workload === 'ListUsers') return queryBody('ListUsers');
  if (workload === 'CreateUser') return queryBody('CreateUser', { UserName: `prof-${i}`, Path: '/bench/' });
  throw new Error(`unknown workload '${workload}' (GetUser, ListUsers or CreateUser)`);
}

const micros = (v: number, requests: number): string => `${(v / requests).toFixed(1).padStart(7)} µs`;

function table(title: string, rows: readonly Row[], busy: number, requests: number): void {
  console.log(`\n${title}`);
  for (const r of rows) console.log(`  ${micros(r.micros, requests)} ${((100 * r.micros) / busy).toFixed(1).padStart(5)}%  ${r.name}`);
}

async function main(): Promise<void> {
  ensureBuilt();
  const dir = tempDir('keyward-prof-');
  // Seeded by a plain child, then profiled in a fresh one on the same data (as in server.bench.ts).
  const seeding = await startKeyward({ rootKey: ROOT_KEY });
  let iam: Credentials;
  try {
    iam = await seed(iamClient(seeding.url, ROOT_KEY));
  } finally {
    await seeding.stop();
  }
  const target = await startKeyward({
    rootKey: ROOT_KEY,
    dataDir: seeding.dataDir,
    nodeFlags: ['--cpu-prof', `--cpu-prof-dir=${dir}`, `--cpu-prof-interval=${INTERVAL}`],
  });
  let from = 0;
  let to = 0;
  let requests = 0;
  try {
    const credentials = callerKind === 'root' ? ROOT_KEY : iam;
    const sign = querySigner({ credentials, host: target.host });
    const source: RequestSource =
      workload === 'CreateUser' ? { kind: 'per-request', body, sign } : { kind: 'fixed', body: body(0), sign };
    await runLoad(target, workload === 'CreateUser' ? { kind: 'per-request', body: (i) => body(i + 1_000_000), sign } : source, {
      connections: CONNECTIONS,
      seconds: 2,
      ...(workload === 'CreateUser' && { maxRequests: 500 }),
    });
    // process.hrtime and V8's profile timestamps read the same monotonic clock.
    from = Number(process.hrtime.bigint() / 1000n);
    const r = await runLoad(target, source, { connections: CONNECTIONS, seconds: SECONDS, ...(workload === 'CreateUser' && { maxRequests: 3000 }) });
    to = Number(process.hrtime.bigint() / 1000n);
    requests = r.ok;
    console.log(`${workload} as ${callerKind}, profiled (${INTERVAL} µs sampling): ${Math.round(r.perSecond)} req/s, p50 ${r.p50.toFixed(2)} ms, p99 ${r.p99.toFixed(2)} ms, failed ${r.failed}`);
    console.log(`server ${r.serverCpuMsPerRequest.toFixed(3)} CPU-ms/req (main thread ${r.serverMainCpuMsPerRequest.toFixed(3)}; ${r.serverCores.toFixed(2)} cores); load generator ${r.loadCores.toFixed(2)} cores; other processes ${r.otherCores.toFixed(2)} cores`);
  } finally {
    await target.stop();
  }
  // One profile per thread (CPU.<date>.<time>.<pid>.<thread>.<seq>.cpuprofile): the main thread's is thread 0.
  const files = readdirSync(dir).filter((f) => f.endsWith('.cpuprofile'));
  const file = files.find((f) => f.split('.')[4] === '0') ?? files[0];
  if (file === undefined) throw new Error('the server wrote no .cpuprofile');
  // PROFILE_OUT keeps the profile (for Chrome DevTools or speedscope).
  if (process.env.PROFILE_OUT) copyFileSync(join(dir, file), process.env.PROFILE_OUT);
  const profile = JSON.parse(readFileSync(join(dir, file), 'utf8')) as CpuProfile;
  if (to < profile.startTime || from > profile.endTime) throw new Error('the profile clock does not match process.hrtime');
  const s = summarize(profile, { root: join(import.meta.dirname, '..'), from, to });
  console.log(`main thread: ${(s.busyMicros / 1e6).toFixed(2)} s busy, ${(s.idleMicros / 1e6).toFixed(2)} s idle in the window; ${requests} requests`);
  table('per request, by stage (highest-priority stage on the stack):', s.stages, s.busyMicros, requests);
  table('top self time:', s.self, s.busyMicros, requests);
  table('top inclusive time:', s.inclusive, s.busyMicros, requests);
}

main().catch((error: unknown) => {
  console.error(`profile: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  process.exitCode = 1;
});
