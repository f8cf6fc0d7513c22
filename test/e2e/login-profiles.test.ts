// Console passwords and the account password policy through the real AWS SDK against a real
// server: login profiles, ChangePassword, policy enforcement, reuse prevention, and the
// engine deciding who may change which password.

import { describe, expect, it } from 'vitest';
import {
  AttachUserPolicyCommand,
  ChangePasswordCommand,
  CreateLoginProfileCommand,
  CreateUserCommand,
  DeleteAccountPasswordPolicyCommand,
  DeleteLoginProfileCommand,
  DeleteUserCommand,
  GetAccountPasswordPolicyCommand,
  GetAccountSummaryCommand,
  GetLoginProfileCommand,
  PutUserPolicyCommand,
  UpdateAccountPasswordPolicyCommand,
  UpdateLoginProfileCommand,
  type UpdateAccountPasswordPolicyCommandInput,
} from '@aws-sdk/client-iam';
import { userWithPolicy } from '../support/credential-fixtures.js';
import { ACCOUNT_ID, useTestServer } from '../support/server.js';

const t = useTestServer();

const GOOD = 'Str0ng-Passw0rd!';
const arn = (name: string): string => `arn:aws:iam::${ACCOUNT_ID}:user/${name}`;

async function withPasswordPolicy(policy: UpdateAccountPasswordPolicyCommandInput, body: () => Promise<void>): Promise<void> {
  await t.iam().send(new UpdateAccountPasswordPolicyCommand(policy));
  try {
    await body();
  } finally {
    await t.iam().send(new DeleteAccountPasswordPolicyCommand({}));
  }
}

describe('login profiles', () => {
  it('creates, reads, updates and deletes a password without ever returning it', async () => {
    const iam = t.iam();
    await iam.send(new CreateUserCommand({ UserName: 'Alice' }));
    const created = await iam.send(new CreateLoginProfileCommand({ UserName: 'alice', Password: GOOD, PasswordResetRequired: true }));
    expect(created.LoginProfile).toEqual({ UserName: 'Alice', CreateDate: expect.any(Date), PasswordResetRequired: true });
    expect(JSON.stringify(created)).not.toContain(GOOD);
    expect((await iam.send(new GetLoginProfileCommand({ UserName: 'Alice' }))).LoginProfile?.PasswordResetRequired).toBe(true);
    await iam.send(new UpdateLoginProfileCommand({ UserName: 'Alice', PasswordResetRequired: false }));
    expect((await iam.send(new GetLoginProfileCommand({ UserName: 'Alice' }))).LoginProfile?.PasswordResetRequired).toBe(false);
    await iam.send(new UpdateLoginProfileCommand({ UserName: 'Alice', Password: 'An0ther-Passw0rd!' }));
    await expect(iam.send(new CreateLoginProfileCommand({ UserName: 'Alice', Password: GOOD }))).rejects.toMatchObject({
      name: 'EntityAlreadyExistsException',
      message: 'Login Profile for user Alice already exists.',
      $metadata: { httpStatusCode: 409 },
    });
    await iam.send(new DeleteLoginProfileCommand({ UserName: 'Alice' }));
    await expect(iam.send(new GetLoginProfileCommand({ UserName: 'Alice' }))).rejects.toMatchObject({
      name: 'NoSuchEntityException',
      message: 'Login Profile for User Alice cannot be found.',
      $metadata: { httpStatusCode: 404 },
    });
    await expect(iam.send(new DeleteLoginProfileCommand({ UserName: 'Alice' }))).rejects.toMatchObject({ name: 'NoSuchEntityException' });
  });

  it('answers NoSuchEntity for an unknown user and ValidationError without a password', async () => {
    const iam = t.iam();
    await expect(iam.send(new CreateLoginProfileCommand({ UserName: 'nobody', Password: GOOD }))).rejects.toMatchObject({
      name: 'NoSuchEntityException',
      message: 'The user with name nobody cannot be found.',
      $metadata: { httpStatusCode: 404 },
    });
    await expect(iam.send(new UpdateLoginProfileCommand({ UserName: 'nobody', Password: GOOD }))).rejects.toMatchObject({
      name: 'NoSuchEntityException',
    });
    await iam.send(new CreateUserCommand({ UserName: 'nopass' }));
    await expect(iam.send(new CreateLoginProfileCommand({ UserName: 'nopass' }))).rejects.toMatchObject({
      name: 'ValidationError',
      message: "1 validation error detected: Value null at 'password' failed to satisfy constraint: Member must not be null",
      $metadata: { httpStatusCode: 400 },
    });
  });

  it("applies AWS's default password rules when the account has no policy", async () => {
    const iam = t.iam();
    await iam.send(new CreateUserCommand({ UserName: 'dora' }));
    await expect(iam.send(new CreateLoginProfileCommand({ UserName: 'dora', Password: 'short' }))).rejects.toMatchObject({
      name: 'PasswordPolicyViolationException',
      message:
        'Password should have a minimum length of 8, Password should meet 2 more of the following requirements: ' +
        'Password should have at least one uppercase letter, Password should have at least one number, Password should have at least one symbol',
      $metadata: { httpStatusCode: 400 },
    });
    await expect(iam.send(new GetLoginProfileCommand({ UserName: 'dora' }))).rejects.toMatchObject({ name: 'NoSuchEntityException' });
  });

  it('gives the root user its own password when it omits UserName', async () => {
    const iam = t.iam();
    const created = await iam.send(new CreateLoginProfileCommand({ Password: GOOD }));
    expect(created.LoginProfile?.UserName).toBe('root');
    expect((await iam.send(new GetLoginProfileCommand({}))).LoginProfile?.PasswordResetRequired).toBe(false);
    await expect(iam.send(new ChangePasswordCommand({ OldPassword: GOOD, NewPassword: 'R00t-Passw0rd!' }))).rejects.toMatchObject({
      name: 'InvalidUserTypeException',
      $metadata: { httpStatusCode: 400 },
    });
    await iam.send(new DeleteLoginProfileCommand({}));
    await expect(iam.send(new GetLoginProfileCommand({}))).rejects.toMatchObject({ name: 'NoSuchEntityException' });
  });

  it('refuses DeleteUser while the user has a password', async () => {
    const iam = t.iam();
    await iam.send(new CreateUserCommand({ UserName: 'erin' }));
    await iam.send(new CreateLoginProfileCommand({ UserName: 'erin', Password: GOOD }));
    await expect(iam.send(new DeleteUserCommand({ UserName: 'erin' }))).rejects.toMatchObject({
      name: 'DeleteConflictException',
      message: 'Cannot delete entity, must delete login profile first.',
      $metadata: { httpStatusCode: 409 },
    });
    await iam.send(new DeleteLoginProfileCommand({ UserName: 'erin' }));
    await iam.send(new DeleteUserCommand({ UserName: 'erin' }));
  });
});

