// `npm run bench:authorize`: the decision API (docs/authorize.md) on this machine. Keyward runs
// in its own process (authorize-server.ts, SQLite), as it is deployed; this process is the load
// generator and hosts the hello-world services. A user allowed notes:GetNote on its own notes,
// and the notes service's principal asking. Workloads, each BENCH_SECONDS (default 5):
//   1. single-check decisions at 1 connection (latency) and 10 connections (throughput);
//   2. batches of 25 checks (half of them denied, so sealed messages) at 10 connections;
//   3. a hello-world node:http service, bare (the baseline) and protected by the middleware
//      (every request verified and decided by Keyward, no decision cache), at 10 connections.
// Requests are signed once before each run (SigV4 allows reuse for 15 minutes), so the figures
// are the servers' cost, not the signer's. The load generator speaks node:http over keep-alive
// connections (the client's own transport: about 1.1 CPU-ms less per call than fetch). Besides rates,
// each run prints the CPU time per request of Keyward's process (including what it does after
// the run, such as writing the trail's buffered events) and of this one (from /proc):
// on a machine shared with other jobs those move far less than rates. Targets (issue #12): p50
// < 1 ms for one check at 1 connection, >= 25,000 checks/s in batches, protected >= 50% of bare.
// BENCH_AUDIT=off: the audit trail off. BENCH_PROFILE=DIR: Keyward's process under --cpu-prof.
// BENCH_RUNS=single,batch,hello: only those workloads (to profile one).

import { fork } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { cpus, loadavg } from 'node:os';
import { CreateAccessKeyCommand, CreateUserCommand, IAMClient, PutUserPolicyCommand } from '@aws-sdk/client-iam';
import { Hash } from '@smithy/core/serde';
import { SignatureV4 } from '@smithy/signature-v4';
import type { SourceData } from '@smithy/types';
import { createAuthorizeClient, protect, type ServiceDefinition } from '../src/authorize/index.js';
import { agentTransport, type KeywardTransport } from '../src/authorize/client/keyward-transport.js';
import { signCall } from '../src/authorize/client/sign-call.js';
import { parseDefinitionText } from '../src/authorize/definition/parse-definition.js';
import { machineCpuSeconds, trackChild, type Target } from './server-process.js';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const AUDIT_OFF = process.env.BENCH_AUDIT === 'off';
const PROFILE_DIR = process.env.BENCH_PROFILE;
const RUNS = new Set((process.env.BENCH_RUNS ?? 'single,batch,hello').split(','));
const ACCOUNT = '123456789012';
const ROOT = { accessKeyId: 'AKIABENCHAUTHZROOT01', secretAccessKey: 'bench-authorize-root-secret-0123456789' };

class Sha256 extends Hash {
  constructor(secret?: SourceData) {
    super('sha256', secret);
  }
}

interface Run {
  readonly ok: number;
  readonly failed: number;
  readonly perSecond: number;
  readonly p50: number;
  readonly p99: number;
  /** CPU ms per answered request: Keyward's process, this process (load generator + hello-world services). */
  readonly keywardCpuMs: number;
  readonly localCpuMs: number;
  /** Cores other processes on the machine kept busy meanwhile. */
  readonly otherCores: number;
}

const localCpuSeconds = (): number => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
};

/**
 * Waits until Keyward's process is idle again (under 20 ms of CPU in half a second, or 30 s at
 * most) and answers the CPU seconds it spent meanwhile: work a run left behind (the trail's
 * buffered decision events are written after the answers went out) is that run's cost.
 */
async function settle(keyward: Target): Promise<number> {
  const start = keyward.cpuSeconds();
  const deadline = performance.now() + 30_000;
  for (;;) {
    const before = keyward.cpuSeconds();
    await new Promise((resolve) => setTimeout(resolve, 500));
    if (keyward.cpuSeconds() - before < 0.02 || performance.now() > deadline) return keyward.cpuSeconds() - start;
  }
}

/**
 * `connections` loops sending `send()` back to back for `seconds`; exact percentiles over every
 * answer, CPU per answer (Keyward's including what it did after the run: see settle()).
 */
