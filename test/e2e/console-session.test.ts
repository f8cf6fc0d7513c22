// The console's session and calls, with fetch against a real server: the cookie's flags, CSRF,
// expiry, the generic sign-in failure, lockout, MFA, a call allowed and one denied with the
// engine's explanation, and parity with the same user's SDK calls (same AccessDenied).

import { mkdtemp, rm } from 'node:fs/promises';
import { request as httpsRequest } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  CreateLoginProfileCommand,
  CreateUserCommand,
  DeleteAccountPasswordPolicyCommand,
  ListUsersCommand,
  PutUserPolicyCommand,
  UpdateAccountPasswordPolicyCommand,
  UpdateLoginProfileCommand,
} from '@aws-sdk/client-iam';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConsoleClient } from '../support/console-client.js';
import { startNode } from '../support/keyward-node.js';
import { createTempDatabase } from '../support/temp-database.js';
import { makeCertificate } from '../support/tls-certificate.js';
import { codeAt, createDevice, enableDevice, nextStep, wrongCode } from '../support/mfa-fixtures.js';
import { ACCOUNT_ID } from '../support/server.js';
import { createUser, policy, startStsNode, statement, userArnOf, type Keys, type StsNode } from '../support/sts-fixtures.js';

const PASSWORD = 'Correct-Horse-Battery-1';
const ROOT_PASSWORD = 'Root-Password-Long-1';

let t: StsNode;
let aliceKeys: Keys;

beforeAll(async () => {
  t = await startStsNode();
  aliceKeys = await createUser(t, 'alice', policy(statement('Allow', ['iam:ListUsers', 'iam:GetUser'])));
  await t.iam().send(new CreateLoginProfileCommand({ UserName: 'alice', Password: PASSWORD }));
  await t.iam().send(new CreateLoginProfileCommand({ Password: ROOT_PASSWORD }));
}, 60_000);
afterAll(async () => {
  await t?.stop();
});

