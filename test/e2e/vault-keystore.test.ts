// The OS keystore backend for real: every `keyward vault` command runs as its own process inside
// `dbus-run-session`, with Debian's gnome-keyring-daemon started and unlocked (the Linux Secret
// Service that @napi-rs/keyring talks to), against a real Keyward server. Items outlive each
// session in the temporary HOME's login keyring, so add, list, exec and remove meet across
// processes as they would on a desktop. Without a Secret Service (no D-Bus session, or a daemon
// with no unlocked keyring) the default falls back to the file and says why.
// Needs `dbus-run-session` and `gnome-keyring-daemon` (Debian: dbus, gnome-keyring; .ci/run
// installs them); when they are missing the test fails, saying so.

import { execFile } from 'node:child_process';
import { access, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCountingProxy, type CountingProxy } from '../support/counting-proxy.js';
import { createUser, policy, roleArnOf, createRole, startStsNode, statement, trust, accountRoot, userArnOf, type Keys, type StsNode } from '../support/sts-fixtures.js';

const REPO = join(import.meta.dirname, '..', '..');
const BIN = join(REPO, 'src', 'cli', 'bin.ts');
const KEYRING_PASSWORD = `keyring-${randomBytes(6).toString('hex')}`;
const SERVICE = `keyward-vault-e2e-${randomBytes(4).toString('hex')}`;

/** Starts and unlocks gnome-keyring's Secret Service on the session bus, then becomes the command. */
const WITH_KEYRING = 'printf %s "$KW_TEST_KEYRING_PASSWORD" | gnome-keyring-daemon --unlock --components=secrets >/dev/null || exit 90; unset KW_TEST_KEYRING_PASSWORD; exec "$@"';

const WHOAMI = `import('@aws-sdk/client-sts').then(async ({ STSClient, GetCallerIdentityCommand }) => {
  const r = await new STSClient({}).send(new GetCallerIdentityCommand({}));
  console.log(JSON.stringify({ arn: r.Arn, keyId: process.env.AWS_ACCESS_KEY_ID }));
}).catch((e) => { console.error('child failed:', e.name, e.message); process.exit(3); })`;

interface Run {
  readonly code: number;
  readonly out: string;
  readonly err: string;
}

let t: StsNode;
let proxy: CountingProxy;
let home: string;
let dev: Keys;
const printed: string[] = [];

/** The session bus and daemon write a few notices of their own (fd limits, activation); not ours. */
const ours = (stderr: string): string =>
  stderr
    .split('\n')
    .filter((line) => line !== '' && !/^dbus-daemon\[\d+\]|^GNOME_KEYRING_CONTROL=|^SSH_AUTH_SOCK=|gnome-keyring-daemon/.test(line))
    .join('\n');

function envFor(dir: string, extra: Record<string, string> = {}): Record<string, string> {
  return {
    PATH: process.env['PATH'] ?? '/usr/bin:/bin',
    HOME: dir,
    XDG_DATA_HOME: join(dir, '.local', 'share'),
    XDG_CONFIG_HOME: join(dir, '.config'),
    XDG_CACHE_HOME: join(dir, '.cache'),
    XDG_RUNTIME_DIR: join(dir, 'run'),
    AWS_CONFIG_FILE: join(dir, '.aws', 'config'),
    AWS_SHARED_CREDENTIALS_FILE: join(dir, '.aws', 'credentials'),
    KEYWARD_VAULT_KEYSTORE_SERVICE: SERVICE,
    KEYWARD_VAULT_PASSPHRASE: 'file passphrase, used only by the fallback',
    // The SDK's notice about Node 20 (in keyward and in the child) is not what these tests check.
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    ...extra,
  };
}

