// `npx tsx bench/server-ab.ts`: A/B runs of signed reads in one sitting, for a shared machine.
// Each variant is a build (`dist/cli/bin.js` of this tree or another worktree) and an
// environment (`KEYWARD_AUDIT=off`); each is seeded once (its own store: builds may differ in
// migrations), then every round runs every variant back to back, and the bare node:http
// server too, so all see the same load. Medians over the rounds, with the load average.
//
// AB_VARIANTS='new=dist/cli/bin.js;old=/work/old/dist/cli/bin.js;off=dist/cli/bin.js:KEYWARD_AUDIT=off'
// AB_WORKLOADS=GetUser,ListUsers AB_ROUNDS=5 BENCH_SECONDS=3 BENCH_CONNECTIONS=10

import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { loadavg } from 'node:os';
import { resolve } from 'node:path';
import { iamClient, seed, SEED_USERS, seedUserName } from './server-client.js';
import { runLoad, type LoadResult, type RequestSource } from './server-load.js';
import { startBare } from './bare-server.js';
import { ensureBuilt, startKeyward, type Target } from './server-process.js';
import { queryBody, querySigner, type Credentials } from './server-sign.js';

const ROUNDS = Number(process.env.AB_ROUNDS ?? 5);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 3);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 10);
const WORKLOADS = (process.env.AB_WORKLOADS ?? 'GetUser').split(',') as ('GetUser' | 'ListUsers')[];
const ROOT_KEY: Credentials = { accessKeyId: 'AKIABENCHROOT0000001', secretAccessKey: randomBytes(30).toString('base64') };

interface Variant {
  readonly name: string;
  readonly bin: string;
  readonly env: Record<string, string>;
  dataDir?: string;
  iam?: Credentials;
}

function variants(): Variant[] {
  const spec = process.env.AB_VARIANTS ?? 'on=dist/cli/bin.js;off=dist/cli/bin.js:KEYWARD_AUDIT=off';
  return spec.split(';').map((part) => {
    const eq = part.indexOf('=');
    const name = part.slice(0, eq);
    const [bin, ...envs] = part.slice(eq + 1).split(':');
    const env = Object.fromEntries(envs.map((e) => e.split('=', 2) as [string, string]));
    return { name, bin: resolve(bin!), env };
  });
}

function source(target: Target, workload: 'GetUser' | 'ListUsers', credentials: Credentials): RequestSource {
  const sign = querySigner({ credentials, host: target.host });
  const body = workload === 'GetUser' ? queryBody('GetUser', { UserName: seedUserName(SEED_USERS / 2) }) : queryBody('ListUsers');
  return { kind: 'fixed', body, sign };
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 === 1 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};

async function run(target: Target, workload: 'GetUser' | 'ListUsers', credentials: Credentials): Promise<LoadResult> {
  await runLoad(target, source(target, workload, credentials), { connections: CONNECTIONS, seconds: 1 });
  const r = await runLoad(target, source(target, workload, credentials), { connections: CONNECTIONS, seconds: SECONDS });
  if (r.failed > 0) throw new Error(`${workload} failed ${r.failed}: ${JSON.stringify(r.failures)}`);
  return r;
}

async function main(): Promise<void> {
  ensureBuilt();
  const all = variants();
  for (const v of all) {
    const seeding = await startKeyward({ rootKey: ROOT_KEY, bin: v.bin, env: v.env });
    try {
      v.iam = await seed(iamClient(seeding.url, ROOT_KEY));
    } finally {
      await seeding.stop();
    }
    v.dataDir = seeding.dataDir;
  }
  const results = new Map<string, LoadResult[]>();
  const add = (key: string, r: LoadResult): void => void results.set(key, [...(results.get(key) ?? []), r]);
  const loads: number[] = [];
  for (let round = 1; round <= ROUNDS; round += 1) {
    loads.push(loadavg()[0]!);
    for (const v of all) {
      const target = await startKeyward({ rootKey: ROOT_KEY, bin: v.bin, env: v.env, dataDir: v.dataDir! });
      try {
        for (const w of WORKLOADS) add(`${w}/${v.name}`, await run(target, w, v.iam!));
      } finally {
        await target.stop();
      }
    }
    const bare = await startBare();
    try {
      for (const w of WORKLOADS) add(`${w}/bare`, await run(bare, w, all[0]!.iam!));
    } finally {
      await bare.stop();
    }
    process.stderr.write(`ab: round ${round} done (load ${loads.at(-1)!.toFixed(2)})\n`);
  }
  console.log(`${ROUNDS} rounds, ${SECONDS} s runs, ${CONNECTIONS} connections; load average (1 min) ${Math.min(...loads).toFixed(2)}-${Math.max(...loads).toFixed(2)}`);
  for (const w of WORKLOADS) {
    const bare = median(results.get(`${w}/bare`)!.map((r) => r.perSecond));
    console.log(`${w}: bare node:http median ${Math.round(bare)} req/s`);
    for (const v of all) {
      const rs = results.get(`${w}/${v.name}`)!;
      const perSecond = median(rs.map((r) => r.perSecond));
      // Each round's fraction of that round's bare run, then the median of those.
      const fractions = rs.map((r, i) => r.perSecond / results.get(`${w}/bare`)![i]!.perSecond);
      console.log(
        `  ${v.name.padEnd(8)} median ${Math.round(perSecond)} req/s (${rs.map((r) => Math.round(r.perSecond)).join(' / ')}), ` +
          `p99 ${median(rs.map((r) => r.p99)).toFixed(1)} ms, ${median(rs.map((r) => r.serverCpuMsPerRequest)).toFixed(3)} CPU-ms/req ` +
          `(main thread ${median(rs.map((r) => r.serverMainCpuMsPerRequest)).toFixed(3)}), ` +
          `${(median(fractions) * 100).toFixed(1)}% of bare`,
      );
    }
  }
  for (const v of all) rmSync(v.dataDir!, { recursive: true, force: true });
}

main().catch((error: unknown) => {
  console.error(`ab: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  process.exitCode = 1;
});