describe('console sign-in and session', { timeout: 60_000 }, () => {
  it('signs an IAM user in with an HttpOnly, SameSite=Strict cookie and reports the session', async () => {
    const browser = new ConsoleClient(t.node.url);
    expect((await browser.session()).body).toEqual({ signedIn: false });
    const signed = await browser.signIn(ACCOUNT_ID, PASSWORD, 'alice');
    expect(signed.status).toBe(200);
    const [cookie] = signed.setCookie;
    expect(cookie).toMatch(/^keyward_console=[^;]+; /);
    expect(cookie).toContain('HttpOnly');
    expect(cookie).toContain('SameSite=Strict');
    expect(cookie).toContain('Path=/');
    expect(cookie).not.toContain('Secure');
    // The secret never reaches the browser in readable form.
    expect(JSON.stringify(signed.body)).not.toMatch(/ASIA|secret/i);
    expect(signed.body).toMatchObject({
      signedIn: true,
      passwordChangeRequired: false,
      principal: { type: 'IAMUser', arn: userArnOf('alice'), accountId: ACCOUNT_ID, userName: 'alice', displayName: 'alice' },
    });
    const expiresAt = Date.parse(String(signed.body.expiresAt));
    expect(expiresAt - t.now().getTime()).toBeGreaterThan(11.9 * 3600_000);
    expect(expiresAt - t.now().getTime()).toBeLessThanOrEqual(12 * 3600_000);
    expect((await browser.session()).body).toMatchObject({ signedIn: true, csrfToken: browser.csrf });

    const out = await browser.request('POST', '/console/api/sign-out', {});
    expect(out.body).toEqual({ signedIn: false });
    expect(out.setCookie[0]).toMatch(/^keyward_console=; .*Max-Age=0/);
    expect((await browser.session()).body).toEqual({ signedIn: false });
  });

  it('answers every wrong account, user or password with one message', async () => {
    const browser = new ConsoleClient(t.node.url);
    const answers = [
      await browser.signIn(ACCOUNT_ID, 'wrong-password', 'alice'),
      await browser.signIn(ACCOUNT_ID, PASSWORD, 'nobody'),
      await browser.signIn('999988887777', PASSWORD, 'alice'),
      await browser.signIn('no-such-alias', PASSWORD, 'alice'),
    ];
    // An empty user name is not a way to reach root's password.
    expect((await browser.signIn(ACCOUNT_ID, ROOT_PASSWORD, '')).body).toMatchObject({ error: { code: 'ValidationError' } });
    for (const a of answers) {
      expect(a.status).toBe(401);
      expect(a.body).toEqual({ error: { code: 'SignInFailed', message: 'Your authentication information is incorrect. Please try again.' } });
      expect(a.setCookie).toEqual([]);
    }
  });

  it('locks a password out after repeated failures, as the API does', async () => {
    await t.iam().send(new CreateUserCommand({ UserName: 'mallory' }));
    await t.iam().send(new CreateLoginProfileCommand({ UserName: 'mallory', Password: PASSWORD }));
    const browser = new ConsoleClient(t.node.url);
    for (let i = 0; i < 5; i += 1) expect((await browser.signIn(ACCOUNT_ID, `wrong-${i}`, 'mallory')).body).toMatchObject({ error: { code: 'SignInFailed' } });
    const locked = await browser.signIn(ACCOUNT_ID, PASSWORD, 'mallory');
    expect(locked.status).toBe(401);
    expect(locked.body).toMatchObject({ error: { code: 'LockedOut' } });
    // An administrator's new password lifts the lock, as for the API.
    await t.iam().send(new UpdateLoginProfileCommand({ UserName: 'mallory', Password: `${PASSWORD}-2` }));
    expect((await browser.signIn(ACCOUNT_ID, `${PASSWORD}-2`, 'mallory')).status).toBe(200);
  });

  it('runs calls as the user: allowed, and denied with AccessDenied and the explanation', async () => {
    const browser = new ConsoleClient(t.node.url);
    await browser.signIn(ACCOUNT_ID, PASSWORD, 'alice');
    const listed = await browser.call<{ output: { Users: { UserName: string; CreateDate: string }[] } }>('iam', 'ListUsers');
    expect(listed.status).toBe(200);
    const sdkUsers = await t.iam(aliceKeys).send(new ListUsersCommand({}));
    expect(listed.body.output.Users.map((u) => u.UserName)).toEqual(sdkUsers.Users?.map((u) => u.UserName));
    expect(listed.body.output.Users[0]?.CreateDate).toMatch(/^\d{4}-\d\d-\d\dT/);
    expect(listed.body.output).not.toHaveProperty('$metadata');

    const denied = await browser.call<{ error: { code: string; message: string; requestId: string; explanation: Record<string, unknown> } }>('iam', 'CreateUser', { UserName: 'eve' });
    expect(denied.status).toBe(403);
    const error = denied.body.error;
    expect(error.code).toBe('AccessDenied');
    expect(error.message).toBe(
      `User: ${userArnOf('alice')} is not authorized to perform: iam:CreateUser on resource: arn:aws:iam::${ACCOUNT_ID}:user/eve because no identity-based policy allows the iam:CreateUser action`,
    );
    expect(error.explanation).toMatchObject({
      requestId: error.requestId,
      principal: userArnOf('alice'),
      action: 'iam:CreateUser',
      decision: 'ImplicitDeny',
      deniedBy: 'identity',
      policyTypesEvaluated: ['identity'],
      matchedDenyStatements: [],
    });
    // The same user's SDK call is refused with the same words.
    const sdk = await t.iam(aliceKeys).send(new CreateUserCommand({ UserName: 'eve' })).catch((e: Error) => e);
    expect(sdk).toMatchObject({ name: 'AccessDenied', message: error.message });

    // The "why" page reads the explanation again, in this and alice's other sessions.
    const again = await browser.request('GET', `/console/api/explain/${error.requestId}`);
    expect(again.body).toEqual({ explanation: error.explanation });
    const other = new ConsoleClient(t.node.url);
    await other.signIn(ACCOUNT_ID, PASSWORD, 'alice');
    expect((await other.request('GET', `/console/api/explain/${error.requestId}`)).body).toEqual({ explanation: error.explanation });
  });

  it('explains an explicit deny with the matched statement', async () => {
    await createUser(t, 'denied', policy(statement('Allow', 'iam:*'), { Sid: 'NoDeletes', ...statement('Deny', 'iam:DeleteUser') }));
    await t.iam().send(new CreateLoginProfileCommand({ UserName: 'denied', Password: PASSWORD }));
    const browser = new ConsoleClient(t.node.url);
    await browser.signIn(ACCOUNT_ID, PASSWORD, 'denied');
    const res = await browser.call<{ error: { explanation: { decision: string; matchedDenyStatements: { sid?: string }[]; summary: string } } }>('iam', 'DeleteUser', { UserName: 'alice' });
    expect(res.status).toBe(403);
    expect(res.body.error.explanation.decision).toBe('ExplicitDeny');
    expect(res.body.error.explanation.matchedDenyStatements.map((s) => s.sid)).toEqual(['NoDeletes']);
    expect(res.body.error.explanation.summary).toContain('explicit Deny');
  });

  it('refuses writes without the CSRF token or from another origin, and calls without a session', async () => {
    const browser = new ConsoleClient(t.node.url);
    await browser.signIn(ACCOUNT_ID, PASSWORD, 'alice');
    const body = { service: 'iam', action: 'ListUsers', input: {} };
    const noToken = await browser.request('POST', '/console/api/call', body, { 'x-keyward-csrf': '' });
    expect(noToken.status).toBe(403);
    expect(noToken.body).toMatchObject({ error: { code: 'InvalidCsrfToken' } });
    const otherOrigin = await browser.request('POST', '/console/api/call', body, { origin: 'https://evil.example' });
    expect(otherOrigin.status).toBe(403);
    expect(otherOrigin.body).toMatchObject({ error: { code: 'InvalidCsrfToken' } });
    const crossSite = await browser.request('POST', '/console/api/call', body, { 'sec-fetch-site': 'cross-site' });
    expect(crossSite.status).toBe(403);
    const signInFromElsewhere = await new ConsoleClient(t.node.url).request('POST', '/console/api/sign-in', { account: ACCOUNT_ID, userName: 'alice', password: PASSWORD }, { origin: 'https://evil.example' });
    expect(signInFromElsewhere.status).toBe(403);
    expect(signInFromElsewhere.setCookie).toEqual([]);
    expect((await browser.request('POST', '/console/api/call', body)).status).toBe(200);
    const anonymous = await new ConsoleClient(t.node.url).call('iam', 'ListUsers');
    expect(anonymous.status).toBe(401);
    expect(anonymous.body).toMatchObject({ error: { code: 'NotSignedIn' } });
    // A cookie that was tampered with opens as no session.
    const forged = new ConsoleClient(t.node.url);
    forged.cookie = `${browser.cookie!.slice(0, -4)}AAAA`;
    forged.csrf = browser.csrf;
    expect((await forged.session()).body).toEqual({ signedIn: false });
  });

  it('refuses unknown services and actions with a validation error', async () => {
    const browser = new ConsoleClient(t.node.url);
    await browser.signIn(ACCOUNT_ID, PASSWORD, 'alice');
    expect((await browser.call('s3', 'ListBuckets')).body).toMatchObject({ error: { code: 'ValidationError' } });
    expect((await browser.call('iam', 'NoSuchThing')).body).toMatchObject({ error: { code: 'InvalidAction' } });
    expect((await browser.call('iam', 'constructor')).status).toBe(400);
  });

  it('ends the session at its expiry: 12 hours for users, 1 hour for root', async () => {
    const user = new ConsoleClient(t.node.url);
    await user.signIn(ACCOUNT_ID, PASSWORD, 'alice');
    const root = new ConsoleClient(t.node.url);
    const rootSignIn = await root.signIn(ACCOUNT_ID, ROOT_PASSWORD);
    expect(rootSignIn.body).toMatchObject({ signedIn: true, principal: { type: 'Root', arn: `arn:aws:iam::${ACCOUNT_ID}:root`, displayName: 'Root user' } });
    expect((await root.call('iam', 'CreateUser', { UserName: 'made-in-console' })).status).toBe(200);
    t.advance(3600_000 + 1000);
    expect((await root.session()).body).toEqual({ signedIn: false });
    expect((await root.call('iam', 'ListUsers')).status).toBe(401);
    expect((await user.session()).body).toMatchObject({ signedIn: true });
    t.advance(11 * 3600_000);
    expect((await user.session()).body).toEqual({ signedIn: false });
    expect((await user.call('iam', 'ListUsers')).body).toMatchObject({ error: { code: 'NotSignedIn' } });
  });

  it('asks for the MFA code when the user has a device, and signs in with a valid one', async () => {
    await createUser(t, 'mfa-user', policy(statement('Allow', 'iam:ListUsers', '*', { Bool: { 'aws:MultiFactorAuthPresent': 'true' } })));
    await t.iam().send(new CreateLoginProfileCommand({ UserName: 'mfa-user', Password: PASSWORD }));
    const device = await createDevice(t, 'mfa-user-device');
    await enableDevice(t, 'mfa-user', device);
    const browser = new ConsoleClient(t.node.url);
    const asked = await browser.signIn(ACCOUNT_ID, PASSWORD, 'mfa-user');
    expect(asked.status).toBe(401);
    expect(asked.body).toMatchObject({ error: { code: 'MfaRequired' } });
    const step = nextStep(t);
    const wrong = await browser.signIn(ACCOUNT_ID, PASSWORD, 'mfa-user', wrongCode(device.seed, step));
    expect(wrong.body).toMatchObject({ error: { code: 'MfaInvalid' } });
    // A wrong password with a right code is still the generic failure.
    expect((await browser.signIn(ACCOUNT_ID, 'nope', 'mfa-user', codeAt(device.seed, step))).body).toMatchObject({ error: { code: 'SignInFailed' } });
    const ok = await browser.signIn(ACCOUNT_ID, PASSWORD, 'mfa-user', codeAt(device.seed, step));
    expect(ok.status).toBe(200);
    // The session carries the MFA claim: a policy that requires MFA allows the call.
    expect((await browser.call('iam', 'ListUsers')).status).toBe(200);
    // The code works once.
    expect((await new ConsoleClient(t.node.url).signIn(ACCOUNT_ID, PASSWORD, 'mfa-user', codeAt(device.seed, step))).body).toMatchObject({ error: { code: 'MfaInvalid' } });
  });
});

