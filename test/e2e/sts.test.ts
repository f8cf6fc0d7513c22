// AssumeRole end to end through the AWS SDK: the seed's role walkthrough, trust policies,
// ExternalId, session policies and tags, role chaining, expiry on a moved clock, revocation
// by aws:TokenIssueTime and forged tokens. Every call is signed and decided by the engine.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CreatePolicyCommand, GetRoleCommand, ListRolesCommand, ListUsersCommand, PutRolePolicyCommand } from '@aws-sdk/client-iam';
import { AssumeRoleCommand, GetAccessKeyInfoCommand, GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { ACCOUNT_ID, ROOT_KEY } from '../support/server.js';
import { accountRoot, createRole, createUser, policy, roleArnOf, sessionKeys, startStsNode, statement, trust, userArnOf, type Keys, type StsNode } from '../support/sts-fixtures.js';

let t: StsNode;
let alice: Keys; // may list users and assume any role
let bob: Keys; // no identity policy at all

beforeAll(async () => {
  t = await startStsNode();
  alice = await createUser(t, 'alice', policy(statement('Allow', ['iam:ListUsers', 'sts:AssumeRole', 'sts:TagSession', 'sts:SetSourceIdentity'])));
  bob = await createUser(t, 'bob');
  // Roles many tests assume and none changes: 'reader' may list roles, 'wide' roles and users.
  await createRole(t, 'reader', trust(accountRoot), { inlinePolicy: policy(statement('Allow', 'iam:ListRoles')) });
  await createRole(t, 'wide', trust(accountRoot), { inlinePolicy: policy(statement('Allow', ['iam:ListRoles', 'iam:ListUsers'])) });
});
afterAll(async () => {
  await t.stop();
});

async function assume(keys: Keys, roleName: string, extra: Partial<ConstructorParameters<typeof AssumeRoleCommand>[0]> = {}) {
  return t.sts(keys).send(new AssumeRoleCommand({ RoleArn: roleArnOf(roleName), RoleSessionName: 'work', ...extra }));
}

const denied = (message: string | RegExp) => ({ name: 'AccessDenied', $metadata: { httpStatusCode: 403 }, message: expect.stringMatching(message) });

describe('the role walkthrough', () => {
  it('a user allowed sts:AssumeRole gets temporary credentials for a role trusting the account', async () => {
    await createRole(t, 'first', trust(accountRoot), { inlinePolicy: policy(statement('Allow', 'iam:ListRoles')) });
    // The server's clock: other tests in this file move it.
    const before = t.now().getTime();
    const out = await assume(alice, 'first');
    expect(out.Credentials?.AccessKeyId).toMatch(/^ASIA[A-Z2-7]{16}$/);
    expect(out.Credentials?.SecretAccessKey).toHaveLength(40);
    expect(out.Credentials?.SessionToken).toMatch(/^KWST1\./);
    const lifetime = out.Credentials!.Expiration!.getTime() - before;
    expect(lifetime).toBeGreaterThan(3595_000);
    expect(lifetime).toBeLessThanOrEqual(3601_000);
    const { Role } = await t.iam().send(new GetRoleCommand({ RoleName: 'first' }));
    expect(out.AssumedRoleUser).toEqual({ Arn: `arn:aws:sts::${ACCOUNT_ID}:assumed-role/first/work`, AssumedRoleId: `${Role!.RoleId}:work` });
    expect(out.PackedPolicySize).toBeUndefined();
    expect(Role?.RoleLastUsed?.LastUsedDate).toBeInstanceOf(Date);

    const session = sessionKeys(out.Credentials);
    const me = await t.sts(session).send(new GetCallerIdentityCommand({}));
    expect(me).toMatchObject({ Account: ACCOUNT_ID, Arn: `arn:aws:sts::${ACCOUNT_ID}:assumed-role/first/work`, UserId: `${Role!.RoleId}:work` });
    expect((await t.sts().send(new GetAccessKeyInfoCommand({ AccessKeyId: session.accessKeyId }))).Account).toBe(ACCOUNT_ID);
  });

  it("the session has the role's rights and not the caller's", async () => {
    const session = sessionKeys((await assume(alice, 'reader')).Credentials);
    expect((await t.iam(session).send(new ListRolesCommand({}))).Roles?.map((r) => r.RoleName)).toContain('reader');
    await expect(t.iam(session).send(new ListUsersCommand({}))).rejects.toMatchObject(
      denied(`User: arn:aws:sts::${ACCOUNT_ID}:assumed-role/reader/work is not authorized to perform: iam:ListUsers`),
    );
    // alice herself still may list users but not roles.
    await expect(t.iam(alice).send(new ListRolesCommand({}))).rejects.toMatchObject(denied('iam:ListRoles'));
  });

  it('attached managed policies of the role apply to its sessions', async () => {
    await createRole(t, 'auditor', trust(accountRoot), { attach: 'arn:aws:iam::aws:policy/IAMReadOnlyAccess' });
    const session = sessionKeys((await assume(alice, 'auditor')).Credentials);
    expect((await t.iam(session).send(new ListUsersCommand({}))).Users?.map((u) => u.UserName)).toContain('alice');
  });

  it('a trust policy naming the account needs the identity policy too; naming the user directly does not', async () => {
    await expect(assume(bob, 'reader')).rejects.toMatchObject(
      denied(`User: ${userArnOf('bob')} is not authorized to perform: sts:AssumeRole on resource: ${roleArnOf('reader')}`),
    );
    await createRole(t, 'for-bob', trust(userArnOf('bob')));
    expect((await assume(bob, 'for-bob')).AssumedRoleUser?.Arn).toBe(`arn:aws:sts::${ACCOUNT_ID}:assumed-role/for-bob/work`);
  });

  it('an identity policy alone does not do: the trust policy must allow the caller', async () => {
    await createRole(t, 'service-only', JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }] }));
    await expect(assume(alice, 'service-only')).rejects.toMatchObject(denied('sts:AssumeRole on resource'));
  });

  it('a trust policy for another account refuses', async () => {
    await createRole(t, 'other-account', trust('arn:aws:iam::999999999999:root'));
    await expect(assume(alice, 'other-account')).rejects.toMatchObject(denied(`sts:AssumeRole on resource: ${roleArnOf('other-account')}`));
  });

  it('a missing role, the root user and bad input are refused as AWS refuses them', async () => {
    await expect(assume(alice, 'nope')).rejects.toMatchObject(
      denied(`^User: ${userArnOf('alice')} is not authorized to perform: sts:AssumeRole on resource: ${roleArnOf('nope')}$`),
    );
    await expect(assume(ROOT_KEY, 'reader')).rejects.toMatchObject(
      denied('^Roles may not be assumed by root accounts.$'),
    );
    await expect(assume(alice, 'reader', { RoleSessionName: 'bad name' })).rejects.toMatchObject({ name: 'ValidationError', $metadata: { httpStatusCode: 400 } });
    await expect(t.sts(alice).send(new AssumeRoleCommand({ RoleArn: 'not-an-arn-at-all-xyz', RoleSessionName: 'x1' }))).rejects.toMatchObject({
      name: 'ValidationError',
      message: 'not-an-arn-at-all-xyz is invalid',
    });
  });
});