async function keyward(args: readonly string[], options: { bus: 'unlocked' | 'bare' | 'none'; env?: Record<string, string>; dir?: string }): Promise<Run> {
  const dir = options.dir ?? home;
  const env = envFor(dir, options.env);
  const cli = [process.execPath, '--import', 'tsx', BIN, 'vault', ...args];
  const [command, argv, extraEnv]: [string, string[], Record<string, string>] =
    options.bus === 'none'
      ? [cli[0] as string, cli.slice(1), {}]
      : options.bus === 'bare'
        ? ['dbus-run-session', ['--', ...cli], {}]
        : ['dbus-run-session', ['--', 'sh', '-c', WITH_KEYRING, 'sh', ...cli], { KW_TEST_KEYRING_PASSWORD: KEYRING_PASSWORD }];
  try {
    const { stdout, stderr } = await promisify(execFile)(command, argv, { env: { ...env, ...extraEnv }, cwd: REPO, encoding: 'utf8', timeout: 60_000 });
    const run = { code: 0, out: stdout.trim(), err: ours(stderr) };
    printed.push(stdout, stderr);
    return run;
  } catch (error) {
    const e = error as { code?: number | string; stdout?: string; stderr?: string };
    if (e.code === 'ENOENT') throw new Error(`${command} is not installed: install Debian's dbus and gnome-keyring (apt-get install dbus gnome-keyring)`);
    printed.push(e.stdout ?? '', e.stderr ?? '');
    if (e.code === 90) throw new Error(`gnome-keyring-daemon could not start or unlock: ${e.stderr ?? ''}`);
    return { code: typeof e.code === 'number' ? e.code : -1, out: (e.stdout ?? '').trim(), err: ours(e.stderr ?? '') };
  }
}

async function makeHome(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'keyward-vault-ks-home-'));
  await mkdir(join(dir, '.aws'), { recursive: true });
  await mkdir(join(dir, 'run'), { recursive: true, mode: 0o700 });
  return dir;
}

beforeAll(async () => {
  t = await startStsNode();
  proxy = await startCountingProxy(t.node.url);
  home = await makeHome();
  dev = await createUser(t, 'vault-ks-dev', policy(statement('Allow', 'sts:AssumeRole', '*')));
  await createRole(t, 'vault-ks-role', trust(accountRoot));
  await writeFile(
    join(home, '.aws', 'config'),
    `[profile dev]\nregion = us-east-1\nendpoint_url = ${proxy.url}\n\n[profile role]\nsource_profile = dev\nrole_arn = ${roleArnOf('vault-ks-role')}\nrole_session_name = ks\n`,
  );
}, 60_000);

afterAll(async () => {
  if (home !== undefined) await rm(home, { recursive: true, force: true });
  await proxy?.close();
  await t?.stop();
});