describe('forced password change', { timeout: 60_000 }, () => {
  it('lets a user whose reset is required do nothing but change the password', async () => {
    await createUser(t, 'newbie', policy(statement('Allow', 'iam:ListUsers'), statement('Allow', 'iam:ChangePassword', userArnOf('newbie'))));
    await t.iam().send(new CreateLoginProfileCommand({ UserName: 'newbie', Password: PASSWORD, PasswordResetRequired: true }));
    const browser = new ConsoleClient(t.node.url);
    expect((await browser.signIn(ACCOUNT_ID, PASSWORD, 'newbie')).body).toMatchObject({ signedIn: true, passwordChangeRequired: true });
    const blocked = await browser.call('iam', 'ListUsers');
    expect(blocked.status).toBe(403);
    expect(blocked.body).toMatchObject({ error: { code: 'PasswordChangeRequired' } });
    // Reading the password policy is let through to the engine (which denies it: no policy grants it).
    expect((await browser.call('iam', 'GetAccountPasswordPolicy')).body).toMatchObject({ error: { code: 'AccessDenied' } });
    const wrongOld = await browser.request('POST', '/console/api/change-password', { oldPassword: 'not-it', newPassword: 'Brand-New-Password-9' });
    expect(wrongOld.status).toBe(400);
    const changed = await browser.request('POST', '/console/api/change-password', { oldPassword: PASSWORD, newPassword: 'Brand-New-Password-9' });
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({ signedIn: true, passwordChangeRequired: false });
    expect((await browser.call('iam', 'ListUsers')).status).toBe(200);
    // The flag is cleared in the store too: the next sign-in is a normal one.
    expect((await new ConsoleClient(t.node.url).signIn(ACCOUNT_ID, 'Brand-New-Password-9', 'newbie')).body).toMatchObject({ passwordChangeRequired: false });
  });

  it('makes a user with an expired password change it, and refuses it under HardExpiry', async () => {
    await createUser(t, 'old-timer', policy(statement('Allow', 'iam:ListUsers')));
    await t.iam().send(new CreateLoginProfileCommand({ UserName: 'old-timer', Password: PASSWORD }));
    await t.iam().send(new UpdateAccountPasswordPolicyCommand({ MaxPasswordAge: 1, AllowUsersToChangePassword: true }));
    try {
      t.advance(2 * 24 * 3600_000);
      const browser = new ConsoleClient(t.node.url);
      expect((await browser.signIn(ACCOUNT_ID, PASSWORD, 'old-timer')).body).toMatchObject({ signedIn: true, passwordChangeRequired: true });
      expect((await browser.call('iam', 'ListUsers')).body).toMatchObject({ error: { code: 'PasswordChangeRequired' } });
      // AllowUsersToChangePassword grants ChangePassword without a policy of the user's own.
      expect((await browser.request('POST', '/console/api/change-password', { oldPassword: PASSWORD, newPassword: 'Renewed-Password-10' })).body).toMatchObject({ passwordChangeRequired: false });
      expect((await browser.call('iam', 'ListUsers')).status).toBe(200);

      await t.iam().send(new UpdateAccountPasswordPolicyCommand({ MaxPasswordAge: 1, AllowUsersToChangePassword: true, HardExpiry: true }));
      t.advance(2 * 24 * 3600_000);
      expect((await new ConsoleClient(t.node.url).signIn(ACCOUNT_ID, 'Renewed-Password-10', 'old-timer')).body).toMatchObject({ error: { code: 'SignInFailed' } });
    } finally {
      await t.iam().send(new DeleteAccountPasswordPolicyCommand({}));
    }
  });
});

