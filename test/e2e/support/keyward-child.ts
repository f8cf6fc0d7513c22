// `keyward serve` from the sources (node --import tsx src/cli/bin.ts) as a child process, so a
// test can kill it with SIGKILL mid-request; same account and root key as the harness.

import { spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ACCOUNT_ID, ROOT_KEY } from '../../support/server.js';

const REPO_ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const READY = /keyward: IAM and STS on (http:\/\/\S+) \(account (\d{12})\)/;
const START_TIMEOUT_MS = 60_000;

export interface ChildOptions {
  readonly dataDir: string;
  readonly databaseUrl?: string;
  readonly masterKey?: string;
}

export interface KeywardChild {
  readonly url: string;
  readonly pid: number;
  /** Everything the server wrote, for failure messages. */
  output(): string;
  /** SIGKILL: no shutdown, no flush; resolves once the process is gone. */
  kill9(): Promise<void>;
  /** SIGTERM and wait (for cleanup). */
  stop(): Promise<void>;
}

export async function startChild(options: ChildOptions): Promise<KeywardChild> {
  const args = ['--import', 'tsx', join(REPO_ROOT, 'src', 'cli', 'bin.ts'), 'serve', '--port', '0', '--data', options.dataDir, '--log-level', 'warn'];
  if (options.databaseUrl !== undefined) args.push('--database-url', options.databaseUrl);
  const child = spawn(process.execPath, args, {
    cwd: REPO_ROOT,
    env: {
      ...process.env,
      KEYWARD_ACCOUNT_ID: ACCOUNT_ID,
      KEYWARD_ROOT_ACCESS_KEY_ID: ROOT_KEY.accessKeyId,
      KEYWARD_ROOT_SECRET_ACCESS_KEY: ROOT_KEY.secretAccessKey,
      ...(options.masterKey !== undefined && { KEYWARD_MASTER_KEY: options.masterKey }),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stderr.on('data', (chunk: Buffer) => {
    output += chunk.toString('utf8');
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`keyward did not start within ${START_TIMEOUT_MS} ms:\n${output}`));
    }, START_TIMEOUT_MS);
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString('utf8');
      const match = READY.exec(output);
      if (match !== null) {
        clearTimeout(timer);
        resolve(match[1] ?? '');
      }
    });
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`keyward exited (${String(code ?? signal)}) before it was ready:\n${output}`));
    });
  });
  const end = async (signal: NodeJS.Signals): Promise<void> => {
    if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    await exited;
  };
  return {
    url,
    pid: child.pid ?? -1,
    output: () => output,
    kill9: () => end('SIGKILL'),
    stop: () => end('SIGTERM'),
  };
}