describe('keyward vault on the Linux Secret Service (gnome-keyring)', { timeout: 120_000 }, () => {
  it('stores a key in the keystore by default, not in a file', async () => {
    const added = await keyward(['add', 'dev', '--env'], { bus: 'unlocked', env: { AWS_ACCESS_KEY_ID: dev.accessKeyId, AWS_SECRET_ACCESS_KEY: dev.secretAccessKey } });
    expect(added).toEqual({ code: 0, out: `Stored key ${dev.accessKeyId} for profile 'dev' in OS keystore, service '${SERVICE}'`, err: '' });
    await expect(access(join(home, '.keyward', 'vault.json'))).rejects.toThrow(/ENOENT/);
    // gnome-keyring keeps it in the login keyring, encrypted with the keyring password.
    const keyrings = join(home, '.local', 'share', 'keyrings');
    const files = await readdir(keyrings);
    expect(files).toContain('login.keyring');
    const raw = await readFile(join(keyrings, 'login.keyring'));
    expect(raw.includes(dev.secretAccessKey)).toBe(false);
  });

  it('lists the keystore backend and the stored key id from a new session, without the secret', async () => {
    const list = await keyward(['list'], { bus: 'unlocked' });
    expect(list.code).toBe(0);
    expect(list.out).toContain(`Backend: keystore (OS keystore, service '${SERVICE}')`);
    expect(list.out).not.toContain('Note:');
    expect(list.out).toMatch(new RegExp(`^dev\\s+key ${dev.accessKeyId} \\(added `, 'm'));
    expect(list.out).toMatch(/^role\s+via dev\s+-$/m);
  });

  it('execs a program with session credentials from the keystore key, and caches the session in the keystore', async () => {
    const sessions = proxy.count('GetSessionToken');
    const first = await keyward(['exec', 'dev', '--', process.execPath, '-e', WHOAMI], { bus: 'unlocked' });
    expect(first.err).toBe('');
    expect(first.code).toBe(0);
    const me = JSON.parse(first.out) as { arn: string; keyId: string };
    expect(me.arn).toBe(userArnOf('vault-ks-dev'));
    expect(me.keyId).toMatch(/^ASIA/);
    expect(proxy.count('GetSessionToken')).toBe(sessions + 1);
    // A later process finds the session in the keystore: no second STS call.
    const second = await keyward(['exec', 'dev', '--', process.execPath, '-e', WHOAMI], { bus: 'unlocked' });
    expect((JSON.parse(second.out) as { keyId: string }).keyId).toBe(me.keyId);
    expect(proxy.count('GetSessionToken')).toBe(sessions + 1);
    expect((await keyward(['list'], { bus: 'unlocked' })).out).toMatch(/^dev\s+key \S+ \(added [^)]+\)\s+\d{4}-\d\d-\d\dT\S+ \(\d+h\d\dm left\)$/m);
  });

  it('assumes a role for a role profile with the keystore key', async () => {
    const run = await keyward(['exec', 'role', '--', process.execPath, '-e', WHOAMI], { bus: 'unlocked' });
    expect(run.err).toBe('');
    expect((JSON.parse(run.out) as { arn: string }).arn).toBe('arn:aws:sts::111122223333:assumed-role/vault-ks-role/ks');
  });

  it('removes the key and its sessions from the keystore', async () => {
    const removed = await keyward(['remove', 'dev'], { bus: 'unlocked' });
    expect(removed).toEqual({ code: 0, out: "Removed the key of profile 'dev' and its cached sessions", err: '' });
    const list = await keyward(['list'], { bus: 'unlocked' });
    expect(list.out).toMatch(/^dev\s+-\s+-$/m);
    const exec = await keyward(['exec', 'dev', '--', 'true'], { bus: 'unlocked' });
    expect(exec).toMatchObject({ code: 1, err: "keyward vault: no key stored for profile 'dev'; run 'keyward vault add dev'" });
  });

  it('without a D-Bus session: reports the keystore unavailable and falls back to the encrypted file', async () => {
    const dir = await makeHome();
    try {
      const added = await keyward(['add', 'dev', '--env'], { bus: 'none', dir, env: { AWS_ACCESS_KEY_ID: dev.accessKeyId, AWS_SECRET_ACCESS_KEY: dev.secretAccessKey } });
      expect(added.code).toBe(0);
      expect(added.err).toBe('keyward vault: OS keystore not available (no secret service provider or dbus session found); using the encrypted file');
      expect(added.out).toBe(`Stored key ${dev.accessKeyId} for profile 'dev' in ${join(dir, '.keyward', 'vault.json')}`);
      const list = await keyward(['list'], { bus: 'none', dir });
      expect(list.out).toContain(`Backend: file (${join(dir, '.keyward', 'vault.json')})`);
      expect(list.out).toContain('Note: OS keystore not available (no secret service provider or dbus session found); using the encrypted file');
      const forced = await keyward(['list'], { bus: 'none', dir, env: { KEYWARD_VAULT_BACKEND: 'keystore' } });
      expect(forced).toMatchObject({ code: 1, err: 'keyward vault: KEYWARD_VAULT_BACKEND=keystore, but the OS keystore is not available: no secret service provider or dbus session found' });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('with a Secret Service that has no unlocked keyring: falls back to the file rather than failing every write', async () => {
    const dir = await makeHome();
    try {
      const list = await keyward(['list'], { bus: 'bare', dir });
      expect(list.code).toBe(0);
      expect(list.out).toContain(`Backend: file (${join(dir, '.keyward', 'vault.json')})`);
      expect(list.out).toMatch(/^Note: OS keystore not available \(.+\); using the encrypted file$/m);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('never printed a secret', () => {
    const all = printed.join('\n');
    expect(all).toContain(dev.accessKeyId);
    expect(all).not.toContain(dev.secretAccessKey);
    expect(all).not.toContain(KEYRING_PASSWORD);
  });
});