describe('trust policy conditions', () => {
  it('checks sts:ExternalId', async () => {
    await createRole(t, 'vendor', trust(accountRoot, ['sts:AssumeRole'], { StringEquals: { 'sts:ExternalId': 'Example987' } }));
    await expect(assume(alice, 'vendor')).rejects.toMatchObject(denied('sts:AssumeRole'));
    await expect(assume(alice, 'vendor', { ExternalId: 'wrong-id' })).rejects.toMatchObject(denied('sts:AssumeRole'));
    expect((await assume(alice, 'vendor', { ExternalId: 'Example987' })).Credentials?.AccessKeyId).toMatch(/^ASIA/);
  });

  it('refuses an MFA code for a device the caller does not have', async () => {
    await expect(assume(alice, 'reader', { SerialNumber: `arn:aws:iam::${ACCOUNT_ID}:mfa/alice`, TokenCode: '123456' })).rejects.toMatchObject(
      denied('^MultiFactorAuthentication failed, unable to validate MFA code\\.  Please verify your MFA serial number is valid and associated with this user\\.$'),
    );
  });

  it('session tags need sts:TagSession in the trust policy and become principal tags', async () => {
    await createRole(t, 'tagged', trust(accountRoot), {
      tags: [{ Key: 'team', Value: 'blue' }],
      inlinePolicy: policy(statement('Allow', 'iam:ListUsers', '*', { StringEquals: { 'aws:PrincipalTag/team': 'red' } })),
    });
    const tags = [{ Key: 'team', Value: 'red' }];
    await expect(assume(alice, 'tagged', { Tags: tags })).rejects.toMatchObject(denied('sts:TagSession'));
    // Without session tags the role's own tag (blue) applies.
    const plain = sessionKeys((await assume(alice, 'tagged')).Credentials);
    await expect(t.iam(plain).send(new ListUsersCommand({}))).rejects.toMatchObject(denied('iam:ListUsers'));

    await createRole(t, 'tagged2', trust(accountRoot, ['sts:AssumeRole', 'sts:TagSession']), {
      tags: [{ Key: 'team', Value: 'blue' }],
      inlinePolicy: policy(statement('Allow', 'iam:ListUsers', '*', { StringEquals: { 'aws:PrincipalTag/team': 'red' } })),
    });
    const out = await assume(alice, 'tagged2', { Tags: tags });
    expect(out.PackedPolicySize).toBeGreaterThan(0);
    expect((await t.iam(sessionKeys(out.Credentials)).send(new ListUsersCommand({}))).Users?.length).toBeGreaterThan(0);
    await expect(assume(alice, 'tagged2', { Tags: [...tags, { Key: 'TEAM', Value: 'x' }] })).rejects.toMatchObject({ name: 'InvalidParameterValue' });
  });

  it('a source identity needs sts:SetSourceIdentity and is returned', async () => {
    await expect(assume(alice, 'reader', { SourceIdentity: 'alice' })).rejects.toMatchObject(denied('sts:SetSourceIdentity'));
    await createRole(t, 'audited', trust(accountRoot, ['sts:AssumeRole', 'sts:SetSourceIdentity']));
    expect((await assume(alice, 'audited', { SourceIdentity: 'alice' })).SourceIdentity).toBe('alice');
  });
});