async function load(keyward: Target, connections: number, seconds: number, send: () => Promise<boolean>): Promise<Run> {
  const latencies: number[] = [];
  let failed = 0;
  const k0 = keyward.cpuSeconds();
  const l0 = localCpuSeconds();
  const m0 = machineCpuSeconds();
  const start = performance.now();
  const end = start + seconds * 1000;
  await Promise.all(
    Array.from({ length: connections }, async () => {
      while (performance.now() < end) {
        const t0 = performance.now();
        const ok = await send().catch(() => false);
        if (ok) latencies.push(performance.now() - t0);
        else failed += 1;
      }
    }),
  );
  const elapsed = (performance.now() - start) / 1000;
  const k = keyward.cpuSeconds() - k0;
  const l = localCpuSeconds() - l0;
  const m = machineCpuSeconds() - m0;
  const after = await settle(keyward);
  latencies.sort((a, b) => a - b);
  const at = (q: number): number => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? NaN;
  const n = Math.max(1, latencies.length);
  return {
    ok: latencies.length,
    failed,
    perSecond: latencies.length / elapsed,
    p50: at(0.5),
    p99: at(0.99),
    keywardCpuMs: ((k + after) * 1000) / n,
    localCpuMs: (l * 1000) / n,
    otherCores: Math.max(0, (m - k - l) / elapsed),
  };
}

const fmt = (r: Run, unit = 'req/s'): string =>
  `${Math.round(r.perSecond).toLocaleString('en-US')} ${unit}  p50 ${r.p50.toFixed(2)} ms  p99 ${r.p99.toFixed(2)} ms${r.failed > 0 ? `  FAILED ${r.failed}` : ''}`;
const cpuOf = (r: Run, per = 'request'): string =>
  `CPU per ${per}: Keyward ${r.keywardCpuMs.toFixed(3)} ms, service + load generator ${r.localCpuMs.toFixed(3)} ms; other processes ${r.otherCores.toFixed(1)} cores`;

