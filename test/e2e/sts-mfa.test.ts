// MFA-protected API access end to end: the IAM docs' "self-manage an MFA device" policy, a
// user enabling its device from the returned seed, full rights only through GetSessionToken
// with a fresh code, AssumeRole with MFA, and what aws:MultiFactorAuthPresent/Age hold.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AttachUserPolicyCommand, GetUserCommand, ListMFADevicesCommand, ListRolesCommand, ListUsersCommand } from '@aws-sdk/client-iam';
import { AssumeRoleCommand, GetCallerIdentityCommand, GetSessionTokenCommand } from '@aws-sdk/client-sts';
import { ACCOUNT_ID } from '../support/server.js';
import { codeAt, createDevice, enableDevice, nextStep, wrongCode, type Device } from '../support/mfa-fixtures.js';
import { accountRoot, createRole, createUser, policy, roleArnOf, sessionKeys, startStsNode, statement, trust, type Keys, type StsNode } from '../support/sts-fixtures.js';

const INVALID_CODE = 'MultiFactorAuthentication failed with invalid MFA one time pass code.';
const UNVERIFIABLE =
  'MultiFactorAuthentication failed, unable to validate MFA code.  Please verify your MFA serial number is valid and associated with this user.';

/** "IAM: Allows IAM users to self-manage an MFA device" (IAM User Guide, policy examples). */
const SELF_MANAGE_MFA = JSON.stringify({
  Version: '2012-10-17',
  Statement: [
    { Sid: 'AllowListActions', Effect: 'Allow', Action: ['iam:ListUsers', 'iam:ListVirtualMFADevices'], Resource: '*' },
    { Sid: 'AllowUserToCreateVirtualMFADevice', Effect: 'Allow', Action: ['iam:CreateVirtualMFADevice'], Resource: 'arn:aws:iam::*:mfa/*' },
    {
      Sid: 'AllowUserToManageTheirOwnMFA',
      Effect: 'Allow',
      Action: ['iam:EnableMFADevice', 'iam:GetMFADevice', 'iam:GetUser', 'iam:ListMFADevices', 'iam:ResyncMFADevice'],
      Resource: 'arn:aws:iam::*:user/${aws:username}',
    },
    {
      Sid: 'AllowUserToDeactivateTheirOwnMFAOnlyWhenUsingMFA',
      Effect: 'Allow',
      Action: ['iam:DeactivateMFADevice'],
      Resource: ['arn:aws:iam::*:user/${aws:username}'],
      Condition: { Bool: { 'aws:MultiFactorAuthPresent': 'true' } },
    },
    {
      Sid: 'BlockMostAccessUnlessSignedInWithMFA',
      Effect: 'Deny',
      NotAction: [
        'iam:CreateVirtualMFADevice',
        'iam:EnableMFADevice',
        'iam:GetUser',
        'iam:ListMFADevices',
        'iam:ListVirtualMFADevices',
        'iam:ResyncMFADevice',
        'sts:GetSessionToken',
      ],
      Resource: '*',
      Condition: { BoolIfExists: { 'aws:MultiFactorAuthPresent': 'false' } },
    },
  ],
});

let t: StsNode;
beforeAll(async () => {
  t = await startStsNode();
});
afterAll(async () => {
  await t.stop();
});

/** A user with keys and an enabled virtual MFA device named after it. */
async function userWithMfa(name: string, inlinePolicy?: string): Promise<{ keys: Keys; device: Device }> {
  const keys = await createUser(t, name, inlinePolicy);
  const device = await createDevice(t, name);
  await enableDevice(t, name, device);
  return { keys, device };
}

