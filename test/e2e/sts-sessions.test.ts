// GetSessionToken and GetFederationToken end to end, what their credentials may call, and
// session tokens accepted by another node that shares only the master key.

import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ListUsersCommand } from '@aws-sdk/client-iam';
import { AssumeRoleCommand, GetCallerIdentityCommand, GetFederationTokenCommand, GetSessionTokenCommand } from '@aws-sdk/client-sts';
import { ACCOUNT_ID } from '../support/server.js';
import { accountRoot, createRole, createUser, policy, roleArnOf, sessionKeys, startStsNode, statement, trust, userArnOf, type Keys, type StsNode } from '../support/sts-fixtures.js';

const MASTER_KEY = randomBytes(32).toString('hex');
let t: StsNode;
let carol: Keys; // may list users, assume roles and federate
let dave: Keys; // no policy

beforeAll(async () => {
  t = await startStsNode({ masterKey: MASTER_KEY });
  carol = await createUser(t, 'carol', policy(statement('Allow', ['iam:ListUsers', 'sts:AssumeRole', 'sts:GetFederationToken'])));
  dave = await createUser(t, 'dave');
});
afterAll(async () => {
  await t.stop();
});

const lifetime = (expiration: Date | undefined, from: number): number => Math.round((expiration!.getTime() - from) / 1000);

describe('GetSessionToken', () => {
  it("gives a user a 12-hour session with the user's identity, without needing a permission", async () => {
    const from = t.now().getTime();
    const out = await t.sts(dave).send(new GetSessionTokenCommand({}));
    expect(out.Credentials?.AccessKeyId).toMatch(/^ASIA/);
    expect(Math.abs(lifetime(out.Credentials?.Expiration, from) - 43200)).toBeLessThanOrEqual(2);
    const me = await t.sts(sessionKeys(out.Credentials)).send(new GetCallerIdentityCommand({}));
    expect(me.Arn).toBe(userArnOf('dave'));
    expect(me.UserId).toMatch(/^AIDA/);
  });

  it('honours DurationSeconds within 900-129600 and caps the root user at one hour', async () => {
    const from = t.now().getTime();
    const long = await t.sts(dave).send(new GetSessionTokenCommand({ DurationSeconds: 129600 }));
    expect(Math.abs(lifetime(long.Credentials?.Expiration, from) - 129600)).toBeLessThanOrEqual(2);
    await expect(t.sts(dave).send(new GetSessionTokenCommand({ DurationSeconds: 129601 }))).rejects.toMatchObject({ name: 'ValidationError' });
    await expect(t.sts(dave).send(new GetSessionTokenCommand({ DurationSeconds: 899 }))).rejects.toMatchObject({ name: 'ValidationError' });
    const root = await t.sts().send(new GetSessionTokenCommand({ DurationSeconds: 7200 }));
    expect(Math.abs(lifetime(root.Credentials?.Expiration, from) - 3600)).toBeLessThanOrEqual(2);
    expect((await t.sts(sessionKeys(root.Credentials)).send(new GetCallerIdentityCommand({}))).Arn).toBe(accountRoot);
  });

  it('its credentials reach STS only for AssumeRole and GetCallerIdentity, and IAM not without MFA', async () => {
    const session = sessionKeys((await t.sts(carol).send(new GetSessionTokenCommand({}))).Credentials);
    await expect(t.sts(session).send(new GetSessionTokenCommand({}))).rejects.toMatchObject({
      name: 'AccessDenied',
      message: 'Cannot call GetSessionToken with session credentials',
    });
    await expect(t.iam(session).send(new ListUsersCommand({}))).rejects.toMatchObject({ name: 'InvalidClientTokenId', $metadata: { httpStatusCode: 403 } });
    await createRole(t, 'from-session', trust(accountRoot));
    const role = await t.sts(session).send(new AssumeRoleCommand({ RoleArn: roleArnOf('from-session'), RoleSessionName: 'carol' }));
    expect(role.AssumedRoleUser?.Arn).toBe(`arn:aws:sts::${ACCOUNT_ID}:assumed-role/from-session/carol`);
    // Not role chaining: the caller is a user, so the one-hour chaining cap does not apply.
    const roleSession = sessionKeys(role.Credentials);
    await expect(t.sts(roleSession).send(new GetSessionTokenCommand({}))).rejects.toMatchObject({ name: 'AccessDenied' });
  });

  it('refuses an MFA code for a device the caller does not have', async () => {
    await expect(
      t.sts(carol).send(new GetSessionTokenCommand({ SerialNumber: `arn:aws:iam::${ACCOUNT_ID}:mfa/carol`, TokenCode: '123456' })),
    ).rejects.toMatchObject({
      name: 'AccessDenied',
      message:
        'MultiFactorAuthentication failed, unable to validate MFA code.  Please verify your MFA serial number is valid and associated with this user.',
    });
  });
});

