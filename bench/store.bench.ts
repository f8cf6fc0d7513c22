// `npm run bench:store [-- --sizes 1000,10000,100000 --backends sqlite,postgres]`: how Keyward
// grows with the account. For each size the account (store-fixture.ts) is written through the
// Store port into SQLite, exported, and imported into a fresh PostgreSQL database; then a
// server (dist/, a child process) is started on each store and timed on signed GetUser,
// ListUsers page walks, ListPolicies walks and a whole GetAccountAuthorizationDetails walk,
// with its peak RSS. One table, sizes side by side, targets beside the figures.

import { randomBytes } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { SecretBox } from '../src/auth/secret-box.js';
import { openBackupStore } from '../src/storage/backup/backup-location.js';
import { writeExportFile } from '../src/storage/backup/export-file.js';
import { importFile } from '../src/storage/backup/import-file.js';
import { iamClient, type IamClient } from './server-client.js';
import { ensureBuilt, startKeyward, tempDir, type KeywardTarget } from './server-process.js';
import { loadStore, shapeFor, userName, type Shape } from './store-fixture.js';

type Backend = 'sqlite' | 'postgres';

const { values: flags } = parseArgs({
  args: process.argv.slice(2),
  options: { sizes: { type: 'string' }, backends: { type: 'string' }, 'get-requests': { type: 'string' } },
});
const SIZES = (flags.sizes ?? process.env.BENCH_STORE_SIZES ?? '1000,10000,100000').split(',').map(Number);
const BACKENDS = (flags.backends ?? process.env.BENCH_STORE_BACKENDS ?? 'sqlite,postgres').split(',') as Backend[];
const GET_REQUESTS = Number(flags['get-requests'] ?? 300);
const PG_URL = process.env.KEYWARD_TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const MASTER_KEY = randomBytes(32).toString('hex');
const ROOT = { accessKeyId: 'AKIABENCHSTOREROOT01', secretAccessKey: randomBytes(30).toString('base64') };

const log = (text: string): void => void process.stderr.write(`bench:store: ${text}\n`);
const seconds = (since: bigint): number => Number(process.hrtime.bigint() - since) / 1e9;
const median = (xs: readonly number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? Number.NaN;

interface Figures {
  load?: number;
  export?: number;
  exportMiB?: number;
  import?: number;
  start: number;
  /** CPU the server used to start: wall time on a busy machine mostly measures the others. */
  startCpu: number;
  getUserMs: number;
  getUserCpuMs: number;
  listUsersPageMs: number;
  listUsersPageCpuMs: number;
  listUsersWalk: number;
  listPoliciesPageMs: number;
  gaad: number;
  gaadCpu: number;
  gaadPages: number;
  peakRssMiB: number;
}

function unescapeXml(text: string): string {
  return text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');
}

/** Times every page of a Marker walk; checks the items counted by `itemPattern` when given. */
async function walk(client: IamClient, action: string, params: Record<string, string>, itemPattern?: RegExp): Promise<{ pageMs: number[]; total: number; items: number }> {
  const pageMs: number[] = [];
  let marker: string | undefined;
  let items = 0;
  const started = process.hrtime.bigint();
  do {
    const t = process.hrtime.bigint();
    const xml = await client.call(action, { ...params, ...(marker !== undefined && { Marker: marker }) });
    pageMs.push(Number(process.hrtime.bigint() - t) / 1e6);
    if (itemPattern !== undefined) items += (xml.match(itemPattern) ?? []).length;
    marker = /<IsTruncated>true<\/IsTruncated>/.test(xml) ? unescapeXml(/<Marker>([^<]*)<\/Marker>/.exec(xml)?.[1] ?? '') : undefined;
  } while (marker !== undefined);
  return { pageMs, total: seconds(started), items };
}

function peakRssMiB(pid: number): number {
  const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m === null ? Number.NaN : Number(m[1]) / 1024;
}

async function startServer(backend: Backend, dataDir: string, databaseUrl: string | undefined): Promise<{ target: KeywardTarget; start: number }> {
  // startKeyward hands the child this process's environment: the store and key go through it.
  process.env.KEYWARD_MASTER_KEY = MASTER_KEY;
  if (backend === 'postgres' && databaseUrl !== undefined) process.env.KEYWARD_DATABASE_URL = databaseUrl;
  else delete process.env.KEYWARD_DATABASE_URL;
  const t = process.hrtime.bigint();
  const target = await startKeyward({ rootKey: ROOT, dataDir });
  return { target, start: seconds(t) };
}

async function measure(backend: Backend, shape: Shape, dataDir: string, databaseUrl: string | undefined): Promise<Figures> {
  const { target, start } = await startServer(backend, dataDir, databaseUrl);
  const startCpu = target.cpuSeconds();
  try {
    const client = iamClient(target.url, ROOT);
    const pick = (k: number): string => userName((k * 7919) % shape.users);
    for (let k = 0; k < 30; k += 1) await client.call('GetUser', { UserName: pick(k) });
    const getMs: number[] = [];
    let cpu = target.cpuSeconds();
    for (let k = 0; k < GET_REQUESTS; k += 1) {
      const t = process.hrtime.bigint();
      const xml = await client.call('GetUser', { UserName: pick(k + 30) });
      getMs.push(Number(process.hrtime.bigint() - t) / 1e6);
      if (!xml.includes(`<UserName>${pick(k + 30)}</UserName>`)) throw new Error(`GetUser answered ${xml.slice(0, 200)}`);
    }
    const getUserCpuMs = ((target.cpuSeconds() - cpu) * 1000) / GET_REQUESTS;
    cpu = target.cpuSeconds();
    const users = await walk(client, 'ListUsers', { MaxItems: '100' }, /<UserName>/g);
    const listUsersPageCpuMs = ((target.cpuSeconds() - cpu) * 1000) / users.pageMs.length;
    if (users.items !== shape.users) throw new Error(`ListUsers walked ${users.items} users, not ${shape.users}`);
    const policies = await walk(client, 'ListPolicies', { Scope: 'Local', MaxItems: '100' }, /<PolicyName>/g);
    if (policies.items !== shape.policies) throw new Error(`ListPolicies walked ${policies.items} policies, not ${shape.policies}`);
    cpu = target.cpuSeconds();
    const gaad = await walk(client, 'GetAccountAuthorizationDetails', { MaxItems: '1000' });
    const gaadCpu = target.cpuSeconds() - cpu;
    return {
      start,
      startCpu,
      getUserMs: median(getMs),
      getUserCpuMs,
      listUsersPageMs: median(users.pageMs),
      listUsersPageCpuMs,
      listUsersWalk: users.total,
      listPoliciesPageMs: median(policies.pageMs),
      gaad: gaad.total,
      gaadCpu,
      gaadPages: gaad.pageMs.length,
      peakRssMiB: peakRssMiB(target.pid),
    };
  } finally {
    await target.stop();
  }
}

async function admin(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: PG_URL });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