describe('the MFA walkthrough', () => {
  it('a user under the self-manage policy gets full rights only through GetSessionToken with a fresh code', async () => {
    const keys = await createUser(t, 'walker', SELF_MANAGE_MFA);
    await t.iam().send(new AttachUserPolicyCommand({ UserName: 'walker', PolicyArn: 'arn:aws:iam::aws:policy/IAMReadOnlyAccess' }));
    const iam = t.iam(keys);

    // Without MFA the user may only set up its device.
    await expect(iam.send(new ListUsersCommand({}))).rejects.toMatchObject({
      name: 'AccessDenied',
      message: `User: arn:aws:iam::${ACCOUNT_ID}:user/walker is not authorized to perform: iam:ListUsers on resource: arn:aws:iam::${ACCOUNT_ID}:user/ with an explicit deny in an identity-based policy`,
    });
    const device = await createDevice(t, 'walker', keys);
    expect(device.seed).toMatch(/^[A-Z2-7]+$/);
    await enableDevice(t, 'walker', device, keys);
    expect((await iam.send(new ListMFADevicesCommand({}))).MFADevices!.map((d) => d.SerialNumber)).toEqual([device.serial]);
    expect((await iam.send(new GetUserCommand({}))).User?.UserName).toBe('walker');
    // Still denied with its long-term keys: they never carry MFA.
    await expect(iam.send(new ListUsersCommand({}))).rejects.toMatchObject({ name: 'AccessDenied' });

    const sts = t.sts(keys);
    const step = nextStep(t);
    await expect(sts.send(new GetSessionTokenCommand({ SerialNumber: device.serial, TokenCode: wrongCode(device.seed, step) }))).rejects.toMatchObject({
      name: 'AccessDenied',
      message: INVALID_CODE,
      $metadata: { httpStatusCode: 403 },
    });
    const fresh = codeAt(device.seed, step);
    const out = await sts.send(new GetSessionTokenCommand({ SerialNumber: device.serial, TokenCode: fresh }));
    const session = t.iam(sessionKeys(out.Credentials));
    expect((await session.send(new ListUsersCommand({}))).Users!.map((u) => u.UserName)).toContain('walker');
    expect((await t.sts(sessionKeys(out.Credentials)).send(new GetCallerIdentityCommand({}))).Arn).toBe(`arn:aws:iam::${ACCOUNT_ID}:user/walker`);
    // The code is spent: the same code again is refused.
    await expect(sts.send(new GetSessionTokenCommand({ SerialNumber: device.serial, TokenCode: fresh }))).rejects.toMatchObject({
      name: 'AccessDenied',
      message: INVALID_CODE,
    });
    // A session without MFA is no way around the deny (and reaches no IAM at all).
    const plain = await sts.send(new GetSessionTokenCommand({}));
    await expect(t.iam(sessionKeys(plain.Credentials)).send(new ListUsersCommand({}))).rejects.toMatchObject({ name: 'InvalidClientTokenId' });
  });

  it('five wrong codes lock the device: even the right code is refused for fifteen minutes', async () => {
    const { keys, device } = await userWithMfa('guessed');
    const sts = t.sts(keys);
    const step = nextStep(t);
    for (let i = 0; i < 5; i += 1) {
      await expect(sts.send(new GetSessionTokenCommand({ SerialNumber: device.serial, TokenCode: wrongCode(device.seed, step) }))).rejects.toMatchObject({
        name: 'AccessDenied',
        message: INVALID_CODE,
      });
    }
    await expect(sts.send(new GetSessionTokenCommand({ SerialNumber: device.serial, TokenCode: codeAt(device.seed, step) }))).rejects.toMatchObject({
      name: 'AccessDenied',
      message: INVALID_CODE,
    });
    // Fifteen minutes on, a fresh code works, and clears the count.
    t.advance(15 * 60 * 1000);
    const later = nextStep(t);
    const out = await sts.send(new GetSessionTokenCommand({ SerialNumber: device.serial, TokenCode: codeAt(device.seed, later) }));
    expect(out.Credentials?.AccessKeyId).toMatch(/^ASIA/);
  });

  it('refuses a serial that is not an MFA device of the caller', async () => {
    const { device: theirs } = await userWithMfa('owner');
    const other = await createUser(t, 'other');
    const step = nextStep(t);
    await expect(t.sts(other).send(new GetSessionTokenCommand({ SerialNumber: theirs.serial, TokenCode: codeAt(theirs.seed, step) }))).rejects.toMatchObject({
      name: 'AccessDenied',
      message: UNVERIFIABLE,
    });
    await expect(
      t.sts(other).send(new GetSessionTokenCommand({ SerialNumber: `arn:aws:iam::${ACCOUNT_ID}:mfa/other`, TokenCode: '123456' })),
    ).rejects.toMatchObject({ name: 'AccessDenied', message: UNVERIFIABLE });
  });

  it('accepts one code once, even for concurrent requests', async () => {
    const { keys, device } = await userWithMfa('racer');
    const step = nextStep(t);
    const request = (): Promise<unknown> => t.sts(keys).send(new GetSessionTokenCommand({ SerialNumber: device.serial, TokenCode: codeAt(device.seed, step) }));
    const results = await Promise.allSettled([request(), request(), request(), request()]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    for (const r of results.filter((x): x is PromiseRejectedResult => x.status === 'rejected')) expect(r.reason).toMatchObject({ message: INVALID_CODE });
  });
});

describe('aws:MultiFactorAuthPresent and aws:MultiFactorAuthAge', () => {
  it('long-term keys have no aws:MultiFactorAuthPresent: Bool false does not deny, BoolIfExists false does', async () => {
    const bool = await createUser(t, 'bool-user', policy(statement('Allow', 'iam:ListRoles'), statement('Deny', 'iam:ListRoles', '*', { Bool: { 'aws:MultiFactorAuthPresent': 'false' } })));
    const ifExists = await createUser(
      t,
      'ifexists-user',
      policy(statement('Allow', 'iam:ListRoles'), statement('Deny', 'iam:ListRoles', '*', { BoolIfExists: { 'aws:MultiFactorAuthPresent': 'false' } })),
    );
    await t.iam(bool).send(new ListRolesCommand({}));
    await expect(t.iam(ifExists).send(new ListRolesCommand({}))).rejects.toMatchObject({ name: 'AccessDenied' });
  });

  it('a role session without MFA has it false; with MFA true, and its age counts from the code', async () => {
    const { keys, device } = await userWithMfa('roamer', policy(statement('Allow', 'sts:AssumeRole')));
    await createRole(t, 'mfa-aware', trust(accountRoot), {
      inlinePolicy: policy(
        statement('Allow', 'iam:ListUsers', '*', { Bool: { 'aws:MultiFactorAuthPresent': 'false' } }),
        statement('Allow', 'iam:ListRoles', '*', { Bool: { 'aws:MultiFactorAuthPresent': 'true' }, NumericLessThan: { 'aws:MultiFactorAuthAge': '600' } }),
      ),
    });
    const plain = sessionKeys((await t.sts(keys).send(new AssumeRoleCommand({ RoleArn: roleArnOf('mfa-aware'), RoleSessionName: 'plain' }))).Credentials);
    await t.iam(plain).send(new ListUsersCommand({}));
    await expect(t.iam(plain).send(new ListRolesCommand({}))).rejects.toMatchObject({ name: 'AccessDenied' });

    const step = nextStep(t);
    const withMfa = sessionKeys(
      (
        await t.sts(keys).send(
          new AssumeRoleCommand({ RoleArn: roleArnOf('mfa-aware'), RoleSessionName: 'mfa', SerialNumber: device.serial, TokenCode: codeAt(device.seed, step) }),
        )
      ).Credentials,
    );
    await t.iam(withMfa).send(new ListRolesCommand({}));
    await expect(t.iam(withMfa).send(new ListUsersCommand({}))).rejects.toMatchObject({ name: 'AccessDenied' });
    t.advance(11 * 60 * 1000); // aws:MultiFactorAuthAge is now over 600 seconds
    await expect(t.iam(withMfa).send(new ListRolesCommand({}))).rejects.toMatchObject({ name: 'AccessDenied' });
  });
});

describe('AssumeRole with MFA', () => {
  it('a trust policy requiring MFA admits the caller only with a valid code of its own device', async () => {
    const { keys, device } = await userWithMfa('admin-to-be', policy(statement('Allow', 'sts:AssumeRole')));
    await createRole(t, 'needs-mfa', trust(accountRoot, ['sts:AssumeRole'], { Bool: { 'aws:MultiFactorAuthPresent': 'true' } }));
    const assume = (extra: object = {}): Promise<unknown> =>
      t.sts(keys).send(new AssumeRoleCommand({ RoleArn: roleArnOf('needs-mfa'), RoleSessionName: 'sess', ...extra }));
    await expect(assume()).rejects.toMatchObject({
      name: 'AccessDenied',
      message: expect.stringContaining(`sts:AssumeRole on resource: ${roleArnOf('needs-mfa')}`),
    });
    const step = nextStep(t);
    await expect(assume({ SerialNumber: device.serial, TokenCode: wrongCode(device.seed, step) })).rejects.toMatchObject({ message: INVALID_CODE });
    const out = (await assume({ SerialNumber: device.serial, TokenCode: codeAt(device.seed, step) })) as { AssumedRoleUser?: { Arn?: string } };
    expect(out.AssumedRoleUser?.Arn).toBe(`arn:aws:sts::${ACCOUNT_ID}:assumed-role/needs-mfa/sess`);
    await expect(assume({ SerialNumber: device.serial, TokenCode: codeAt(device.seed, step) })).rejects.toMatchObject({ message: INVALID_CODE });
  });

  it('an MFA session from GetSessionToken passes the MFA condition without a new code, and the role session keeps it', async () => {
    const { keys, device } = await userWithMfa('chainer', policy(statement('Allow', 'sts:AssumeRole')));
    await createRole(t, 'needs-mfa-too', trust(accountRoot, ['sts:AssumeRole'], { Bool: { 'aws:MultiFactorAuthPresent': 'true' } }), {
      inlinePolicy: policy(statement('Allow', 'iam:ListRoles', '*', { Bool: { 'aws:MultiFactorAuthPresent': 'true' } })),
    });
    const step = nextStep(t);
    const mfaSession = sessionKeys(
      (await t.sts(keys).send(new GetSessionTokenCommand({ SerialNumber: device.serial, TokenCode: codeAt(device.seed, step) }))).Credentials,
    );
    const role = await t.sts(mfaSession).send(new AssumeRoleCommand({ RoleArn: roleArnOf('needs-mfa-too'), RoleSessionName: 'chained' }));
    await t.iam(sessionKeys(role.Credentials)).send(new ListRolesCommand({}));
  });

  it('a role session has no MFA device to vouch for it', async () => {
    const { keys, device } = await userWithMfa('hopper', policy(statement('Allow', 'sts:AssumeRole')));
    await createRole(t, 'hop', trust(accountRoot), { inlinePolicy: policy(statement('Allow', 'sts:AssumeRole')) });
    const hop = sessionKeys((await t.sts(keys).send(new AssumeRoleCommand({ RoleArn: roleArnOf('hop'), RoleSessionName: 'h1' }))).Credentials);
    const step = nextStep(t);
    await expect(
      t.sts(hop).send(new AssumeRoleCommand({ RoleArn: roleArnOf('hop'), RoleSessionName: 'h2', SerialNumber: device.serial, TokenCode: codeAt(device.seed, step) })),
    ).rejects.toMatchObject({ name: 'AccessDenied', message: UNVERIFIABLE });
  });
});