describe('session policies', () => {
  it('narrow the role: only what both allow', async () => {
    const out = await assume(alice, 'wide', { Policy: policy(statement('Allow', 'iam:ListRoles')) });
    expect(out.PackedPolicySize).toBeGreaterThan(0);
    expect(out.PackedPolicySize).toBeLessThan(100);
    const session = sessionKeys(out.Credentials);
    await t.iam(session).send(new ListRolesCommand({}));
    await expect(t.iam(session).send(new ListUsersCommand({}))).rejects.toMatchObject(denied('because no session policy allows the iam:ListUsers action'));
  });

  it('a managed session policy narrows the same way; an unknown ARN is refused', async () => {
    const { Policy } = await t.iam().send(new CreatePolicyCommand({ PolicyName: 'only-users', PolicyDocument: policy(statement('Allow', 'iam:ListUsers')) }));
    const session = sessionKeys((await assume(alice, 'wide', { PolicyArns: [{ arn: Policy!.Arn! }] })).Credentials);
    await t.iam(session).send(new ListUsersCommand({}));
    await expect(t.iam(session).send(new ListRolesCommand({}))).rejects.toMatchObject(denied('iam:ListRoles'));
    await expect(assume(alice, 'wide', { PolicyArns: [{ arn: `arn:aws:iam::${ACCOUNT_ID}:policy/missing` }] })).rejects.toMatchObject({ name: 'InvalidParameterValue' });
  });

  it('refuses malformed and oversized session policies', async () => {
    await expect(assume(alice, 'wide', { Policy: '{"Statement":[{"Effect":"Allow"}]}' })).rejects.toMatchObject({ name: 'MalformedPolicyDocumentException' });
    const actions = Array.from({ length: 150 }, (_, i) => `iam:Action${i}`);
    await expect(assume(alice, 'wide', { Policy: policy(statement('Allow', actions)) })).rejects.toMatchObject({
      name: 'PackedPolicyTooLargeException',
      message: expect.stringMatching(/^Packed policy consumes \d+% of allotted space, please use smaller policy\.$/),
    });
  });
});