describe('account password policy', () => {
  it('is absent until set, replaces every field on update, and is deleted', async () => {
    const iam = t.iam();
    const missing = {
      name: 'NoSuchEntityException',
      message: `The Password Policy with domain name ${ACCOUNT_ID} cannot be found.`,
      $metadata: { httpStatusCode: 404 },
    };
    await expect(iam.send(new GetAccountPasswordPolicyCommand({}))).rejects.toMatchObject(missing);
    await iam.send(
      new UpdateAccountPasswordPolicyCommand({
        MinimumPasswordLength: 12,
        RequireSymbols: true,
        RequireNumbers: true,
        RequireUppercaseCharacters: true,
        RequireLowercaseCharacters: true,
        AllowUsersToChangePassword: true,
        MaxPasswordAge: 90,
        PasswordReusePrevention: 5,
        HardExpiry: true,
      }),
    );
    expect((await iam.send(new GetAccountPasswordPolicyCommand({}))).PasswordPolicy).toEqual({
      MinimumPasswordLength: 12,
      RequireSymbols: true,
      RequireNumbers: true,
      RequireUppercaseCharacters: true,
      RequireLowercaseCharacters: true,
      AllowUsersToChangePassword: true,
      ExpirePasswords: true,
      MaxPasswordAge: 90,
      PasswordReusePrevention: 5,
      HardExpiry: true,
    });
    // No partial updates: whatever is left out goes back to its default.
    await iam.send(new UpdateAccountPasswordPolicyCommand({ RequireNumbers: true }));
    expect((await iam.send(new GetAccountPasswordPolicyCommand({}))).PasswordPolicy).toEqual({
      MinimumPasswordLength: 6,
      RequireSymbols: false,
      RequireNumbers: true,
      RequireUppercaseCharacters: false,
      RequireLowercaseCharacters: false,
      AllowUsersToChangePassword: false,
      ExpirePasswords: false,
      HardExpiry: false,
    });
    await expect(iam.send(new UpdateAccountPasswordPolicyCommand({ MinimumPasswordLength: 5 }))).rejects.toMatchObject({
      name: 'ValidationError',
      $metadata: { httpStatusCode: 400 },
    });
    await iam.send(new DeleteAccountPasswordPolicyCommand({}));
    await expect(iam.send(new GetAccountPasswordPolicyCommand({}))).rejects.toMatchObject(missing);
    await expect(iam.send(new DeleteAccountPasswordPolicyCommand({}))).rejects.toMatchObject({
      ...missing,
      message: 'The account policy with name PasswordPolicy cannot be found.',
    });
  });

  it('enforces the custom policy and prevents reuse, even across a deleted profile', async () => {
    const iam = t.iam();
    await iam.send(new CreateUserCommand({ UserName: 'rita' }));
    await withPasswordPolicy({ MinimumPasswordLength: 10, RequireNumbers: true, RequireSymbols: true, PasswordReusePrevention: 2 }, async () => {
      await expect(iam.send(new CreateLoginProfileCommand({ UserName: 'rita', Password: 'abcdefghijk' }))).rejects.toMatchObject({
        name: 'PasswordPolicyViolationException',
        message: 'Password should have at least one number, Password should have at least one symbol',
        $metadata: { httpStatusCode: 400 },
      });
      await expect(iam.send(new CreateLoginProfileCommand({ UserName: 'rita', Password: 'Ab1!' }))).rejects.toMatchObject({
        message: 'Password should have a minimum length of 10',
      });
      await iam.send(new CreateLoginProfileCommand({ UserName: 'rita', Password: 'first-pass-1!' }));
      await iam.send(new UpdateLoginProfileCommand({ UserName: 'rita', Password: 'second-pass-2!' }));
      const reused = {
        name: 'PasswordPolicyViolationException',
        message: 'Password should not be one of your previous 2 passwords',
        $metadata: { httpStatusCode: 400 },
      };
      await expect(iam.send(new UpdateLoginProfileCommand({ UserName: 'rita', Password: 'first-pass-1!' }))).rejects.toMatchObject(reused);
      await iam.send(new DeleteLoginProfileCommand({ UserName: 'rita' }));
      await expect(iam.send(new CreateLoginProfileCommand({ UserName: 'rita', Password: 'second-pass-2!' }))).rejects.toMatchObject(reused);
      await iam.send(new CreateLoginProfileCommand({ UserName: 'rita', Password: 'third-pass-3!' }));
      // Only the last two are remembered: the first password is allowed again.
      await iam.send(new UpdateLoginProfileCommand({ UserName: 'rita', Password: 'first-pass-1!' }));
    });
  });
});

