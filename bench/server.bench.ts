// `npm run bench:server`: Keyward's HTTP throughput and latency on signed IAM calls (GetUser,
// ListUsers over 1,000 users, CreateUser), as root and as an IAM user whose permissions come
// from an attached managed policy, against moto_server given the same requests, and against a
// bare node:http server answering fixed bodies (bare-server.ts), the ceiling for any Node.js
// server on this machine. The audit trail's cost: signed GetUser and CreateUser as the IAM user
// with the trail on (the main runs) and off (KEYWARD_AUDIT=off, on a copy of the same seeded
// store), in the same run. See bench/SERVER.md.

import { randomBytes } from 'node:crypto';
import { cpSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CALLER_NAME, iamClient, SEED_USERS, seed, seedUserName, type IamClient } from './server-client.js';
import { runLoad, type LoadResult, type RequestSource } from './server-load.js';
import { startBare } from './bare-server.js';
import { ensureBuilt, motoPython, startKeyward, startMoto, type Target } from './server-process.js';
import { queryBody, querySigner, type Credentials } from './server-sign.js';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const WARMUP_SECONDS = Number(process.env.BENCH_WARMUP_SECONDS ?? 1);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 10);
/** Reads are also run on one connection: latency without queueing behind other requests. */
const UNLOADED_SECONDS = Number(process.env.BENCH_UNLOADED_SECONDS ?? 3);
/** AWS's default quota is 5,000 users; two CreateUser runs must fit beside the 1,001 seeded. */
const MAX_CREATES_PER_RUN = 1500;

type Caller = 'root' | 'iam';
type Workload = 'GetUser' | 'ListUsers' | 'CreateUser';

const ROOT_KEY: Credentials = { accessKeyId: 'AKIABENCHROOT0000001', secretAccessKey: randomBytes(30).toString('base64') };

function source(target: Target, workload: Workload, credentials: Credentials, tag: string): RequestSource {
  const sign = querySigner({ credentials, host: target.host });
  switch (workload) {
    case 'GetUser':
      return { kind: 'fixed', body: queryBody('GetUser', { UserName: seedUserName(SEED_USERS / 2) }), sign };
    case 'ListUsers':
      return { kind: 'fixed', body: queryBody('ListUsers'), sign };
    case 'CreateUser':
      return { kind: 'per-request', body: (i) => queryBody('CreateUser', { UserName: `new-${tag}-${i}`, Path: '/bench/' }), sign };
  }
}

/** One request of each read, checked by hand before the load, so a broken server cannot pass as fast. */
async function checkReads(client: IamClient): Promise<number> {
  const user = await client.call('GetUser', { UserName: seedUserName(SEED_USERS / 2) });
  if (!user.includes(`<UserName>${seedUserName(SEED_USERS / 2)}</UserName>`)) throw new Error(`GetUser answered ${user.slice(0, 200)}`);
  const list = await client.call('ListUsers');
  return (list.match(/<member>/g) ?? []).length;
}

const ms = (v: number): string => (v < 10 ? v.toFixed(2) : v.toFixed(1));
const rate = (r: LoadResult): string => `${Math.round(r.perSecond).toLocaleString('en-US')} req/s  p50 ${ms(r.p50)} ms  p99 ${ms(r.p99)} ms`;

function detail(name: string, r: LoadResult): string {
  const failed = r.failed > 0 ? `  FAILED ${r.failed} ${JSON.stringify(r.failures)}` : '';
  return `    ${name}: ${r.ok} ok in ${r.seconds.toFixed(1)} s; server ${r.serverCpuMsPerRequest.toFixed(3)} CPU-ms/req (main thread ${r.serverMainCpuMsPerRequest.toFixed(3)}; ${r.serverCores.toFixed(2)} cores), load generator ${r.loadCores.toFixed(2)}, other processes ${r.otherCores.toFixed(2)} cores${failed}`;
}

interface Phase {
  /** `Workload/caller` for the loaded runs, `Workload/caller/1` for the one-connection runs. */
  readonly results: Map<string, LoadResult>;
  readonly listed: number;
}

async function measure(target: Target, callers: ReadonlyMap<Caller, Credentials>, connectionPerRequest = false): Promise<Phase> {
  const results = new Map<string, LoadResult>();
  const first = [...callers.values()][0]!;
  const listed = await checkReads(iamClient(target.url, first));
  for (const workload of ['GetUser', 'ListUsers', 'CreateUser'] as const) {
    for (const [caller, credentials] of callers) {
      if (workload !== 'CreateUser' && WARMUP_SECONDS > 0) {
        await runLoad(target, source(target, workload, credentials, `warm-${caller}`), { connections: CONNECTIONS, seconds: WARMUP_SECONDS, connectionPerRequest });
      }
      const r = await runLoad(target, source(target, workload, credentials, caller), {
        connections: CONNECTIONS,
        seconds: SECONDS,
        connectionPerRequest,
        ...(workload === 'CreateUser' && { maxRequests: MAX_CREATES_PER_RUN }),
      });
      results.set(`${workload}/${caller}`, r);
      process.stderr.write(`bench: ${target.name} ${workload} as ${caller}: ${rate(r)}\n`);
      if (workload !== 'CreateUser' && UNLOADED_SECONDS > 0) {
        const one = await runLoad(target, source(target, workload, credentials, caller), { connections: 1, seconds: UNLOADED_SECONDS, connectionPerRequest });
        results.set(`${workload}/${caller}/1`, one);
      }
    }
  }
  return { results, listed };
}

