// Runs `node dist/cli/bin.js serve --port 0` as a child process with a fresh data directory
// and fixed root credentials, and waits for the line that gives its URL.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const COMPAT_ACCOUNT_ID = '123456789012';
export const COMPAT_ROOT_KEY = { accessKeyId: 'AKIAKEYWARDCOMPAT001', secretAccessKey: 'keyward-compat-root-secret-0123456789abcd' };

export interface KeywardProcess {
  readonly url: string;
  readonly accountId: string;
  readonly dataDir: string;
  /** Everything the server wrote to stdout and stderr, for failure messages. */
  output(): string;
  stop(): Promise<void>;
}

const READY = /keyward: IAM and STS on (https?:\/\/\S+) \(account (\d{12})\)/;

/** `args`: more `keyward serve` flags (for example --tls-cert and --tls-key); `env`: more environment. */
export async function startKeyward(options: { readonly args?: readonly string[]; readonly env?: NodeJS.ProcessEnv } = {}): Promise<KeywardProcess> {
  const dataDir = await mkdtemp(join(tmpdir(), 'keyward-compat-'));
  const child: ChildProcess = spawn(process.execPath, [join(REPO_ROOT, 'dist', 'cli', 'bin.js'), 'serve', '--port', '0', '--data', dataDir, ...(options.args ?? [])], {
    cwd: dataDir,
    env: {
      ...process.env,
      KEYWARD_ACCOUNT_ID: COMPAT_ACCOUNT_ID,
      KEYWARD_ROOT_ACCESS_KEY_ID: COMPAT_ROOT_KEY.accessKeyId,
      KEYWARD_ROOT_SECRET_ACCESS_KEY: COMPAT_ROOT_KEY.secretAccessKey,
      ...options.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    output += chunk.toString('utf8');
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const ready = await new Promise<RegExpExecArray>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`keyward did not start within 20 s:\n${output}`)), 20_000);
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString('utf8');
      const match = READY.exec(output);
      if (match !== null) {
        clearTimeout(timer);
        resolve(match);
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`keyward exited with ${String(code)} before it was ready:\n${output}`));
    });
  });
  return {
    url: ready[1] ?? '',
    accountId: ready[2] ?? '',
    dataDir,
    output: () => output,
    async stop() {
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