describe('ChangePassword', () => {
  it('lets a user with IAMUserChangePassword change its own password, and no one else’s', async () => {
    const creds = await userWithPolicy(t, 'uma');
    const root = t.iam();
    await root.send(new AttachUserPolicyCommand({ UserName: 'uma', PolicyArn: 'arn:aws:iam::aws:policy/IAMUserChangePassword' }));
    await root.send(new CreateLoginProfileCommand({ UserName: 'uma', Password: GOOD, PasswordResetRequired: true }));
    await root.send(new CreateUserCommand({ UserName: 'victor' }));
    await root.send(new CreateLoginProfileCommand({ UserName: 'victor', Password: GOOD }));
    const asUma = t.iam(creds);

    await expect(asUma.send(new ChangePasswordCommand({ OldPassword: 'not-my-password', NewPassword: 'N3w-Passw0rd!' }))).rejects.toMatchObject({
      name: 'InvalidUserTypeException',
      message: 'The old password is incorrect.',
      $metadata: { httpStatusCode: 400 },
    });
    await expect(asUma.send(new ChangePasswordCommand({ OldPassword: GOOD, NewPassword: 'weak' }))).rejects.toMatchObject({
      name: 'PasswordPolicyViolationException',
    });
    await asUma.send(new ChangePasswordCommand({ OldPassword: GOOD, NewPassword: 'N3w-Passw0rd!' }));
    // Changing it clears PasswordResetRequired; the old password no longer works.
    expect((await root.send(new GetLoginProfileCommand({ UserName: 'uma' }))).LoginProfile?.PasswordResetRequired).toBe(false);
    await expect(asUma.send(new ChangePasswordCommand({ OldPassword: GOOD, NewPassword: 'Th1rd-Passw0rd!' }))).rejects.toMatchObject({
      name: 'InvalidUserTypeException',
    });

    await expect(asUma.send(new UpdateLoginProfileCommand({ UserName: 'victor', Password: 'H4cked-Passw0rd!' }))).rejects.toMatchObject({
      name: 'AccessDenied',
      message: `User: ${arn('uma')} is not authorized to perform: iam:UpdateLoginProfile on resource: ${arn('victor')} because no identity-based policy allows the iam:UpdateLoginProfile action`,
      $metadata: { httpStatusCode: 403 },
    });
    await expect(asUma.send(new DeleteLoginProfileCommand({ UserName: 'victor' }))).rejects.toMatchObject({ name: 'AccessDenied' });
    // The managed policy also grants reading the password policy.
    await expect(asUma.send(new GetAccountPasswordPolicyCommand({}))).rejects.toMatchObject({ name: 'NoSuchEntityException' });
  });

  it('locks after repeated wrong old passwords until an administrator sets a new one', async () => {
    const creds = await userWithPolicy(t, 'xena');
    const root = t.iam();
    await root.send(new AttachUserPolicyCommand({ UserName: 'xena', PolicyArn: 'arn:aws:iam::aws:policy/IAMUserChangePassword' }));
    await root.send(new CreateLoginProfileCommand({ UserName: 'xena', Password: GOOD }));
    const asXena = t.iam(creds);
    for (let i = 0; i < 5; i++) {
      await expect(asXena.send(new ChangePasswordCommand({ OldPassword: `guess-${i}`, NewPassword: 'N3w-Passw0rd!' }))).rejects.toMatchObject({
        name: 'InvalidUserTypeException',
      });
    }
    await expect(asXena.send(new ChangePasswordCommand({ OldPassword: GOOD, NewPassword: 'N3w-Passw0rd!' }))).rejects.toMatchObject({
      name: 'LimitExceededException',
      $metadata: { httpStatusCode: 409 },
    });
    await root.send(new UpdateLoginProfileCommand({ UserName: 'xena', Password: 'Adm1n-Passw0rd!' }));
    await asXena.send(new ChangePasswordCommand({ OldPassword: 'Adm1n-Passw0rd!', NewPassword: 'N3w-Passw0rd!' }));
  });

  it('is denied without a policy, and granted to every user by AllowUsersToChangePassword unless explicitly denied', async () => {
    const creds = await userWithPolicy(t, 'walt');
    const root = t.iam();
    await root.send(new CreateLoginProfileCommand({ UserName: 'walt', Password: GOOD }));
    const asWalt = t.iam(creds);
    await expect(asWalt.send(new ChangePasswordCommand({ OldPassword: GOOD, NewPassword: 'N3w-Passw0rd!' }))).rejects.toMatchObject({
      name: 'AccessDenied',
      message: `User: ${arn('walt')} is not authorized to perform: iam:ChangePassword on resource: ${arn('walt')} because no identity-based policy allows the iam:ChangePassword action`,
      $metadata: { httpStatusCode: 403 },
    });
    await withPasswordPolicy({ AllowUsersToChangePassword: true, MinimumPasswordLength: 8 }, async () => {
      expect((await asWalt.send(new GetAccountPasswordPolicyCommand({}))).PasswordPolicy?.AllowUsersToChangePassword).toBe(true);
      await asWalt.send(new ChangePasswordCommand({ OldPassword: GOOD, NewPassword: 'N3w-Passw0rd!' }));
      await expect(asWalt.send(new GetAccountSummaryCommand({}))).rejects.toMatchObject({ name: 'AccessDenied' });
      await root.send(
        new PutUserPolicyCommand({
          UserName: 'walt',
          PolicyName: 'no-password-changes',
          PolicyDocument: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Deny', Action: 'iam:ChangePassword', Resource: '*' }] }),
        }),
      );
      await expect(asWalt.send(new ChangePasswordCommand({ OldPassword: 'N3w-Passw0rd!', NewPassword: 'Th1rd-Passw0rd!' }))).rejects.toMatchObject({
        name: 'AccessDenied',
        message: `User: ${arn('walt')} is not authorized to perform: iam:ChangePassword on resource: ${arn('walt')} with an explicit deny in an identity-based policy`,
      });
    });
  });
});