describe('session duration and role chaining', () => {
  it('DurationSeconds is capped by the role and by one hour when chaining', async () => {
    await expect(assume(alice, 'reader', { DurationSeconds: 7200 })).rejects.toMatchObject({
      name: 'ValidationError',
      message: 'The requested DurationSeconds exceeds the MaxSessionDuration set for this role.',
    });
    await createRole(t, 'long', trust(accountRoot), { maxSessionDuration: 14400, inlinePolicy: policy(statement('Allow', 'sts:AssumeRole')) });
    const first = sessionKeys((await assume(alice, 'long', { DurationSeconds: 14400 })).Credentials);
    await createRole(t, 'next', trust(roleArnOf('long')), { maxSessionDuration: 14400 });
    await expect(assume(first, 'next', { DurationSeconds: 7200 })).rejects.toMatchObject({
      name: 'ValidationError',
      message: 'The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by role chaining.',
    });
    const chained = await assume(first, 'next', { DurationSeconds: 3600 });
    expect(chained.AssumedRoleUser?.Arn).toBe(`arn:aws:sts::${ACCOUNT_ID}:assumed-role/next/work`);
  });

  it('expires: ExpiredToken once the clock passes the expiration', async () => {
    const session = sessionKeys((await assume(alice, 'reader', { DurationSeconds: 900 })).Credentials);
    await t.sts(session).send(new GetCallerIdentityCommand({}));
    t.advance(901_000);
    await expect(t.sts(session).send(new GetCallerIdentityCommand({}))).rejects.toMatchObject({
      name: 'ExpiredToken',
      message: 'The security token included in the request is expired',
    });
  });
});

describe('revocation and forged tokens', () => {
  it('an inline deny on aws:TokenIssueTime revokes older sessions at once, not newer ones', async () => {
    await createRole(t, 'revocable', trust(accountRoot), { inlinePolicy: policy(statement('Allow', 'iam:ListRoles')) });
    const old = sessionKeys((await assume(alice, 'revocable')).Credentials);
    await t.iam(old).send(new ListRolesCommand({}));
    t.advance(2000);
    const now = t.now();
    await t.iam().send(
      new PutRolePolicyCommand({
        RoleName: 'revocable',
        PolicyName: 'AWSRevokeOlderSessions',
        PolicyDocument: policy(statement('Deny', '*', '*', { DateLessThan: { 'aws:TokenIssueTime': now.toISOString() } })),
      }),
    );
    await expect(t.iam(old).send(new ListRolesCommand({}))).rejects.toMatchObject(denied('with an explicit deny in an identity-based policy'));
    t.advance(2000);
    const fresh = sessionKeys((await assume(alice, 'revocable')).Credentials);
    await t.iam(fresh).send(new ListRolesCommand({}));
  });

  it('a tampered token or a token presented with another key id is InvalidClientTokenId', async () => {
    const a = sessionKeys((await assume(alice, 'reader')).Credentials);
    const b = sessionKeys((await assume(alice, 'reader')).Credentials);
    const token = a.sessionToken!;
    const flipped = token.slice(0, -5) + (token.at(-5) === 'A' ? 'B' : 'A') + token.slice(-4);
    const invalid = { name: 'InvalidClientTokenId', $metadata: { httpStatusCode: 403 } };
    await expect(t.sts({ ...a, sessionToken: flipped }).send(new GetCallerIdentityCommand({}))).rejects.toMatchObject(invalid);
    await expect(t.sts({ ...b, sessionToken: token }).send(new GetCallerIdentityCommand({}))).rejects.toMatchObject(invalid);
    await expect(t.sts({ accessKeyId: a.accessKeyId, secretAccessKey: a.secretAccessKey }).send(new GetCallerIdentityCommand({}))).rejects.toMatchObject(invalid);
  });
});