async function runSize(users: number): Promise<Map<Backend, Figures>> {
  const shape = shapeFor(users);
  const secrets = new SecretBox(Buffer.from(MASTER_KEY, 'hex'));
  const dir = tempDir('keyward-store-bench-');
  const sqlite = { kind: 'sqlite' as const, file: join(dir, 'keyward.db') };
  let t = process.hrtime.bigint();
  await loadStore(sqlite, shape, secrets, ROOT);
  const load = seconds(t);
  log(`${users} users: loaded into SQLite in ${load.toFixed(1)} s`);
  const file = join(dir, 'export.jsonl.gz');
  t = process.hrtime.bigint();
  const source = openBackupStore(sqlite, { mustExist: true });
  const exported = await writeExportFile(source, file, { secrets }).finally(() => source.close());
  const exportSeconds = seconds(t);
  log(`${users} users: exported ${exported.rows} rows in ${exportSeconds.toFixed(1)} s`);
  const results = new Map<Backend, Figures>();
  if (BACKENDS.includes('sqlite')) {
    results.set('sqlite', { load, export: exportSeconds, exportMiB: statSync(file).size / 2 ** 20, ...(await measure('sqlite', shape, dir, undefined)) });
    log(`${users} users: sqlite measured`);
  }
  if (BACKENDS.includes('postgres')) {
    const database = `keyward_bench_${randomBytes(6).toString('hex')}`;
    await admin(`CREATE DATABASE "${database}"`);
    try {
      const url = new URL(PG_URL);
      url.pathname = `/${database}`;
      t = process.hrtime.bigint();
      await importFile(file, { kind: 'postgres', url: url.toString() }, { secrets });
      const importSeconds = seconds(t);
      log(`${users} users: imported into PostgreSQL in ${importSeconds.toFixed(1)} s`);
      results.set('postgres', { import: importSeconds, ...(await measure('postgres', shape, tempDir('keyward-store-bench-pg-'), url.toString())) });
      log(`${users} users: postgres measured`);
    } finally {
      await admin(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
    }
  }
  return results;
}

interface Row {
  readonly label: string;
  readonly value: (f: Figures) => number | undefined;
  readonly digits: number;
  readonly target?: (f: Figures, first: Figures) => string;
}

const within20 = (pick: (f: Figures) => number) => (f: Figures, first: Figures): string => {
  const ratio = pick(f) / pick(first);
  return `${ratio <= 1.2 ? 'ok' : 'MISSED'} ${ratio.toFixed(2)}x of smallest (<= 1.20x)`;
};

const ROWS: readonly Row[] = [
  { label: 'load through Store port, s', value: (f) => f.load, digits: 1 },
  { label: 'export, s', value: (f) => f.export, digits: 1 },
  { label: 'export file, MiB', value: (f) => f.exportMiB, digits: 1 },
  { label: 'import, s', value: (f) => f.import, digits: 1 },
  { label: 'server start, s', value: (f) => f.start, digits: 2, target: (f) => `${f.start < 2 ? 'ok' : 'MISSED'} (< 2 s)` },
  { label: '  its server CPU, s', value: (f) => f.startCpu, digits: 2, target: (f) => `${f.startCpu < 2 ? 'ok' : 'MISSED'} (< 2 s)` },
  { label: 'GetUser p50, ms', value: (f) => f.getUserMs, digits: 2, target: within20((f) => f.getUserMs) },
  { label: '  server CPU per request, ms', value: (f) => f.getUserCpuMs, digits: 2, target: within20((f) => f.getUserCpuMs) },
  { label: 'ListUsers page (100) p50, ms', value: (f) => f.listUsersPageMs, digits: 2, target: within20((f) => f.listUsersPageMs) },
  { label: '  server CPU per page, ms', value: (f) => f.listUsersPageCpuMs, digits: 2, target: within20((f) => f.listUsersPageCpuMs) },
  { label: 'ListUsers whole walk, s', value: (f) => f.listUsersWalk, digits: 2 },
  { label: 'ListPolicies page (100) p50, ms', value: (f) => f.listPoliciesPageMs, digits: 2 },
  { label: 'GetAccountAuthorizationDetails all, s', value: (f) => f.gaad, digits: 1 },
  { label: '  its server CPU, s', value: (f) => f.gaadCpu, digits: 1 },
  { label: '  its pages (1,000 items each)', value: (f) => f.gaadPages, digits: 0 },
  { label: 'server peak RSS, MiB', value: (f) => f.peakRssMiB, digits: 0, target: (f) => `${f.peakRssMiB < 500 ? 'ok' : 'MISSED'} (< 500 MiB)` },
];

function printTable(all: Map<number, Map<Backend, Figures>>): void {
  const sizes = [...all.keys()];
  const head = ['', ...sizes.map((s) => `${s.toLocaleString('en-US')} users`), `target at ${sizes[sizes.length - 1]?.toLocaleString('en-US')}`];
  const lines: string[][] = [head];
  for (const backend of BACKENDS) {
    lines.push([`${backend}`]);
    for (const row of ROWS) {
      const figures = sizes.map((s) => all.get(s)?.get(backend));
      if (figures.every((f) => f === undefined || row.value(f) === undefined)) continue;
      const cells = figures.map((f) => {
        const v = f === undefined ? undefined : row.value(f);
        return v === undefined || Number.isNaN(v) ? '-' : v.toFixed(row.digits);
      });
      const first = figures[0];
      const last = figures[figures.length - 1];
      const target = row.target !== undefined && first !== undefined && last !== undefined ? row.target(last, first) : '';
      lines.push([`  ${row.label}`, ...cells, target]);
    }
  }
  const widths = head.map((_, i) => Math.max(...lines.map((l) => (l[i] ?? '').length)));
  for (const line of lines) {
    process.stdout.write(`${line.map((cell, i) => (i === 0 || i === line.length - 1 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join('  ')}\n`);
  }
  process.stdout.write(
    `\nLoad average at the end: ${loadavg().map((l) => l.toFixed(1)).join(' ')} on ${cpus().length} cores (wall times grow with it; CPU times much less).\n` +
      `Shape per size: a tenth as many groups and roles, half as many managed policies (50,000 at 100,000 users).\n` +
      'Caches: the caller cache is bounded (10,000 entries, 60 s), whatever the account size.\n',
  );
}

ensureBuilt();
const all = new Map<number, Map<Backend, Figures>>();
for (const size of SIZES) {
  all.set(size, await runSize(size));
  // The table so far after each size: the largest may take long on a small machine.
  if (size !== SIZES[SIZES.length - 1]) printTable(all);
}
printTable(all);