describe('GetFederationToken', () => {
  it('needs sts:GetFederationToken on the federated user', async () => {
    await expect(t.sts(dave).send(new GetFederationTokenCommand({ Name: 'partner' }))).rejects.toMatchObject({
      name: 'AccessDenied',
      message: expect.stringContaining(`sts:GetFederationToken on resource: arn:aws:sts::${ACCOUNT_ID}:federated-user/partner`),
    });
  });

  it('gives a federated user identity whose credentials reach only GetCallerIdentity', async () => {
    const out = await t.sts(carol).send(new GetFederationTokenCommand({ Name: 'partner', Policy: policy(statement('Allow', 'iam:ListUsers')) }));
    expect(out.FederatedUser).toEqual({ Arn: `arn:aws:sts::${ACCOUNT_ID}:federated-user/partner`, FederatedUserId: `${ACCOUNT_ID}:partner` });
    expect(out.PackedPolicySize).toBeGreaterThan(0);
    const session = sessionKeys(out.Credentials);
    expect(await t.sts(session).send(new GetCallerIdentityCommand({}))).toMatchObject({
      Arn: `arn:aws:sts::${ACCOUNT_ID}:federated-user/partner`,
      UserId: `${ACCOUNT_ID}:partner`,
    });
    await expect(t.iam(session).send(new ListUsersCommand({}))).rejects.toMatchObject({ name: 'InvalidClientTokenId' });
    await expect(t.sts(session).send(new AssumeRoleCommand({ RoleArn: roleArnOf('from-session'), RoleSessionName: 'x1' }))).rejects.toMatchObject({
      name: 'AccessDenied',
      message: 'Cannot call AssumeRole with session credentials',
    });
  });

  it('validates its session policy', async () => {
    await expect(t.sts(carol).send(new GetFederationTokenCommand({ Name: 'partner', Policy: '{"Statement":[]}' }))).rejects.toMatchObject({
      name: 'MalformedPolicyDocumentException',
    });
  });
});

describe('self-contained tokens', () => {
  it('another node with the same master key accepts the token; one with another key does not', async () => {
    const session = sessionKeys((await t.sts(carol).send(new GetSessionTokenCommand({}))).Credentials);
    const dirs = [await mkdtemp(join(tmpdir(), 'keyward-sts-b-')), await mkdtemp(join(tmpdir(), 'keyward-sts-c-'))];
    // Node B has its own (empty) store: nothing about the session is shared but the master key.
    const b = await startStsNode({ masterKey: MASTER_KEY, dataDir: dirs[0]! });
    const c = await startStsNode({ masterKey: randomBytes(32).toString('hex'), dataDir: dirs[1]! });
    try {
      const role = await createRole(t, 'portable', trust(accountRoot));
      const roleSession = sessionKeys((await t.sts(carol).send(new AssumeRoleCommand({ RoleArn: role, RoleSessionName: 'anywhere' }))).Credentials);
      expect((await b.sts(roleSession).send(new GetCallerIdentityCommand({}))).Arn).toBe(`arn:aws:sts::${ACCOUNT_ID}:assumed-role/portable/anywhere`);
      await expect(c.sts(roleSession).send(new GetCallerIdentityCommand({}))).rejects.toMatchObject({ name: 'InvalidClientTokenId' });
      // A user session needs the user, which only node A's store has.
      await expect(b.sts(session).send(new GetCallerIdentityCommand({}))).rejects.toMatchObject({ name: 'InvalidClientTokenId' });
    } finally {
      await b.stop();
      await c.stop();
      for (const dir of dirs) await rm(dir, { recursive: true, force: true });
    }
  });
});