/** The seeded store, copied before the trail-on runs add to it, and the IAM caller. */
let trailOffStart: { dataDir: string; iam: Credentials } | undefined;

async function keywardPhase(): Promise<Phase> {
  ensureBuilt();
  const seeding = await startKeyward({ rootKey: ROOT_KEY });
  let iam: Credentials;
  try {
    const t0 = Date.now();
    iam = await seed(iamClient(seeding.url, ROOT_KEY));
    process.stderr.write(`bench: keyward seeded ${SEED_USERS} users in ${((Date.now() - t0) / 1000).toFixed(1)} s\n`);
  } finally {
    await seeding.stop();
  }
  const copy = join(tmpdir(), `keyward-bench-trail-off-${randomBytes(4).toString('hex')}`);
  cpSync(seeding.dataDir, copy, { recursive: true });
  trailOffStart = { dataDir: copy, iam };
  // Served again from the same data: a clean shutdown checkpoints SQLite's WAL, so the first
  // runs do not pay for the seeding's writes.
  const target = await startKeyward({ rootKey: ROOT_KEY, dataDir: seeding.dataDir });
  try {
    return await measure(target, new Map<Caller, Credentials>([['root', ROOT_KEY], ['iam', iam]]));
  } finally {
    await target.stop();
  }
}

/** The same signed reads against the bare server (it ignores them), on the same connections. */
async function barePhase(iam: Credentials): Promise<Map<string, LoadResult>> {
  const target = await startBare();
  try {
    const results = new Map<string, LoadResult>();
    for (const workload of ['GetUser', 'ListUsers'] as const) {
      if (WARMUP_SECONDS > 0) await runLoad(target, source(target, workload, iam, 'warm-bare'), { connections: CONNECTIONS, seconds: WARMUP_SECONDS });
      const r = await runLoad(target, source(target, workload, iam, 'bare'), { connections: CONNECTIONS, seconds: SECONDS });
      results.set(workload, r);
      process.stderr.write(`bench: bare node:http ${workload}: ${rate(r)}\n`);
    }
    return results;
  } finally {
    await target.stop();
  }
}

/** GetUser and CreateUser as the IAM user with the trail off, from the same seeded store. */
async function trailOffPhase(): Promise<Map<string, LoadResult>> {
  const start = trailOffStart!;
  const target = await startKeyward({ rootKey: ROOT_KEY, dataDir: start.dataDir, env: { KEYWARD_AUDIT: 'off' } });
  try {
    await checkReads(iamClient(target.url, start.iam));
    const results = new Map<string, LoadResult>();
    for (const workload of ['GetUser', 'CreateUser'] as const) {
      if (workload === 'GetUser' && WARMUP_SECONDS > 0) {
        await runLoad(target, source(target, workload, start.iam, 'warm-off'), { connections: CONNECTIONS, seconds: WARMUP_SECONDS });
      }
      const r = await runLoad(target, source(target, workload, start.iam, 'iam'), {
        connections: CONNECTIONS,
        seconds: SECONDS,
        ...(workload === 'CreateUser' && { maxRequests: MAX_CREATES_PER_RUN }),
      });
      results.set(workload, r);
      process.stderr.write(`bench: keyward (trail off) ${workload} as iam: ${rate(r)}\n`);
    }
    return results;
  } finally {
    await target.stop();
    rmSync(start.dataDir, { recursive: true, force: true });
  }
}

async function motoPhase(python: string): Promise<Phase> {
  const target = await startMoto(python);
  try {
    const t0 = Date.now();
    await seed(iamClient(target.url, ROOT_KEY));
    process.stderr.write(`bench: moto seeded ${SEED_USERS} users in ${((Date.now() - t0) / 1000).toFixed(1)} s\n`);
    // moto evaluates no policies, so one caller stands for both; werkzeug closes every connection.
    return await measure(target, new Map<Caller, Credentials>([['root', ROOT_KEY]]), true);
  } finally {
    await target.stop();
  }
}

function signingCost(): number {
  const sign = querySigner({ credentials: ROOT_KEY, host: '127.0.0.1:4566' });
  const n = 20_000;
  const t0 = process.hrtime.bigint();
  for (let i = 0; i < n; i++) sign(queryBody('CreateUser', { UserName: `new-x-${i}`, Path: '/bench/' }));
  return Number(process.hrtime.bigint() - t0) / 1e3 / n;
}

