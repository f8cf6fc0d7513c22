// `npm run bench:vault`: what `keyward vault exec` adds to a program's start with a cached
// session (the target: under 150 ms on this machine), and how fast the `--server` credential
// endpoint answers. Workload: one IAM user's key stored in the encrypted file backend with the
// shipped scrypt cost; `node -e ""` started alone, through `keyward vault exec` (the installed
// command, package.json's bin: dist/cli/keyward.cjs), through `node dist/cli/bin.js vault exec`
// (the ES module entry and its vault bundle), through the same command's unbundled modules
// (tsc's dist/cli/vault.js), and `keyward vault --help` (node's start plus loading the vault,
// no work), in turn,
// BENCH_VAULT_RUNS times each, each under bash, whose `times` gives its children's CPU time to
// the millisecond; then in process: scrypt alone, and the whole read (open the vault, derive the
// key, decrypt, read the cached session); then GETs against the credential server, beside a
// bare node:http server answering the same JSON (the floor any loopback endpoint sits on).
// There is no aws-vault binary on this machine, so no peer tool is timed.

import { spawn } from 'node:child_process';
import { randomBytes, scrypt } from 'node:crypto';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { cpus, loadavg } from 'node:os';
import { join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { CreateAccessKeyCommand, CreateUserCommand, IAMClient } from '@aws-sdk/client-iam';
import { startServer } from '../src/server/start-server.js';
import { loadConfig } from '../src/vault/profiles.js';
import { resolveCredentials } from '../src/vault/credential-chain.js';
import { refreshing, startCredentialServer } from '../src/vault/credential-server.js';
import { DEFAULT_SCRYPT } from '../src/vault/file-store.js';
import { openSecretStore } from '../src/vault/open-store.js';
import { sdkStsCalls } from '../src/vault/sts-calls.js';
import { VaultRecords } from '../src/vault/vault-records.js';
import { ensureBuilt, tempDir } from './server-process.js';

const RUNS = Number(process.env['BENCH_VAULT_RUNS'] ?? 15);
const REQUESTS = Number(process.env['BENCH_VAULT_REQUESTS'] ?? 500);
const TARGET_MS = 150;
const ROOT_DIR = join(import.meta.dirname, '..');
/** The installed `keyward` command. */
const BIN = join(ROOT_DIR, (JSON.parse(readFileSync(join(ROOT_DIR, 'package.json'), 'utf8')) as { bin: { keyward: string } }).bin.keyward);
const ESM_BIN = join(ROOT_DIR, 'dist', 'cli', 'bin.js');
const ROOT = { accessKeyId: 'AKIABENCHVAULTROOT01', secretAccessKey: randomBytes(30).toString('base64') };

const log = (text: string): void => void process.stderr.write(`bench:vault: ${text}\n`);
const ms = (since: bigint): number => Number(process.hrtime.bigint() - since) / 1e6;
const sorted = (xs: readonly number[]): number[] => [...xs].sort((a, b) => a - b);
const pct = (xs: readonly number[], p: number): number => sorted(xs)[Math.min(xs.length - 1, Math.floor(xs.length * p))] ?? Number.NaN;
const f1 = (x: number): string => x.toFixed(1);

interface Timing {
  /** Wall-clock milliseconds. */
  readonly wall: number;
  /** CPU milliseconds (user + system) of the process and its children: what it costs whatever the machine's load. */
  readonly cpu: number;
}

/** Runs the command under bash, whose `times` reports its children's CPU time (getrusage, to the ms; dash's counts 10 ms ticks). */
function timeProcess(command: string, args: readonly string[], env: NodeJS.ProcessEnv): Promise<Timing> {
  return new Promise((resolve, reject) => {
    const start = process.hrtime.bigint();
    const child = spawn('bash', ['-c', '"$@" >/dev/null || exit $?; times', 'bash', command, ...args], { env, stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    child.once('error', reject);
    child.once('close', (code) => {
      const wall = ms(start);
      if (code !== 0) return reject(new Error(`${command} ${args.join(' ')} exited ${code}`));
      const secs = [...(out.trim().split('\n')[1] ?? '').matchAll(/(\d+)m([\d.]+)s/g)].map((m) => Number(m[1]) * 60 + Number(m[2]));
      resolve({ wall, cpu: secs.reduce((a, b) => a + b, 0) * 1000 });
    });
  });
}

async function main(): Promise<void> {
  ensureBuilt();
  const dataDir = tempDir('keyward-bench-vault-data-');
  const home = tempDir('keyward-bench-vault-home-');
  const server = await startServer({ port: 0, host: '127.0.0.1', dataDir, accountId: '111122223333', rootAccessKeyId: ROOT.accessKeyId, rootSecretAccessKey: ROOT.secretAccessKey, logLevel: 'silent' });
  try {
    const iam = new IAMClient({ endpoint: server.url, region: 'us-east-1', credentials: ROOT });
    await iam.send(new CreateUserCommand({ UserName: 'bench' }));
    const key = (await iam.send(new CreateAccessKeyCommand({ UserName: 'bench' }))).AccessKey;
    mkdirSync(join(home, '.aws'), { recursive: true });
    writeFileSync(join(home, '.aws', 'config'), `[profile dev]\nregion = us-east-1\nendpoint_url = ${server.url}\n`);
    const env: NodeJS.ProcessEnv = {
      PATH: process.env['PATH'],
      HOME: home,
      KEYWARD_VAULT_BACKEND: 'file',
      KEYWARD_VAULT_PASSPHRASE: randomBytes(12).toString('hex'),
    };
    await timeProcess(process.execPath, [BIN, 'vault', 'add', 'dev', '--env'], { ...env, AWS_ACCESS_KEY_ID: key?.AccessKeyId, AWS_SECRET_ACCESS_KEY: key?.SecretAccessKey });
    // The first exec makes and caches the session; the timed ones reuse it.
    await timeProcess(process.execPath, [BIN, 'vault', 'exec', 'dev', '--', process.execPath, '-e', ''], env);

    // The same command through tsc's unbundled modules, for the bundle's gain.
    const unbundled = join(home, 'vault-unbundled.mjs');
    const dist = (file: string): string => JSON.stringify(pathToFileURL(join(ROOT_DIR, 'dist', 'cli', file)).href);
    writeFileSync(
      unbundled,
      `const { runVault } = await import(${dist('vault.js')});\nconst { processIo } = await import(${dist('io.js')});\nprocess.exitCode = await runVault(process.argv.slice(2), processIo());\n`,
    );
    const child = [process.execPath, '-e', ''];
    const variants = {
      alone: { command: process.execPath, args: ['-e', ''] },
      through: { command: process.execPath, args: [BIN, 'vault', 'exec', 'dev', '--', ...child] },
      esm: { command: process.execPath, args: [ESM_BIN, 'vault', 'exec', 'dev', '--', ...child] },
      unbundled: { command: process.execPath, args: [unbundled, 'exec', 'dev', '--', ...child] },
      help: { command: process.execPath, args: [BIN, 'vault', '--help'] },
    } as const;
    log(`exec: ${RUNS} runs of each, in turn (machine: ${cpus().length} cores, load ${loadavg()[0]?.toFixed(2)})`);
    const timed: Record<keyof typeof variants, Timing[]> = { alone: [], through: [], esm: [], unbundled: [], help: [] };
    for (let i = 0; i < RUNS; i += 1) {
      for (const [name, v] of Object.entries(variants)) timed[name as keyof typeof variants].push(await timeProcess(v.command, v.args, env));
    }

    // process.cpuUsage counts every thread, so the libuv worker scrypt runs on too.
    const kdf: Timing[] = [];
    for (let i = 0; i < RUNS; i += 1) {
      const start = process.hrtime.bigint();
      const used = process.cpuUsage();
      const { N, r, p } = DEFAULT_SCRYPT;
      await new Promise((resolve, reject) => scrypt('passphrase', randomBytes(16), 32, { N, r, p, maxmem: 256 * N * r + 2 ** 20 }, (e, k) => (e === null ? resolve(k) : reject(e))));
      const { user, system } = process.cpuUsage(used);
      kdf.push({ wall: ms(start), cpu: (user + system) / 1000 });
    }

    const records = new VaultRecords(openSecretStore({ env, askPassphrase: async () => '' }).store);
    const config = await loadConfig(env);
    const resolveOnce = () => resolveCredentials({ records, config, profile: 'dev', clock: () => new Date(), sts: sdkStsCalls, mfaToken: async () => '' });
    const inProcess: number[] = [];
    for (let i = 0; i < RUNS; i += 1) {
      const fresh = new VaultRecords(openSecretStore({ env, askPassphrase: async () => '' }).store);
      const start = process.hrtime.bigint();
      await resolveCredentials({ records: fresh, config, profile: 'dev', clock: () => new Date(), sts: sdkStsCalls, mfaToken: async () => '' });
      inProcess.push(ms(start));
    }

    const provide = refreshing(async () => (await resolveOnce()).credentials, () => new Date(), 5 * 60_000);
    const credServer = await startCredentialServer({ provide });
    const body = JSON.stringify(await (await fetch(credServer.url, { headers: { authorization: credServer.token } })).json());
    const bare = createServer((_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end(body));
    await new Promise<void>((r) => bare.listen(0, '127.0.0.1', r));
    const bareUrl = `http://127.0.0.1:${(bare.address() as AddressInfo).port}/`;
    const timeGets = async (url: string, headers: Record<string, string>): Promise<number[]> => {
      const out: number[] = [];
      for (let i = 0; i < REQUESTS; i += 1) {
        const start = process.hrtime.bigint();
        await (await fetch(url, { headers })).arrayBuffer();
        out.push(ms(start));
      }
      return out;
    };
    await timeGets(credServer.url, { authorization: credServer.token });
    const served = await timeGets(credServer.url, { authorization: credServer.token });
    const floor = await timeGets(bareUrl, {});
    await credServer.close();
    await new Promise((r) => bare.close(r));

    const wall = (xs: Timing[]): number => pct(xs.map((x) => x.wall), 0.5);
    const p90 = (xs: Timing[]): number => pct(xs.map((x) => x.wall), 0.9);
    const cpu = (xs: Timing[]): number => pct(xs.map((x) => x.cpu), 0.5);
    const added = wall(timed.through) - wall(timed.alone);
    const addedCpu = cpu(timed.through) - cpu(timed.alone);
    const row = (label: string, w: number, p: number | undefined, c: number | undefined): string =>
      `| ${label.padEnd(62)} | ${f1(w).padStart(14)} | ${(p === undefined ? '' : f1(p)).padStart(11)} | ${(c === undefined ? '' : f1(c)).padStart(13)} |`;
    const timedRow = (label: string, xs: Timing[]): string => row(label, wall(xs), p90(xs), cpu(xs));
    const { N, r, p } = DEFAULT_SCRYPT;
    const lines = [
      '',
      'keyward vault benchmark',
      `workload: node -e "" alone vs through 'keyward vault exec dev --' (node ${relative(ROOT_DIR, BIN)}) with a cached session, file backend (scrypt N=2^${Math.log2(N)}, r=${r}, p=${p}, the default), ${RUNS} runs each`,
      '',
      `| ${'exec start-up'.padEnd(62)} | median wall ms | p90 wall ms | median CPU ms |`,
      `| ${'-'.repeat(62)} | -------------: | ----------: | ------------: |`,
      timedRow('child alone (node -e ""): a bare node start, the baseline', timed.alone),
      timedRow('through keyward vault exec (keyward.cjs, the installed bin)', timed.through),
      timedRow('through node dist/cli/bin.js vault exec (ESM, bundle)', timed.esm),
      timedRow('through the same, unbundled modules (ESM)', timed.unbundled),
      timedRow('keyward vault --help (node start + loading the vault)', timed.help),
      row(`added by keyward (target < ${TARGET_MS} ms)`, added, undefined, addedCpu),
      row('added by node dist/cli/bin.js (ESM, bundle)', wall(timed.esm) - wall(timed.alone), undefined, cpu(timed.esm) - cpu(timed.alone)),
      row('added by the unbundled modules (ESM)', wall(timed.unbundled) - wall(timed.alone), undefined, cpu(timed.unbundled) - cpu(timed.alone)),
      row('of which: its own node start (= child alone)', wall(timed.alone), undefined, cpu(timed.alone)),
      row('of which: loading the vault (--help - child alone)', wall(timed.help) - wall(timed.alone), undefined, cpu(timed.help) - cpu(timed.alone)),
      row('of which: the work (exec - --help)', wall(timed.through) - wall(timed.help) - wall(timed.alone), undefined, cpu(timed.through) - cpu(timed.help) - cpu(timed.alone)),
      timedRow(`in process: scrypt alone (N=2^${Math.log2(N)}, r=${r}, p=${p})`, kdf),
      row('in process: open vault + scrypt + cached session', pct(inProcess, 0.5), pct(inProcess, 0.9), undefined),
      '',
      `credential server, ${REQUESTS} sequential GETs on loopback (fetch), beside a bare node:http server answering the same JSON:`,
      '',
      '| endpoint                  | median ms | p99 ms |',
      '| ------------------------- | --------: | -----: |',
      `| keyward credential server | ${f1(pct(served, 0.5)).padStart(9)} | ${f1(pct(served, 0.99)).padStart(6)} |`,
      `| bare node:http            | ${f1(pct(floor, 0.5)).padStart(9)} | ${f1(pct(floor, 0.99)).padStart(6)} |`,
      `| ratio                     | ${(pct(served, 0.5) / pct(floor, 0.5)).toFixed(2).padStart(9)} |        |`,
      '',
      `machine load while measuring: ${loadavg()[0]?.toFixed(2)} on ${cpus().length} cores (wall times stretch with it; CPU times do not)`,
      `exec overhead: ${f1(added)} ms wall, ${f1(addedCpu)} ms CPU, of which a bare node start (${f1(cpu(timed.alone))} ms CPU) and scrypt (${f1(cpu(kdf))} ms CPU) are the floor; target ${TARGET_MS} ms: ${added < TARGET_MS ? 'met' : addedCpu < TARGET_MS ? 'met in CPU time, not in wall time under this load' : 'NOT met'}`,
    ];
    process.stdout.write(`${lines.join('\n')}\n`);
  } finally {
    await server.stop();
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(home, { recursive: true, force: true });
  }
}

await main();
