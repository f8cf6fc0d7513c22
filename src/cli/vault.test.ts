// `keyward vault` as a command, in-process with a temporary HOME: prompts, help, usage errors
// and the refusals that need no server.

import { execFile } from 'node:child_process';
import { access, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { vaultHarness, type VaultHarness } from '../../test/support/vault-fixtures.js';
import { main } from './main.js';

let v: VaultHarness;
beforeAll(async () => {
  v = await vaultHarness();
});
afterAll(async () => v.cleanup());

describe('keyward vault (no server)', () => {
  it('adds a key from prompts, asking for the secret without echo, and never prints it', async () => {
    const asked: [string, boolean][] = [];
    const answers = ['AKIAPROMPTEDKEY00001', 'prompted-secret-value-123'];
    const run = await v.run(['add', 'prompted'], {
      prompt: async (question, { secret }) => {
        asked.push([question, secret]);
        return answers.shift() ?? '';
      },
    });
    expect(run).toMatchObject({ code: 0, out: `Stored key AKIAPROMPTEDKEY00001 for profile 'prompted' in ${v.vaultFile}` });
    expect(asked).toEqual([['Access key ID: ', false], ['Secret access key: ', true]]);
    const list = await v.run(['list']);
    expect(list.out).toMatch(/^prompted\s+key AKIAPROMPTEDKEY00001 \(added /m);
    expect(list.out + list.err).not.toContain('prompted-secret-value-123');
    expect(await readFile(v.vaultFile, 'utf8')).not.toContain('prompted-secret-value-123');
  });

  it('refuses what is not an access key, and an empty secret', async () => {
    const bad = await v.run(['add', 'x', '--env'], { env: { AWS_ACCESS_KEY_ID: 'not-a-key', AWS_SECRET_ACCESS_KEY: 's' } });
    expect(bad).toMatchObject({ code: 1, err: 'keyward vault: that is not an access key id (16 to 128 capital letters and digits)' });
    const missing = await v.run(['add', 'x', '--env']);
    expect(missing).toMatchObject({ code: 1, err: 'keyward vault: --env needs AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY set' });
  });

  it('prints help, and exits 2 on unknown commands and bad usage', async () => {
    expect((await v.run(['--help'])).out).toContain('Usage: keyward vault <command> [options]');
    expect((await v.run(['exec', '--help'])).out).toMatch(/^Usage: keyward vault exec PROFILE/);
    expect(await v.run(['frobnicate'])).toMatchObject({ code: 2, err: expect.stringContaining("unknown command 'frobnicate'") });
    expect(await v.run(['add'])).toMatchObject({ code: 2, err: expect.stringContaining('add needs a PROFILE') });
    expect(await v.run(['add', 'a/b'])).toMatchObject({ code: 2, err: expect.stringContaining("'a/b' is not a profile name") });
    expect(await v.run(['exec', 'p', '--duration', 'soon', '--', 'true'])).toMatchObject({ code: 1, err: expect.stringContaining("--duration 'soon'") });
  });

  it('refuses nested exec, and --server with a long-term key', async () => {
    const nested = await v.run(['exec', 'prompted', '--', 'true'], { env: { KEYWARD_VAULT_PROFILE: 'outer' } });
    expect(nested).toMatchObject({ code: 1, err: "keyward vault: already inside 'keyward vault exec outer'; unset KEYWARD_VAULT_PROFILE to nest" });
    const server = await v.run(['exec', 'prompted', '--no-session', '--server', '--', 'true']);
    expect(server).toMatchObject({ code: 1, err: expect.stringContaining('--server hands out temporary credentials only') });
  });

  it('hands out the stored key itself with --no-session on a plain profile', async () => {
    const run = await v.run(['exec', 'prompted', '--no-session', '--', 'sh', '-c', 'echo "$AWS_ACCESS_KEY_ID ${AWS_SESSION_TOKEN:-none}"']);
    expect(run.child.trim()).toBe('AKIAPROMPTEDKEY00001 none');
  });

  it('asks twice for a new vault passphrase and stores nothing when the two differ', async () => {
    const fresh = await vaultHarness();
    try {
      const asked: string[] = [];
      const answers = ['one', 'two'];
      const env = { KEYWARD_VAULT_PASSPHRASE: undefined, AWS_ACCESS_KEY_ID: 'AKIAPROMPTEDKEY00002', AWS_SECRET_ACCESS_KEY: 's' };
      const run = await fresh.run(['add', 'p', '--env'], { env, prompt: async (q) => (asked.push(q), answers.shift() ?? '') });
      expect(run).toMatchObject({ code: 1, err: 'keyward vault: the two passphrases differ; nothing was stored' });
      expect(asked).toEqual(['New vault passphrase: ', 'Repeat the passphrase: ']);
      await expect(access(fresh.vaultFile)).rejects.toThrow(/ENOENT/);
      const same = ['pw', 'pw', 'pw'];
      expect((await fresh.run(['add', 'p', '--env'], { env, prompt: async () => same.shift() ?? '' })).code).toBe(0);
      const opened: string[] = [];
      expect((await fresh.run(['list'], { env, prompt: async (q) => (opened.push(q), 'pw') })).out).toContain('AKIAPROMPTEDKEY00002');
      expect(opened).toEqual(['Vault passphrase: ']);
    } finally {
      await fresh.cleanup();
    }
  });

  it('reads every prompt from piped stdin in the real command', async () => {
    const fresh = await vaultHarness();
    try {
      const repo = join(import.meta.dirname, '..', '..');
      const child = promisify(execFile)(process.execPath, ['--import', 'tsx', join(repo, 'src', 'cli', 'bin.ts'), 'vault', 'add', 'piped'], {
        env: { ...fresh.env, KEYWARD_VAULT_PASSPHRASE: '' },
        cwd: repo,
        encoding: 'utf8',
      });
      child.child.stdin?.end('AKIAPIPEDKEY00000001\npiped-secret\nmy pass\nmy pass\n');
      const { stdout, stderr } = await child;
      expect(stdout.trim()).toBe(`Stored key AKIAPIPEDKEY00000001 for profile 'piped' in ${fresh.vaultFile}`);
      expect(stderr).toBe('Access key ID: Secret access key: New vault passphrase: Repeat the passphrase: ');
      const list = await fresh.run(['list'], { env: { KEYWARD_VAULT_PASSPHRASE: 'my pass' } });
      expect(list.out).toMatch(/^piped\s+key AKIAPIPEDKEY00000001 /m);
    } finally {
      await fresh.cleanup();
    }
  }, 30_000);

  it('is listed by keyward --help', async () => {
    const out: string[] = [];
    await main(['--help'], { out: (t) => out.push(t), err: () => undefined, readFile: async () => '' });
    expect(out.join('\n')).toMatch(/^ {2}vault\s+keep long-term keys encrypted/m);
  });
});
