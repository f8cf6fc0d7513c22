// `keyward serve` as a child process (tsx on src/cli/bin.ts): SIGTERM stops accepting, lets a
// request in flight finish, writes the usage buffer (last-used times) and exits 0; SIGHUP
// reloads the TLS certificate, and a failed reload keeps the previous one.

import { spawn, type ChildProcess } from 'node:child_process';
import { copyFile, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect } from 'node:tls';
import { afterAll, describe, expect, it } from 'vitest';
import { openStore } from '../../src/storage/open-store.js';
import { REPO_ROOT } from '../compat/keyward-process.js';
import { makeCertificate } from '../support/tls-certificate.js';
import { ACCOUNT_ID, ROOT_KEY } from '../support/server.js';
import { formBody, signPost } from '../support/signed-request.js';

const READY = /keyward: IAM and STS on (https?:\/\/\S+) \(account \d{12}\)/;

interface Served {
  readonly child: ChildProcess;
  readonly url: string;
  readonly exit: Promise<number | null>;
  output(): string;
}

const dirs: string[] = [];
const children: ChildProcess[] = [];
afterAll(async () => {
  for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
  for (const dir of dirs) await rm(dir, { recursive: true, force: true });
});

async function serve(dir: string, args: readonly string[]): Promise<Served> {
  const child = spawn(process.execPath, ['--import', 'tsx', join(REPO_ROOT, 'src/cli/bin.ts'), 'serve', '--port', '0', '--data', join(dir, 'data'), ...args], {
    cwd: REPO_ROOT,
    env: { ...process.env, KEYWARD_ACCOUNT_ID: ACCOUNT_ID, KEYWARD_ROOT_ACCESS_KEY_ID: ROOT_KEY.accessKeyId, KEYWARD_ROOT_SECRET_ACCESS_KEY: ROOT_KEY.secretAccessKey },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let output = '';
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  const exit = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`keyward did not start within 30 s:\n${output}`)), 30_000);
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString('utf8');
      const match = READY.exec(output);
      if (match?.[1] !== undefined) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    });
    void exit.then((code) => {
      clearTimeout(timer);
      reject(new Error(`keyward exited with ${String(code)} before it was ready:\n${output}`));
    });
  });
  return { child, url, exit, output: () => output };
}

const pause = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

function fingerprint(url: string): Promise<string> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = connect({ host: hostname, port: Number(port), rejectUnauthorized: false }, () => {
      resolve(socket.getPeerCertificate().fingerprint256);
      socket.end();
    });
    socket.once('error', reject);
  });
}

describe('keyward serve signals', { timeout: 90_000 }, () => {
  it('SIGTERM finishes the request in flight, writes last-used times, closes the store and exits 0', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'keyward-sigterm-'));
    dirs.push(dir);
    const served = await serve(dir, ['--shutdown-timeout', '20']);
    // Without TLS a SIGHUP is logged and ignored, not fatal. Sent once the server has answered a
    // request, so the signal cannot arrive while the process is still starting.
    expect((await fetch(`${served.url}/_keyward/health`)).status).toBe(200);
    served.child.kill('SIGHUP');
    for (let i = 0; i < 400 && !served.output().includes('nothing to reload'); i++) await pause(50);
    expect(served.output()).toContain('SIGHUP: no TLS certificate configured, nothing to reload');
    const signed = await signPost(served.url, formBody({ Action: 'CreateUser', Version: '2010-05-08', UserName: 'in-flight' }), {
      credentials: ROOT_KEY,
      signingDate: new Date(),
    });
    const body = Buffer.from(signed.body ?? '');
    // Headers and half the body now; the rest after SIGTERM: the request is in flight meanwhile.
    const { hostname, port } = new URL(served.url);
    const answer = new Promise<{ status: number; text: string }>((resolve, reject) => {
      const req = httpRequest({ host: hostname, port: Number(port), method: 'POST', path: '/', headers: { ...signed.headers, 'content-length': String(body.length) } }, (res) => {
        let text = '';
        res.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
      });
      req.on('error', reject);
      req.write(body.subarray(0, 10));
      void pause(500).then(() => {
        served.child.kill('SIGTERM');
        return pause(500);
      }).then(async () => {
        // Stopped accepting: a new connection is refused while the old request is still open.
        const fresh = await fetch(`${served.url}/_keyward/health`).then(
          (r) => `answered ${r.status}`,
          (error: { cause?: { code?: string } }) => error.cause?.code ?? 'failed',
        );
        expect(fresh).toBe('ECONNREFUSED');
        req.end(body.subarray(10));
      }).catch(reject);
    });
    const result = await answer;
    expect(result.status).toBe(200);
    expect(result.text).toContain('<UserName>in-flight</UserName>');
    expect(await served.exit).toBe(0);
    expect(served.output()).toContain('keyward: stopped');

    // The buffered last use of the root key was written before the store closed.
    const store = await openStore({ kind: 'sqlite', file: join(dir, 'data', 'keyward.db') });
    try {
      const key = await store.read((tx) => tx.accessKeys.get(ROOT_KEY.accessKeyId));
      expect(key?.lastUsed?.service).toBe('iam');
      const user = await store.read((tx) => tx.users.get(ACCOUNT_ID, 'in-flight'));
      expect(user?.name).toBe('in-flight');
    } finally {
      await store.close();
    }
  });

  it('SIGHUP reloads the certificate; a broken pair is refused and the current one kept', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'keyward-sighup-'));
    dirs.push(dir);
    const first = makeCertificate(dir, 'first');
    const second = makeCertificate(dir, 'second');
    const certFile = join(dir, 'served.crt');
    const keyFile = join(dir, 'served.key');
    await copyFile(first.certFile, certFile);
    await copyFile(first.keyFile, keyFile);
    const served = await serve(dir, ['--tls-cert', certFile, '--tls-key', keyFile]);
    expect(served.url).toMatch(/^https:/);
    expect(await fingerprint(served.url)).toBe(first.fingerprint256);

    await copyFile(second.certFile, certFile);
    await copyFile(second.keyFile, keyFile);
    served.child.kill('SIGHUP');
    let now = await fingerprint(served.url);
    for (let i = 0; i < 100 && now !== second.fingerprint256; i++) {
      await pause(50);
      now = await fingerprint(served.url);
    }
    expect(now).toBe(second.fingerprint256);

    await writeFile(keyFile, '-----BEGIN PRIVATE KEY-----\nbroken\n-----END PRIVATE KEY-----\n');
    served.child.kill('SIGHUP');
    for (let i = 0; i < 100 && !served.output().includes('TLS reload failed'); i++) await pause(50);
    expect(served.output()).toMatch(/"level":"error".*TLS reload failed; still serving the previous certificate/);
    expect(served.output()).not.toContain('broken');
    expect(await fingerprint(served.url)).toBe(second.fingerprint256);

    served.child.kill('SIGTERM');
    expect(await served.exit).toBe(0);
  });
});
