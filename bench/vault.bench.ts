// `npm run bench:vault`: what `keyward vault exec` adds to a program's start with a cached
// session (the target: under 150 ms on this machine), and how fast the `--server` credential
// endpoint answers. Workload: one IAM user's key stored in the encrypted file backend with the
// shipped scrypt cost; `node -e ""` started alone and through `node dist/cli/bin.js vault exec`,
// alternately, BENCH_VAULT_RUNS times each; then the in-process part (open the vault, derive the
// key, decrypt, read the cached session); then GETs against the credential server, beside a bare
// node:http server answering the same JSON (the floor any loopback endpoint sits on). There is no
// aws-vault binary on this machine, so no peer tool is timed.

import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { CreateAccessKeyCommand, CreateUserCommand, IAMClient } from '@aws-sdk/client-iam';
import { startServer } from '../src/server/start-server.js';
import { loadConfig } from '../src/vault/profiles.js';
import { resolveCredentials } from '../src/vault/credential-chain.js';
import { refreshing, startCredentialServer } from '../src/vault/credential-server.js';
import { openSecretStore } from '../src/vault/open-store.js';
import { sdkStsCalls } from '../src/vault/sts-calls.js';
import { VaultRecords } from '../src/vault/vault-records.js';
import { ensureBuilt, tempDir } from './server-process.js';

const RUNS = Number(process.env['BENCH_VAULT_RUNS'] ?? 15);
const REQUESTS = Number(process.env['BENCH_VAULT_REQUESTS'] ?? 500);
const TARGET_MS = 150;
const ROOT_DIR = join(import.meta.dirname, '..');
const BIN = join(ROOT_DIR, 'dist', 'cli', 'bin.js');
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

/** Runs the command under sh, whose `times` reports its children's CPU time. */
function timeProcess(command: string, args: readonly string[], env: NodeJS.ProcessEnv): Promise<Timing> {
  return new Promise((resolve, reject) => {
    const start = process.hrtime.bigint();
    const child = spawn('/bin/sh', ['-c', '"$@" >/dev/null || exit $?; times', 'sh', command, ...args], { env, stdio: ['ignore', 'pipe', 'inherit'] });
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

    log(`exec: ${RUNS} runs each, alternating (machine: ${cpus().length} cores, load ${loadavg()[0]?.toFixed(2)})`);
    const alone: Timing[] = [];
    const through: Timing[] = [];
    for (let i = 0; i < RUNS; i += 1) {
      alone.push(await timeProcess(process.execPath, ['-e', ''], env));
      through.push(await timeProcess(process.execPath, [BIN, 'vault', 'exec', 'dev', '--', process.execPath, '-e', ''], env));
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

    const wall = (xs: Timing[]): number[] => xs.map((x) => x.wall);
    const cpu = (xs: Timing[]): number[] => xs.map((x) => x.cpu);
    const added = pct(wall(through), 0.5) - pct(wall(alone), 0.5);
    const addedCpu = pct(cpu(through), 0.5) - pct(cpu(alone), 0.5);
    const lines = [
      '',
      'keyward vault benchmark',
      `workload: node -e "" alone vs through 'node dist/cli/bin.js vault exec dev --' with a cached session, file backend (scrypt N=2^14, r=8, p=1, the default), ${RUNS} runs each`,
      '',
      '| exec start-up                                  | median wall ms | p90 wall ms | median CPU ms |',
      '| ---------------------------------------------- | -------------: | ----------: | ------------: |',
      `| child alone (node -e "")                       | ${f1(pct(wall(alone), 0.5)).padStart(14)} | ${f1(pct(wall(alone), 0.9)).padStart(11)} | ${f1(pct(cpu(alone), 0.5)).padStart(13)} |`,
      `| through keyward vault exec                     | ${f1(pct(wall(through), 0.5)).padStart(14)} | ${f1(pct(wall(through), 0.9)).padStart(11)} | ${f1(pct(cpu(through), 0.5)).padStart(13)} |`,
      `| added by keyward (target < ${TARGET_MS} ms)              | ${f1(added).padStart(14)} |             | ${f1(addedCpu).padStart(13)} |`,
      `| of which: open vault + scrypt + cached session | ${f1(pct(inProcess, 0.5)).padStart(14)} | ${f1(pct(inProcess, 0.9)).padStart(11)} |               |`,
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
      `exec overhead: ${f1(added)} ms wall, ${f1(addedCpu)} ms CPU; target ${TARGET_MS} ms: ${added < TARGET_MS ? 'met' : addedCpu < TARGET_MS ? 'met in CPU time, not in wall time under this load' : 'NOT met'}`,
    ];
    process.stdout.write(`${lines.join('\n')}\n`);
  } finally {
    await server.stop();
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(home, { recursive: true, force: true });
  }
}

await main();