async function listen(server: Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

/** Keyward in its own process, stopped (cleanly, so a profile is written) when the run ends. */
async function startKeyward(): Promise<Target> {
  const child = fork(new URL('./authorize-server.ts', import.meta.url), {
    execArgv: [...process.execArgv, ...(PROFILE_DIR !== undefined ? ['--cpu-prof', `--cpu-prof-dir=${PROFILE_DIR}`] : [])],
    env: { ...process.env, BENCH_ACCOUNT: ACCOUNT, BENCH_ROOT_KEY_ID: ROOT.accessKeyId, BENCH_ROOT_SECRET: ROOT.secretAccessKey },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const url = await new Promise<string>((resolve, reject) => {
    child.once('message', (m) => resolve((m as { url: string }).url));
    child.once('exit', (code) => reject(new Error(`the Keyward process exited with ${code}`)));
  });
  return trackChild('keyward', child, url);
}

async function main(): Promise<void> {
  const keyward = await startKeyward();
  const bare = createServer((_req, res) => res.writeHead(200, { 'content-type': 'text/plain' }).end('hello'));
  let protectedServer: Server | undefined;
  let client: ReturnType<typeof createAuthorizeClient> | undefined;
  let loader: KeywardTransport | undefined;
  try {
    const iam = new IAMClient({ endpoint: keyward.url, region: 'us-east-1', credentials: ROOT });
    const userWithKey = async (name: string, statement: object): Promise<{ accessKeyId: string; secretAccessKey: string }> => {
      await iam.send(new CreateUserCommand({ UserName: name }));
      await iam.send(new PutUserPolicyCommand({ UserName: name, PolicyName: 'p', PolicyDocument: JSON.stringify({ Version: '2012-10-17', Statement: [statement] }) }));
      const { AccessKey } = await iam.send(new CreateAccessKeyCommand({ UserName: name }));
      return { accessKeyId: AccessKey!.AccessKeyId!, secretAccessKey: AccessKey!.SecretAccessKey! };
    };
    const svc = await userWithKey('notes-service', { Effect: 'Allow', Action: 'keyward:Authorize', Resource: '*' });
    const alice = await userWithKey('alice', { Effect: 'Allow', Action: 'notes:GetNote', Resource: `arn:aws:notes::${ACCOUNT}:note/alice/*` });

    const bareUrl = await listen(bare);
    const parsed = parseDefinitionText(readFileSync(new URL('../examples/notes-service/notes.service.json', import.meta.url), 'utf8'), { reserved: new Set() });
    if (!parsed.ok) throw new Error('bad example definition');
    // The protected hello-world listens first, so its host can go into the definition.
    client = createAuthorizeClient({ endpoint: keyward.url, credentials: svc, service: 'notes' });
    const guard = client;
    protectedServer = createServer(
      protect({ client: guard, route: () => ({ action: 'GetNote', resource: `arn:aws:notes::${ACCOUNT}:note/alice/hello` }) }, (_req, res) => {
        res.writeHead(200, { 'content-type': 'text/plain' }).end('hello');
      }),
    );
    const protectedUrl = await listen(protectedServer);
    const definition: ServiceDefinition = { ...parsed.definition, Signing: { ...parsed.definition.Signing, Hosts: ['notes.internal', new URL(protectedUrl).host] } };
    const createUrl = new URL('/keyward/authorize/v1/services', keyward.url);
    const createBody = JSON.stringify({ definition });
    const created = await fetch(createUrl, { method: 'POST', body: createBody, headers: signCall({ method: 'POST', url: createUrl, body: createBody, contentType: 'application/json' }, ROOT, { region: 'us-east-1', now: new Date() }) });
    if (created.status !== 201) throw new Error(`creating the definition answered ${created.status} ${await created.text()}`);

    // The load generator: keep-alive node:http, one connection per concurrent loop.
    loader = agentTransport(new URL(keyward.url), { maxSockets: 10 });
    const send = loader;
    // The client's request, signed once by the AWS SDK's signer.
    const notesSigner = new SignatureV4({ credentials: alice, region: 'us-east-1', service: 'notes', sha256: Sha256 });
    const signedClient = await notesSigner.sign({ method: 'GET', protocol: 'https:', hostname: 'notes.internal', path: '/notes/alice/hello', query: {}, headers: { host: 'notes.internal' } });
    const forwarded = { method: 'GET', path: '/notes/alice/hello', query: '', headers: signedClient.headers, payloadSha256: 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855', sourceIp: '198.51.100.7', secure: true };
    const decisionsUrl = new URL('/keyward/authorize/v1/services/notes/decisions', keyward.url);
    const fixedCall = (checks: object[]): { body: string; headers: Record<string, string> } => {
      const body = JSON.stringify({ request: forwarded, checks });
      return { body, headers: signCall({ method: 'POST', url: decisionsUrl, body, contentType: 'application/json' }, svc, { region: 'us-east-1', now: new Date() }) };
    };
    const one = fixedCall([{ action: 'GetNote', resource: `arn:aws:notes::${ACCOUNT}:note/alice/hello` }]);
    const batch = fixedCall(Array.from({ length: 25 }, (_, i) => ({ action: 'GetNote', resource: `arn:aws:notes::${ACCOUNT}:note/${i % 2 === 0 ? 'alice' : 'bob'}/n${i}` })));
    const decide = (call: { body: string; headers: Record<string, string> }, expected: number) => async (): Promise<boolean> => {
      const res = await send.send(decisionsUrl, { method: 'POST', headers: call.headers, body: call.body });
      const answer = JSON.parse(res.text) as { decisions?: { decision: string }[] };
      return res.status === 200 && answer.decisions?.length === expected && answer.decisions[0]?.decision === 'Allow';
    };
    // The hello-world client's request, signed once for the protected server's host.
    const pHost = new URL(protectedUrl).host;
    const pSigned = await notesSigner.sign({ method: 'GET', protocol: 'http:', hostname: '127.0.0.1', port: Number(new URL(protectedUrl).port), path: '/hello', query: {}, headers: { host: pHost } });
    const pHeaders: Record<string, string> = {};
    for (const [k, v] of Object.entries(pSigned.headers)) if (k !== 'host') pHeaders[k] = v;
    const getOk = (url: string, headers: Record<string, string> = {}) => async (): Promise<boolean> => {
      const res = await send.send(new URL(url), { method: 'GET', headers, body: '' });
      return res.status === 200 && res.text === 'hello';
    };

    // Warm caches and connections; a wrong answer stops the benchmark before it is timed.
    if (!(await decide(one, 1)()) || !(await decide(batch, 25)()) || !(await getOk(`${protectedUrl}/hello`, pHeaders)())) throw new Error('a warm-up request was not allowed');
    await load(keyward, 4, 1, decide(one, 1));
    await load(keyward, 4, 1, decide(batch, 25));
    await settle(keyward);

    console.log(
      `bench:authorize — Keyward in its own process on SQLite, audit trail ${AUDIT_OFF ? 'off' : 'on'}, ${SECONDS} s per run, Node ${process.version}, load average ${(loadavg()[0] ?? 0).toFixed(1)} on ${cpus().length} cores`,
    );
    // Sequential: CPU per operation with nothing queued (other jobs on the machine skew it least).
    if (RUNS.has('single')) {
      const seq1 = await load(keyward, 1, 2, decide(one, 1));
      console.log(`  single check, sequential        ${cpuOf(seq1, 'decision')}`);
    }
    if (RUNS.has('batch')) {
      const seq25 = await load(keyward, 1, 2, decide(batch, 25));
      console.log(`  batch of 25, sequential         ${cpuOf(seq25, 'batch')}  => ${Math.round((25 * 1000) / seq25.keywardCpuMs).toLocaleString('en-US')} checks per Keyward CPU-second`);
    }
    const singleRuns = async (): Promise<void> => {
      const single1 = await load(keyward, 1, SECONDS, decide(one, 1));
      console.log(`  single check, 1 connection:     ${fmt(single1, 'decisions/s')}   (target p50 < 1 ms)`);
      console.log(`                                  ${cpuOf(single1, 'decision')}`);
      const single10 = await load(keyward, 10, SECONDS, decide(one, 1));
      console.log(`  single check, 10 connections:   ${fmt(single10, 'decisions/s')}`);
      console.log(`                                  ${cpuOf(single10, 'decision')}`);
    };

    const batchRun = async (): Promise<void> => {
      const batched = await load(keyward, 10, SECONDS, decide(batch, 25));
      console.log(`  batches of 25, 10 connections:  ${Math.round(batched.perSecond * 25).toLocaleString('en-US')} checks/s (${fmt(batched, 'batches/s')})   (target >= 25,000 checks/s)`);
      console.log(`                                  ${cpuOf(batched, 'batch')}`);
    };

    const helloRuns = async (): Promise<void> => {
      const bareRun = await load(keyward, 10, SECONDS, getOk(`${bareUrl}/hello`));
      console.log(`  hello-world bare, 10 conns:     ${fmt(bareRun)}   (baseline)`);
      console.log(`                                  ${cpuOf(bareRun)}`);
      const protRun = await load(keyward, 10, SECONDS, getOk(`${protectedUrl}/hello`, pHeaders));
      console.log(`  hello-world protected, 10 conns: ${fmt(protRun)}   ratio ${(protRun.perSecond / bareRun.perSecond).toFixed(2)} of bare (target >= 0.50)`);
      console.log(`                                  ${cpuOf(protRun)}`);
    };

    if (RUNS.has('single')) await singleRuns();
    if (RUNS.has('batch')) await batchRun();
    if (RUNS.has('hello')) await helloRuns();
  } finally {
    loader?.close();
    client?.close();
    await new Promise((resolve) => bare.close(resolve));
    if (protectedServer !== undefined) await new Promise((resolve) => protectedServer?.close(resolve));
    await keyward.stop();
  }
}

await main();