async function main(): Promise<void> {
  const started = Date.now();
  console.log(`Keyward server benchmark: ${SECONDS} s runs, ${CONNECTIONS} connections, loopback, SigV4-signed requests`);
  console.log(`account with ${SEED_USERS} users; GetUser ${seedUserName(SEED_USERS / 2)}; ListUsers with the default MaxItems (100);`);
  console.log(`CreateUser with a fresh name per request (signed in the load generator), at most ${MAX_CREATES_PER_RUN} per run`);
  console.log(`iam caller: user '${CALLER_NAME}' with an attached customer managed policy (root skips policy evaluation)`);
  console.log('moto_server (werkzeug) closes the connection after every response, so its runs open one per request');
  console.log(`signing one request in the load generator costs ${signingCost().toFixed(1)} µs`);
  const keyward = await keywardPhase();
  const trailOff = await trailOffPhase();
  // BENCH_MOTO=0 leaves moto out (its seeding alone takes about a minute): Keyward and bare only.
  const python = process.env.BENCH_MOTO === '0' ? undefined : motoPython();
  let moto: Phase | undefined;
  if (python === undefined) console.log(process.env.BENCH_MOTO === '0' ? 'moto: left out (BENCH_MOTO=0)' : 'moto: not available (python3 -c "import moto.server" failed); Keyward figures only');
  else moto = await motoPhase(python);

  console.log('');
  console.log(`Keyward ListUsers returned ${keyward.listed} users per page${moto ? `; moto returned ${moto.listed} (it ignores MaxItems)` : ''}`);
  for (const workload of ['GetUser', 'ListUsers', 'CreateUser'] as const) {
    const peer = moto?.results.get(`${workload}/root`);
    for (const caller of ['root', 'iam'] as const) {
      const k = keyward.results.get(`${workload}/${caller}`)!;
      const line = [`${`${workload} as ${caller}:`.padEnd(22)} Keyward ${rate(k)}`];
      if (peer) line.push(`moto ${rate(peer)}`, `ratio: ${(k.perSecond / peer.perSecond).toFixed(1)}`);
      console.log(line.join(' | '));
      console.log(detail('Keyward', k));
      const one = keyward.results.get(`${workload}/${caller}/1`);
      const peerOne = moto?.results.get(`${workload}/root/1`);
      if (one) console.log(`    one connection: Keyward ${rate(one)}${peerOne ? ` | moto ${rate(peerOne)}` : ''}`);
    }
    if (peer) console.log(detail('moto', peer));
  }
  const p99s = (suffix: string): number =>
    Math.max(...['GetUser', 'ListUsers'].flatMap((w) => (['root', 'iam'] as const).map((c) => keyward.results.get(`${w}/${c}${suffix}`)?.p99 ?? Number.NaN)));
  console.log('');
  const loaded = p99s('');
  const unloaded = p99s('/1');
  console.log(`target p99 < 5 ms on signed reads: ${loaded < 5 ? 'met' : 'NOT met'} at ${CONNECTIONS} connections (worst ${ms(loaded)} ms)${Number.isNaN(unloaded) ? '' : `; one connection: worst ${ms(unloaded)} ms`}`);
  if (moto) {
    const worst = Math.min(
      ...['GetUser', 'ListUsers'].flatMap((w) =>
        (['root', 'iam'] as const).map((c) => keyward.results.get(`${w}/${c}`)!.perSecond / moto.results.get(`${w}/root`)!.perSecond),
      ),
    );
    console.log(`target >= 10x moto on signed reads: ${worst >= 10 ? 'met' : 'NOT met'} (lowest ratio ${worst.toFixed(1)})`);
  }
  console.log('');
  for (const workload of ['GetUser', 'CreateUser'] as const) {
    const on = keyward.results.get(`${workload}/iam`)!;
    const off = trailOff.get(workload)!;
    const cost = 1 - on.perSecond / off.perSecond;
    console.log(`${`${workload} as iam, trail:`.padEnd(26)} on ${rate(on)} | off ${rate(off)} | trail costs ${(cost * 100).toFixed(1)}% of throughput`);
    console.log(detail('trail off', off));
    if (workload === 'GetUser') console.log(`target: the trail costs < 10% of throughput on reads: ${cost < 0.1 ? 'met' : 'NOT met'}`);
  }
  // The ceiling: the same signed reads answered by a bare node:http server with fixed bodies.
  const bare = await barePhase(ROOT_KEY);
  console.log('');
  for (const [workload, goal] of [['GetUser', 0.4], ['ListUsers', 0.15]] as const) {
    const b = bare.get(workload)!;
    const k = keyward.results.get(`${workload}/iam`)!;
    const fraction = k.perSecond / b.perSecond;
    console.log(`${`${workload} as iam vs bare:`.padEnd(26)} Keyward ${rate(k)} | bare node:http ${rate(b)} | ${(fraction * 100).toFixed(0)}% of bare`);
    console.log(`target >= ${goal * 100}% of the bare server for ${workload} as an IAM user: ${fraction >= goal ? 'met' : 'NOT met'}`);
  }
  const failed = [...keyward.results.values(), ...trailOff.values(), ...(moto?.results.values() ?? []), ...bare.values()].some((r) => r.failed > 0);
  console.log(`done in ${Math.round((Date.now() - started) / 1000)} s${failed ? '; some requests FAILED (see above)' : ''}`);
  if (failed) process.exitCode = 1;
}

main().catch((error: unknown) => {
  console.error(`bench: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  process.exitCode = 1;
});
