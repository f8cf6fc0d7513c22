// `keyward vault` end to end against a real Keyward server: keys added to the encrypted file,
// programs (node with the AWS SDK, the aws CLI) run with temporary credentials, role and
// MFA-protected role profiles, the session cache (counted at a proxy), refresh on an injected
// clock, the credential server read by the SDK's container provider, rotation, and the errors
// a user meets. Every line printed is kept and checked for secrets at the end.

import { execFile, spawn } from 'node:child_process';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { promisify } from 'node:util';
import { readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { startCountingProxy, type CountingProxy } from '../support/counting-proxy.js';
import { codeAt, createDevice, enableDevice, nextStep, wrongCode, type Device } from '../support/mfa-fixtures.js';
import { accountRoot, createRole, createUser, policy, roleArnOf, startStsNode, statement, trust, userArnOf, type Keys, type StsNode } from '../support/sts-fixtures.js';
import { vaultHarness, VAULT_PASSPHRASE, type VaultHarness } from '../support/vault-fixtures.js';

const REPO = join(import.meta.dirname, '..', '..');

/** A child that asks STS who it is with the SDK's default credential chain and prints what it found. */
const WHOAMI = `import('@aws-sdk/client-sts').then(async ({ STSClient, GetCallerIdentityCommand }) => {
  const client = new STSClient({});
  const r = await client.send(new GetCallerIdentityCommand({}));
  const c = await client.config.credentials();
  console.log(JSON.stringify({ arn: r.Arn, keyId: c.accessKeyId, envSecret: 'AWS_SECRET_ACCESS_KEY' in process.env, envExpiration: process.env.AWS_CREDENTIAL_EXPIRATION ?? null, passphrase: 'KEYWARD_VAULT_PASSPHRASE' in process.env }));
}).catch((e) => { console.error('child failed:', e.name, e.message); process.exit(3); })`;

interface Whoami {
  arn: string;
  keyId: string;
  envSecret: boolean;
  envExpiration: string | null;
  passphrase: boolean;
}

const whoami = (child: string): Whoami => JSON.parse(child.trim().split('\n').pop() ?? '') as Whoami;

let t: StsNode;
let proxy: CountingProxy;
let v: VaultHarness;
let dev: Keys;
let mfaUser: Keys;
let device: Device;
const secrets: string[] = [];

beforeAll(async () => {
  t = await startStsNode();
  proxy = await startCountingProxy(t.node.url);
  v = await vaultHarness({ now: () => t.now() });
  const allow = policy(statement('Allow', ['sts:AssumeRole', 'sts:GetFederationToken', 'iam:CreateAccessKey', 'iam:DeleteAccessKey', 'iam:ListAccessKeys'], '*'));
  dev = await createUser(t, 'vault-dev', allow);
  mfaUser = await createUser(t, 'vault-mfa', allow);
  await createRole(t, 'vault-role', trust(accountRoot), { inlinePolicy: policy(statement('Allow', 'iam:ListUsers')) });
  await createRole(t, 'vault-mfa-role', trust(accountRoot, ['sts:AssumeRole'], { Bool: { 'aws:MultiFactorAuthPresent': 'true' } }));
  await createRole(t, 'vault-hop1', trust(accountRoot), { inlinePolicy: policy(statement('Allow', 'sts:AssumeRole', roleArnOf('vault-hop2'))) });
  await createRole(t, 'vault-hop2', trust(accountRoot, ['sts:AssumeRole'], { StringEquals: { 'sts:ExternalId': 'ext-hop-2' } }));
  device = await createDevice(t, 'vault-mfa-device');
  await enableDevice(t, 'vault-mfa', device);
  secrets.push(dev.secretAccessKey, mfaUser.secretAccessKey, VAULT_PASSPHRASE);
  await v.writeConfig(`
[profile dev]
region = us-east-1
endpoint_url = ${proxy.url}

[profile role]
source_profile = dev
role_arn = ${roleArnOf('vault-role')}
role_session_name = vault-e2e

[profile hop1]
source_profile = dev
role_arn = ${roleArnOf('vault-hop1')}

[profile hop2]
source_profile = hop1
role_arn = ${roleArnOf('vault-hop2')}
external_id = ext-hop-2
duration_seconds = 900
role_session_name = hop-two
region = eu-west-1

[profile hop2-no-external-id]
source_profile = hop1
role_arn = ${roleArnOf('vault-hop2')}

[profile mfa]
endpoint_url = ${proxy.url}

[profile mfa-role]
source_profile = mfa
role_arn = ${roleArnOf('vault-mfa-role')}
mfa_serial = ${device.serial}
role_session_name = vault-mfa

[profile cp]
region = us-east-1
endpoint_url = ${proxy.url}
credential_process = ${process.execPath} --import tsx ${join(REPO, 'src', 'cli', 'bin.ts')} vault export dev --format json
`);
}, 60_000);

afterAll(async () => {
  await v?.cleanup();
  await proxy?.close();
  await t?.stop();
});

describe('keyward vault against a real server', () => {
  it('adds keys from the environment into a 0600 encrypted file and lists them without secrets', async () => {
    for (const [profile, keys] of [['dev', dev], ['mfa', mfaUser]] as const) {
      const added = await v.run(['add', profile, '--env'], { env: { AWS_ACCESS_KEY_ID: keys.accessKeyId, AWS_SECRET_ACCESS_KEY: keys.secretAccessKey } });
      expect(added).toMatchObject({ code: 0, out: `Stored key ${keys.accessKeyId} for profile '${profile}' in ${v.vaultFile}` });
    }
    expect((await stat(v.vaultFile)).mode & 0o777).toBe(0o600);
    expect(await readFile(v.vaultFile, 'utf8')).not.toContain(dev.accessKeyId);
    const list = await v.run(['list']);
    expect(list.code).toBe(0);
    expect(list.out).toContain(`Backend: file (${v.vaultFile})`);
    expect(list.out).toMatch(new RegExp(`^dev\\s+key ${dev.accessKeyId} \\(added `, 'm'));
    expect(list.out).toMatch(/^role\s+via dev\s+-$/m);
  });

  it('runs a program with session credentials: the SDK in the child sees the user, through a session key', async () => {
    const before = proxy.count('GetSessionToken');
    const run = await v.run(['exec', 'dev', '--', process.execPath, '-e', WHOAMI]);
    expect(run.err).toBe('');
    expect(run.code).toBe(0);
    const me = whoami(run.child);
    expect(me.arn).toBe(userArnOf('vault-dev'));
    expect(me.keyId).toMatch(/^ASIA/);
    expect(me.keyId).not.toBe(dev.accessKeyId);
    expect(me.envExpiration).toMatch(/^\d{4}-\d\d-\d\dT/);
    expect(me.passphrase).toBe(false);
    expect(proxy.count('GetSessionToken')).toBe(before + 1);
  });

  it('reuses the cached session: a second exec makes no STS call', async () => {
    const sessions = proxy.count('GetSessionToken');
    const first = whoami((await v.run(['exec', 'dev', '--', process.execPath, '-e', WHOAMI])).child);
    const second = whoami((await v.run(['exec', 'dev', '--', process.execPath, '-e', WHOAMI])).child);
    expect(second.keyId).toBe(first.keyId);
    expect(proxy.count('GetSessionToken')).toBe(sessions);
    expect(proxy.count('AssumeRole')).toBe(0);
    const list = await v.run(['list']);
    expect(list.out).toMatch(/^dev\s+key \S+ \(added [^)]+\)\s+\d{4}-\d\d-\d\dT\S+ \(\d+h\d\dm left\)$/m);
  });

  it('runs the aws CLI with the handed credentials', async () => {
    const run = await v.run(['exec', 'dev', '--', 'aws', 'sts', 'get-caller-identity', '--output', 'json']);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.child)).toMatchObject({ Arn: userArnOf('vault-dev'), Account: '111122223333' });
  });

  it('serves credential_process: the aws CLI runs `keyward vault export --format json`', async () => {
    // Asynchronously: the server under test runs in this very process.
    const aws = await promisify(execFile)('aws', ['sts', 'get-caller-identity', '--profile', 'cp', '--output', 'json'], { env: v.env, cwd: REPO, encoding: 'utf8' });
    expect(aws.stderr).toBe('');
    expect(JSON.parse(aws.stdout)).toMatchObject({ Arn: userArnOf('vault-dev') });
  }, 30_000);

  it('assumes the role of a role profile: the child sees the assumed-role ARN, and the role session is cached', async () => {
    const assumes = proxy.count('AssumeRole');
    const run = await v.run(['exec', 'role', '--', process.execPath, '-e', WHOAMI]);
    expect(run.err).toBe('');
    expect(whoami(run.child).arn).toBe('arn:aws:sts::111122223333:assumed-role/vault-role/vault-e2e');
    expect(proxy.count('AssumeRole')).toBe(assumes + 1);
    await v.run(['exec', 'role', '--', process.execPath, '-e', WHOAMI]);
    expect(proxy.count('AssumeRole')).toBe(assumes + 1);
  });

  it('follows a chain of two role profiles: external_id, duration_seconds, role_session_name and region of the last, each hop cached', async () => {
    const assumes = proxy.count('AssumeRole');
    const script = `${WHOAMI}; console.log(JSON.stringify({ region: process.env.AWS_REGION }))`;
    const run = await v.run(['exec', 'hop2', '--', process.execPath, '-e', script]);
    expect(run.err).toBe('');
    // The region line comes first: WHOAMI prints once its STS call is answered.
    const [region, me] = run.child
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(region).toEqual({ region: 'eu-west-1' });
    expect(me?.['arn']).toBe('arn:aws:sts::111122223333:assumed-role/vault-hop2/hop-two');
    const expiresIn = Date.parse(String(me?.['envExpiration'])) - t.now().getTime();
    expect(expiresIn).toBeGreaterThan(14 * 60_000);
    expect(expiresIn).toBeLessThanOrEqual(15 * 60_000 + 5000);
    expect(proxy.count('AssumeRole')).toBe(assumes + 2);
    // Both hops are cached: the second run makes no call at all.
    await v.run(['exec', 'hop2', '--', 'true']);
    expect(proxy.count('AssumeRole')).toBe(assumes + 2);
    // The external id is what the second role's trust policy demands: without it, refused.
    const refused = await v.run(['exec', 'hop2-no-external-id', '--', 'true']);
    expect(refused.code).toBe(1);
    expect(refused.err).toMatch(/^keyward vault: AssumeRole failed: AccessDenied: /);
  });

  it('assumes an MFA-protected role with a TOTP code; a wrong code fails clearly and caches nothing', async () => {
    const step = nextStep(t);
    const wrong = await v.run(['exec', 'mfa-role', '--mfa-token', wrongCode(device.seed, step), '--', process.execPath, '-e', WHOAMI]);
    expect(wrong.code).toBe(1);
    expect(wrong.err).toMatch(/^keyward vault: GetSessionToken failed: AccessDenied: MultiFactorAuthentication failed/);
    expect(wrong.child).toBe('');

    const noMfa = await v.run(['exec', 'mfa-role', '--no-session', '--', process.execPath, '-e', WHOAMI], { prompt: async () => '' });
    expect(noMfa.code).toBe(1);
    expect(noMfa.err).toMatch(/^keyward vault: AssumeRole failed: /);

    const prompts: string[] = [];
    const ok = await v.run(['exec', 'mfa-role', '--', process.execPath, '-e', WHOAMI], {
      prompt: async (question) => {
        prompts.push(question);
        return codeAt(device.seed, step);
      },
    });
    expect(ok.err).toBe('');
    expect(prompts).toEqual([`MFA code for ${device.serial}: `]);
    expect(whoami(ok.child).arn).toBe('arn:aws:sts::111122223333:assumed-role/vault-mfa-role/vault-mfa');
    // Cached: no code asked again.
    const again = await v.run(['exec', 'mfa-role', '--', process.execPath, '-e', WHOAMI]);
    expect(whoami(again.child).arn).toBe('arn:aws:sts::111122223333:assumed-role/vault-mfa-role/vault-mfa');
  });

  it('serves credentials on loopback in --server mode, read by the SDK container provider in the child', async () => {
    const run = await v.run(['exec', 'role', '--server', '--', process.execPath, '-e', WHOAMI]);
    expect(run.err).toBe('');
    const me = whoami(run.child);
    expect(me.arn).toBe('arn:aws:sts::111122223333:assumed-role/vault-role/vault-e2e');
    expect(me.envSecret).toBe(false);
    expect(me.keyId).toMatch(/^ASIA/);
  });

  it('passes the exit code through, reports a signal death as 128+N and a missing program as 127', async () => {
    expect((await v.run(['exec', 'dev', '--', process.execPath, '-e', 'process.exit(7)'])).code).toBe(7);
    expect((await v.run(['exec', 'dev', '--', process.execPath, '-e', "process.kill(process.pid, 'SIGKILL')"])).code).toBe(137);
    const missing = await v.run(['exec', 'dev', '--', 'no-such-program-keyward']);
    expect(missing).toMatchObject({ code: 127, err: 'keyward vault: command not found: no-such-program-keyward' });
  });

  it('forwards signals to the program from the real keyward process', async () => {
    const script = "process.on('SIGTERM', () => { console.log('child got SIGTERM'); process.exit(42); }); console.log('ready'); setInterval(() => {}, 1000);";
    const proc = spawn(process.execPath, ['--import', 'tsx', join(REPO, 'src', 'cli', 'bin.ts'), 'vault', 'exec', 'dev', '--', process.execPath, '-e', script], {
      env: v.env,
      cwd: REPO,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    proc.stderr.on('data', (c: Buffer) => (err += c.toString()));
    await new Promise<void>((resolve, reject) => {
      proc.stdout.on('data', (c: Buffer) => {
        out += c.toString();
        if (out.includes('ready')) resolve();
      });
      proc.once('close', () => reject(new Error(`keyward exited early: ${err}`)));
    });
    proc.kill('SIGTERM');
    const code = await new Promise<number | null>((resolve) => proc.once('close', resolve));
    expect(out).toContain('child got SIGTERM');
    expect(code).toBe(42);
    v.printed.push(out, err);
  }, 30_000);

  it('exports in the credential_process, env and ini formats', async () => {
    const json = await v.run(['export', 'dev', '--format', 'json'], { printsSecrets: true });
    const parsed = JSON.parse(json.out) as Record<string, string>;
    expect(parsed).toMatchObject({ Version: 1, AccessKeyId: expect.stringMatching(/^ASIA/) });
    secrets.push(parsed['SecretAccessKey'] ?? '', parsed['SessionToken'] ?? '');
    const creds = { accessKeyId: parsed['AccessKeyId'] ?? '', secretAccessKey: parsed['SecretAccessKey'] ?? '', sessionToken: parsed['SessionToken'] ?? '' };
    expect((await t.sts(creds).send(new GetCallerIdentityCommand({}))).Arn).toBe(userArnOf('vault-dev'));
    const env = await v.run(['export', 'dev'], { printsSecrets: true });
    expect(env.out).toContain(`AWS_ACCESS_KEY_ID=${creds.accessKeyId}`);
    expect(env.out).toContain(`AWS_ENDPOINT_URL=${proxy.url}`);
    expect((await v.run(['export', 'dev', '--format', 'ini'], { printsSecrets: true })).out).toMatch(/^\[dev\]\naws_access_key_id = ASIA/);
    expect(await v.run(['export', 'dev', '--format', 'xml'])).toMatchObject({ code: 2, err: expect.stringContaining('--format must be one of env, json, ini') });
  });

  it('login: a role session or (plain profile) a GetFederationToken session goes to getSigninToken; the URL is the documented login shape', async () => {
    // A federation endpoint of the documented shape that checks the session it is given against
    // the real server, so the test does not depend on Keyward's own console (tested elsewhere).
    const seen: { arn: string; sessionDuration: string | null }[] = [];
    const federation = createServer((req, res) => {
      const url = new URL(req.url ?? '/', 'http://x');
      const session = JSON.parse(url.searchParams.get('Session') ?? '{}') as { sessionId: string; sessionKey: string; sessionToken: string };
      t.sts({ accessKeyId: session.sessionId, secretAccessKey: session.sessionKey, sessionToken: session.sessionToken })
        .send(new GetCallerIdentityCommand({}))
        .then((me) => {
          seen.push({ arn: me.Arn ?? '', sessionDuration: url.searchParams.get('SessionDuration') });
          res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ SigninToken: `token-${seen.length}` }));
        })
        .catch(() => res.writeHead(400).end('bad session'));
    });
    await new Promise<void>((r) => federation.listen(0, '127.0.0.1', r));
    const federationUrl = `http://127.0.0.1:${(federation.address() as AddressInfo).port}/federation`;
    try {
      const role = await v.run(['login', 'role', '--federation-url', federationUrl, '--duration', '2h']);
      expect(role.err).toBe('');
      const roleUrl = new URL(role.out);
      expect(roleUrl.origin + roleUrl.pathname).toBe(federationUrl);
      expect([...roleUrl.searchParams.entries()]).toEqual([['Action', 'login'], ['Destination', `${proxy.url}/console/`], ['SigninToken', 'token-1']]);
      expect(seen[0]).toEqual({ arn: 'arn:aws:sts::111122223333:assumed-role/vault-role/vault-e2e', sessionDuration: '7200' });

      const federations = proxy.count('GetFederationToken');
      const plain = await v.run(['login', 'dev', '--federation-url', federationUrl, '--duration', '2h', '--issuer', 'https://broker.example/']);
      expect(plain.err).toBe('');
      expect(proxy.count('GetFederationToken')).toBe(federations + 1);
      // GetFederationToken credentials: no SessionDuration (AWS refuses it with them).
      expect(seen[1]).toEqual({ arn: 'arn:aws:sts::111122223333:federated-user/dev', sessionDuration: null });
      expect(new URL(plain.out).searchParams.get('Issuer')).toBe('https://broker.example/');
      expect(await v.run(['login', 'role', '--federation-url', federationUrl, '--duration', '13h'])).toMatchObject({
        code: 1,
        err: 'keyward vault: login --duration of a role session is 900 to 43200 seconds (15m to 12h)',
      });
    } finally {
      await new Promise((r) => federation.close(r));
    }
    // Without --federation-url, login goes to the profile endpoint's /federation.
    const direct = await v.run(['login', 'role'], { fetch: async (input) => {
      expect(String(input)).toMatch(new RegExp(`^${proxy.url}/federation\\?Action=getSigninToken&Session=`));
      return new Response(JSON.stringify({ SigninToken: 'direct' }), { status: 200 });
    } });
    expect(new URL(direct.out).searchParams.get('SigninToken')).toBe('direct');
  });

  it('refuses a wrong passphrase and a corrupted file clearly, changing nothing', async () => {
    const before = await readFile(v.vaultFile, 'utf8');
    const wrong = await v.run(['list'], { env: { KEYWARD_VAULT_PASSPHRASE: 'not the passphrase' } });
    expect(wrong).toMatchObject({ code: 1, err: `keyward vault: wrong passphrase for the vault file ${v.vaultFile}` });
    const wrongExec = await v.run(['exec', 'dev', '--', process.execPath, '-e', 'console.log("ran")'], { env: { KEYWARD_VAULT_PASSPHRASE: 'nope' } });
    expect(wrongExec.code).toBe(1);
    expect(wrongExec.child).toBe('');
    expect(await readFile(v.vaultFile, 'utf8')).toBe(before);

    const damaged = before.replace(/"data": "(.)/, (_m, c: string) => `"data": "${c === 'A' ? 'B' : 'A'}`);
    await writeFile(v.vaultFile, damaged, { mode: 0o600 });
    const corrupt = await v.run(['add', 'x', '--env'], { env: { AWS_ACCESS_KEY_ID: 'AKIAXXXXXXXXXXXXXXXX', AWS_SECRET_ACCESS_KEY: 's' } });
    expect(corrupt).toMatchObject({ code: 1, err: `keyward vault: the vault file ${v.vaultFile} is corrupted (its contents fail authentication); it was left untouched` });
    expect(await readFile(v.vaultFile, 'utf8')).toBe(damaged);
    await writeFile(v.vaultFile, before, { mode: 0o600 });
    expect((await v.run(['list'])).code).toBe(0);
  });

  it('rotates a key: the new one is stored and works, the old one is refused afterwards', async () => {
    const rot = await createUser(t, 'vault-rot', policy(statement('Allow', ['iam:CreateAccessKey', 'iam:DeleteAccessKey'], userArnOf('vault-rot'))));
    secrets.push(rot.secretAccessKey);
    await v.writeConfig(`${await readFile(join(v.home, '.aws', 'config'), 'utf8')}\n[profile rot]\nendpoint_url = ${proxy.url}\n`);
    expect((await v.run(['add', 'rot', '--env'], { env: { AWS_ACCESS_KEY_ID: rot.accessKeyId, AWS_SECRET_ACCESS_KEY: rot.secretAccessKey } })).code).toBe(0);
    const before = whoami((await v.run(['exec', 'rot', '--', process.execPath, '-e', WHOAMI])).child);
    const rotated = await v.run(['rotate', 'rot']);
    expect(rotated.err).toBe('');
    const match = /^Rotated the key of profile 'rot': (\S+) deleted, (\S+) stored$/.exec(rotated.out);
    expect(match?.[1]).toBe(rot.accessKeyId);
    const newKeyId = match?.[2] ?? '';
    expect(newKeyId).toMatch(/^AKIA/);
    await expect(t.sts(rot).send(new GetCallerIdentityCommand({}))).rejects.toMatchObject({ name: 'InvalidClientTokenId' });
    // The old key's cached session was dropped: the next exec makes a new one from the new key.
    const after = whoami((await v.run(['exec', 'rot', '--', process.execPath, '-e', WHOAMI])).child);
    expect(after.arn).toBe(userArnOf('vault-rot'));
    expect(after.keyId).not.toBe(before.keyId);
    expect((await v.run(['list'])).out).toMatch(new RegExp(`^rot\\s+key ${newKeyId} `, 'm'));
  });

  it('rotates the key of a user who must use MFA to manage keys: through an MFA session with --mfa-token', async () => {
    const mfaOnly = { Bool: { 'aws:MultiFactorAuthPresent': 'true' } };
    const user = await createUser(t, 'vault-rot-mfa', policy(statement('Allow', ['iam:CreateAccessKey', 'iam:DeleteAccessKey'], userArnOf('vault-rot-mfa'), mfaOnly)));
    secrets.push(user.secretAccessKey);
    const rotDevice = await createDevice(t, 'vault-rot-mfa-device');
    await enableDevice(t, 'vault-rot-mfa', rotDevice);
    const config = await readFile(join(v.home, '.aws', 'config'), 'utf8');
    await v.writeConfig(`${config}\n[profile rotmfa]\nendpoint_url = ${proxy.url}\n`);
    expect((await v.run(['add', 'rotmfa', '--env'], { env: { AWS_ACCESS_KEY_ID: user.accessKeyId, AWS_SECRET_ACCESS_KEY: user.secretAccessKey } })).code).toBe(0);

    // Without MFA the policy refuses CreateAccessKey: nothing changes.
    const refused = await v.run(['rotate', 'rotmfa']);
    expect(refused.code).toBe(1);
    expect(refused.err).toMatch(/^keyward vault: CreateAccessKey failed: AccessDenied: /);
    expect(await v.run(['rotate', 'rotmfa', '--mfa-token', '123456'])).toMatchObject({
      code: 2,
      err: expect.stringContaining("--mfa-token needs mfa_serial in profile 'rotmfa'"),
    });
    await v.writeConfig(`${config}\n[profile rotmfa]\nendpoint_url = ${proxy.url}\nmfa_serial = ${rotDevice.serial}\n`);

    // A wrong code: GetSessionToken refuses it, and the stored key is still the old one.
    const step = nextStep(t);
    const wrong = await v.run(['rotate', 'rotmfa', '--mfa-token', wrongCode(rotDevice.seed, step)]);
    expect(wrong.code).toBe(1);
    expect(wrong.err).toMatch(/^keyward vault: GetSessionToken failed: AccessDenied: MultiFactorAuthentication failed/);
    expect((await v.run(['list'])).out).toMatch(new RegExp(`^rotmfa\\s+key ${user.accessKeyId} `, 'm'));

    const sessions = proxy.count('GetSessionToken');
    const rotated = await v.run(['rotate', 'rotmfa', '--mfa-token', codeAt(rotDevice.seed, step)]);
    expect(rotated.err).toBe('');
    const match = /^Rotated the key of profile 'rotmfa': (\S+) deleted, (\S+) stored$/.exec(rotated.out);
    expect(match?.[1]).toBe(user.accessKeyId);
    expect(proxy.count('GetSessionToken')).toBe(sessions + 1);
    await expect(t.sts(user).send(new GetCallerIdentityCommand({}))).rejects.toMatchObject({ name: 'InvalidClientTokenId' });
    expect((await v.run(['list'])).out).toMatch(new RegExp(`^rotmfa\\s+key ${match?.[2] ?? 'none'} `, 'm'));
    const fresh = whoami((await v.run(['exec', 'rotmfa', '--no-session', '--', process.execPath, '-e', WHOAMI])).child);
    expect(fresh).toMatchObject({ arn: userArnOf('vault-rot-mfa'), keyId: match?.[2] });
  });

  it('removes sessions, then keys', async () => {
    expect((await v.run(['clear', 'role'])).out).toBe('Deleted 1 cached session');
    expect((await v.run(['list'])).out).toMatch(/^role\s+via dev\s+-$/m);
    const cleared = await v.run(['remove', 'rot', '--sessions-only']);
    expect(cleared.out).toBe("Deleted 1 cached session of profile 'rot'");
    expect((await v.run(['remove', 'rot'])).out).toBe("Removed the key of profile 'rot' and its cached sessions");
    expect(await v.run(['remove', 'rot'])).toMatchObject({ code: 1, err: "keyward vault: no key stored for profile 'rot'" });
    const exec = await v.run(['exec', 'rot', '--', 'true']);
    expect(exec).toMatchObject({ code: 1, err: "keyward vault: no key stored for profile 'rot'; run 'keyward vault add rot'" });
  });

  // Last: it moves the server's clock an hour on, past what the children's real-time signatures allow.
  it('refreshes a session shortly before it expires (injected clock)', async () => {
    const exportKey = async (): Promise<string> => (JSON.parse((await v.run(['export', 'dev', '--format', 'json'], { printsSecrets: true })).out) as { AccessKeyId: string }).AccessKeyId;
    await v.run(['clear']);
    const sessions = proxy.count('GetSessionToken');
    const first = await exportKey();
    expect(proxy.count('GetSessionToken')).toBe(sessions + 1);
    const expiry = Date.parse(((await v.run(['list'])).out.match(/^dev\s.*\s(\d{4}-\d\d-\d\dT\S+Z) \(\d+h\d\dm left\)$/m) ?? [])[1] ?? '');
    // Until five minutes before expiry the cached session is handed out...
    t.advance(expiry - t.now().getTime() - 6 * 60_000);
    expect(await exportKey()).toBe(first);
    expect(proxy.count('GetSessionToken')).toBe(sessions + 1);
    // ...after that a new one is made.
    t.advance(2 * 60_000);
    const second = await exportKey();
    expect(second).not.toBe(first);
    expect(proxy.count('GetSessionToken')).toBe(sessions + 2);
  });

  it('never printed a secret', () => {
    const all = v.printed.join('\n');
    expect(all.length).toBeGreaterThan(1000);
    for (const secret of secrets) {
      expect(secret.length).toBeGreaterThan(0);
      expect(all).not.toContain(secret);
    }
  });
});
