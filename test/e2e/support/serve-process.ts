// Runs `keyward serve` from the sources (through tsx) as a child process, as an operator
// runs it, and keeps every byte it writes to stdout and stderr: its whole log.

import { spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ACCOUNT_ID, ROOT_KEY } from '../../support/server.js';

const REPO_ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const READY = /keyward: IAM and STS on (http:\/\/\S+) \(account (\d{12})\)/;

export interface ServeProcess {
  readonly url: string;
  /** stdout and stderr as written so far. */
  output(): Buffer;
  /** SIGTERM, then waits for the process to exit. */
  stop(): Promise<void>;
}

export async function startServeProcess(options: { readonly dataDir: string; readonly args?: readonly string[] }): Promise<ServeProcess> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', join(REPO_ROOT, 'src', 'cli', 'bin.ts'), 'serve', '--port', '0', '--data', options.dataDir, ...(options.args ?? [])],
    {
      cwd: REPO_ROOT,
      env: {
        ...process.env,
        KEYWARD_ACCOUNT_ID: ACCOUNT_ID,
        KEYWARD_ROOT_ACCESS_KEY_ID: ROOT_KEY.accessKeyId,
        KEYWARD_ROOT_SECRET_ACCESS_KEY: ROOT_KEY.secretAccessKey,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  const chunks: Buffer[] = [];
  child.stderr.on('data', (chunk: Buffer) => chunks.push(chunk));
  child.stdout.on('data', (chunk: Buffer) => chunks.push(chunk));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const text = (): string => Buffer.concat(chunks).toString('utf8');
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`keyward serve did not start within 60 s:\n${text()}`));
    }, 60_000);
    child.stdout.on('data', () => {
      const match = READY.exec(text());
      if (match?.[1] !== undefined) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`keyward serve exited with ${String(code)} before it was ready:\n${text()}`));
    });
  });
  return {
    url,
    output: () => Buffer.concat(chunks),
    async stop() {
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}
