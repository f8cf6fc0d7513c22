// The bundles `npm run build` makes of `keyward vault` (scripts/vault-bundle.ts): the installed
// command (CommonJS, keyward.cjs) and the vault entry bin.js loads (vault-entry.js). They hold the
// vault's modules and nothing of the server, the engine or the SDK, and they run. They are built
// into a temporary directory with no node_modules above it, so a run that needed a package (the
// AWS SDK, the keystore binding) would fail there: `exec` from the stored key needs none.

import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundleVault, type VaultBundle } from '../../scripts/vault-bundle.js';
import { fileStore } from '../../src/vault/file-store.js';
import { VaultRecords } from '../../src/vault/vault-records.js';

const run = promisify(execFile);
const KEY = { accessKeyId: 'AKIABUNDLETEST000001', secretAccessKey: 'bundle-test-secret-not-real-0000000000000' };

let dir: string;
let bundles: VaultBundle[];
let env: Record<string, string>;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'keyward-vault-bundle-'));
  const { launcher, entry } = await bundleVault(dir);
  bundles = [launcher, entry];
  await writeFile(join(dir, 'run.mjs'), "import { vaultMain } from './vault-entry.js';\nprocess.exitCode = await vaultMain(process.argv.slice(2));\n");
  // What the launcher hands every other command to: here, a stand-in that says what it got.
  await writeFile(join(dir, 'bin.js'), "console.log('bin.js ' + process.argv.slice(2).join(' '));\n");
  const vaultFile = join(dir, 'vault.json');
  env = { PATH: process.env['PATH'] ?? '/usr/bin:/bin', HOME: dir, KEYWARD_VAULT_FILE: vaultFile, KEYWARD_VAULT_BACKEND: 'file', KEYWARD_VAULT_PASSPHRASE: 'bundle test' };
  const store = fileStore({ path: vaultFile, passphrase: async () => 'bundle test', scrypt: { N: 2 ** 10, r: 8, p: 1 } });
  await new VaultRecords(store).putKey('dev', { ...KEY, addedAt: new Date().toISOString() });
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

type Runner = 'keyward.cjs' | 'run.mjs';
const RUNNERS: readonly Runner[] = ['keyward.cjs', 'run.mjs'];

/** `keyward vault ARGS` through the installed command's bundle, or through vault-entry.js as bin.js loads it. */
const vault = (runner: Runner, args: readonly string[]) =>
  run(process.execPath, [join(dir, runner), ...(runner === 'keyward.cjs' ? ['vault'] : []), ...args], { env, cwd: dir }).then(
    (r) => ({ code: 0, ...r }),
    (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, stdout: e.stdout, stderr: e.stderr }),
  );

describe('the keyward vault bundle', () => {
  it('hold the vault and its command line only; packages are left outside, the SDK imported on demand', () => {
    for (const bundle of bundles) {
      const outside = bundle.inputs.filter((f) => !/^src\/(vault\/[\w-]+|cli\/(vault[\w-]*|io|launcher))\.ts$/.test(f));
      expect(outside).toEqual([]);
      expect(bundle.inputs).toContain('src/cli/vault-exec.ts');
      const others = bundle.imports.filter((i) => !i.path.startsWith('node:'));
      expect(others.every((i) => i.kind === 'dynamic-import')).toBe(true);
      expect(new Set(others.map((i) => i.path))).toEqual(new Set(['@aws-sdk/client-sts', '@aws-sdk/client-iam', ...(bundle.file.endsWith('.cjs') ? ['./bin.js'] : [])]));
    }
  });

  it.each(RUNNERS)('%s runs exec from the stored key with no package to be found, and passes the exit code through', async (runner) => {
    const out = await vault(runner, ['exec', 'dev', '--no-session', '--', process.execPath, '-e', 'console.log(process.env.AWS_ACCESS_KEY_ID); process.exit(5)']);
    expect(out).toMatchObject({ code: 5, stdout: `${KEY.accessKeyId}\n`, stderr: '' });
    expect(await vault(runner, ['exec', 'dev', '--no-session', '--', 'no-such-program-keyward'])).toMatchObject({ code: 127, stderr: 'keyward vault: command not found: no-such-program-keyward\n' });
  });

  it.each(RUNNERS)('%s prints its help and reports a wrong passphrase as the unbundled code does', async (runner) => {
    expect(await vault(runner, ['--help'])).toMatchObject({ code: 0, stdout: expect.stringContaining('Usage: keyward vault <command>') });
    const wrong = { ...env, KEYWARD_VAULT_PASSPHRASE: 'not the passphrase' };
    const out = await run(process.execPath, [join(dir, runner), ...(runner === 'keyward.cjs' ? ['vault'] : []), 'exec', 'dev', '--', 'true'], { env: wrong }).catch((e: { code: number; stderr: string }) => e);
    expect(out).toMatchObject({ code: 1, stderr: expect.stringContaining('keyward vault: wrong passphrase for the vault file') });
  });

  it('keyward.cjs hands every other command, with its arguments, on to bin.js', async () => {
    const out = await run(process.execPath, [join(dir, 'keyward.cjs'), 'serve', '--port', '0'], { env, cwd: dir });
    expect(out.stdout).toBe('bin.js serve --port 0\n');
  });
});