describe('console over TLS and on PostgreSQL', { timeout: 90_000 }, () => {
  it('marks the cookie Secure over TLS, and the calls it makes see aws:SecureTransport true', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'keyward-console-tls-'));
    const cert = makeCertificate(dir, 'console');
    const node = await startNode({ dataDir: join(dir, 'data'), operating: { tls: { certFile: cert.certFile, keyFile: cert.keyFile } }, trustedCa: cert.pem });
    try {
      const iam = node.iam();
      await iam.send(new CreateUserCommand({ UserName: 'tls-user' }));
      // Only a request over TLS may list users; only a plain one may list roles.
      const onlyTls = policy(
        statement('Allow', 'iam:ListUsers', '*', { Bool: { 'aws:SecureTransport': 'true' } }),
        statement('Allow', 'iam:ListRoles', '*', { Bool: { 'aws:SecureTransport': 'false' } }),
      );
      await iam.send(new PutUserPolicyCommand({ UserName: 'tls-user', PolicyName: 'tls', PolicyDocument: onlyTls }));
      await iam.send(new CreateLoginProfileCommand({ UserName: 'tls-user', Password: PASSWORD }));
      const post = (path: string, body: unknown, headers: Record<string, string> = {}) => httpsJson(node.url, cert.pem, path, body, headers);
      const signed = await post('/console/api/sign-in', { account: ACCOUNT_ID, userName: 'tls-user', password: PASSWORD });
      expect(signed.status).toBe(200);
      const cookie = signed.setCookie[0]!;
      expect(cookie).toMatch(/; Secure$/);
      expect(cookie).toContain('HttpOnly');
      expect(cookie).toContain('SameSite=Strict');
      const csrf = (signed.body as { csrfToken: string }).csrfToken;
      const auth = { cookie: cookie.split(';')[0]!, 'x-keyward-csrf': csrf };
      expect((await post('/console/api/call', { service: 'iam', action: 'ListUsers' }, auth)).status).toBe(200);
      expect((await post('/console/api/call', { service: 'iam', action: 'ListRoles' }, auth)).status).toBe(403);
    } finally {
      await node.stop();
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('signs in and calls on PostgreSQL', async () => {
    const db = await createTempDatabase();
    const dir = await mkdtemp(join(tmpdir(), 'keyward-console-pg-'));
    const node = await startNode({ dataDir: dir, databaseUrl: db.url, masterKey: 'ab'.repeat(32) });
    try {
      await node.iam().send(new CreateUserCommand({ UserName: 'pg-user' }));
      await node.iam().send(new PutUserPolicyCommand({ UserName: 'pg-user', PolicyName: 'p', PolicyDocument: policy(statement('Allow', 'iam:ListUsers')) }));
      await node.iam().send(new CreateLoginProfileCommand({ UserName: 'pg-user', Password: PASSWORD }));
      const browser = new ConsoleClient(node.url);
      expect((await browser.signIn(ACCOUNT_ID, 'wrong', 'pg-user')).body).toMatchObject({ error: { code: 'SignInFailed' } });
      expect((await browser.signIn(ACCOUNT_ID, PASSWORD, 'pg-user')).status).toBe(200);
      const listed = await browser.call<{ output: { Users: { UserName: string }[] } }>('iam', 'ListUsers');
      expect(listed.body.output.Users.map((u) => u.UserName)).toEqual(['pg-user']);
      const denied = await browser.call<{ error: { code: string; explanation: { deniedBy: string } } }>('iam', 'DeleteUser', { UserName: 'pg-user' });
      expect(denied.body.error).toMatchObject({ code: 'AccessDenied', explanation: { deniedBy: 'identity' } });
    } finally {
      await node.stop();
      await db.drop();
      await rm(dir, { recursive: true, force: true });
    }
  });
});

function httpsJson(base: string, ca: string, path: string, body: unknown, headers: Record<string, string>): Promise<{ status: number; body: unknown; setCookie: string[] }> {
  const url = new URL(path, base);
  const payload = JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = httpsRequest(
      url,
      { method: 'POST', ca, headers: { 'content-type': 'application/json', origin: base, 'content-length': String(Buffer.byteLength(payload)), ...headers } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          resolve({ status: res.statusCode ?? 0, body: JSON.parse(text) as unknown, setCookie: res.headers['set-cookie'] ?? [] });
        });
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}
