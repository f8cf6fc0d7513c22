// Users and access keys through the real AWS SDK against a real server, with every
// call signed and authorized by the engine.

import { describe, expect, it } from 'vitest';
import {
  CreateAccessKeyCommand,
  CreateUserCommand,
  DeleteAccessKeyCommand,
  DeleteUserCommand,
  GetUserCommand,
  ListAccessKeysCommand,
  ListUsersCommand,
  PutUserPolicyCommand,
  TagUserCommand,
  ListUserTagsCommand,
  UpdateAccessKeyCommand,
  UpdateUserCommand,
  DeleteUserPermissionsBoundaryCommand,
  CreatePolicyCommand,
} from '@aws-sdk/client-iam';
import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { userWithPolicy } from '../support/credential-fixtures.js';
import { ACCOUNT_ID, useTestServer } from '../support/server.js';

const t = useTestServer();

describe('users', () => {
  it('creates, reads, tags and lists users with AWS shapes', async () => {
    const iam = t.iam();
    const created = await iam.send(new CreateUserCommand({ UserName: 'alice', Path: '/eng/', Tags: [{ Key: 'team', Value: 'platform' }] }));
    expect(created.User?.Arn).toBe(`arn:aws:iam::${ACCOUNT_ID}:user/eng/alice`);
    expect(created.User?.UserId).toMatch(/^AIDA[A-Z2-7]{17}$/);
    expect(created.User?.CreateDate).toBeInstanceOf(Date);
    const got = await iam.send(new GetUserCommand({ UserName: 'ALICE' }));
    expect(got.User?.UserName).toBe('alice');
    expect(got.User?.Tags).toEqual([{ Key: 'team', Value: 'platform' }]);
    await iam.send(new TagUserCommand({ UserName: 'alice', Tags: [{ Key: 'env', Value: 'dev' }] }));
    expect((await iam.send(new ListUserTagsCommand({ UserName: 'alice' }))).Tags).toHaveLength(2);
    const listed = await iam.send(new ListUsersCommand({ PathPrefix: '/eng/' }));
    expect(listed.Users?.map((u) => u.UserName)).toEqual(['alice']);
  });

  it('refuses a duplicate name case-insensitively with EntityAlreadyExists', async () => {
    const iam = t.iam();
    await iam.send(new CreateUserCommand({ UserName: 'bob' }));
    await expect(iam.send(new CreateUserCommand({ UserName: 'BOB' }))).rejects.toMatchObject({
      name: 'EntityAlreadyExistsException',
      message: 'User with name BOB already exists.',
      $metadata: { httpStatusCode: 409 },
    });
  });

  it('answers NoSuchEntity for a missing user and ValidationError for a bad name', async () => {
    const iam = t.iam();
    await expect(iam.send(new GetUserCommand({ UserName: 'nobody' }))).rejects.toMatchObject({
      name: 'NoSuchEntityException',
      $metadata: { httpStatusCode: 404 },
    });
    await expect(iam.send(new CreateUserCommand({ UserName: 'bad name!' }))).rejects.toMatchObject({
      name: 'ValidationError',
      $metadata: { httpStatusCode: 400 },
    });
  });

  it('paginates with Marker and IsTruncated', async () => {
    const iam = t.iam();
    for (const n of ['p1', 'p2', 'p3']) await iam.send(new CreateUserCommand({ UserName: n, Path: '/page/' }));
    const first = await iam.send(new ListUsersCommand({ PathPrefix: '/page/', MaxItems: 2 }));
    expect(first.IsTruncated).toBe(true);
    expect(first.Users?.map((u) => u.UserName)).toEqual(['p1', 'p2']);
    const second = await iam.send(new ListUsersCommand({ PathPrefix: '/page/', MaxItems: 2, Marker: first.Marker }));
    expect(second.IsTruncated).toBe(false);
    expect(second.Users?.map((u) => u.UserName)).toEqual(['p3']);
  });
});

describe('enforcement', () => {
  it('a new user with no policies is denied with AWS message, then allowed by an inline policy', async () => {
    const creds = await userWithPolicy(t, 'carol');
    const asCarol = t.iam(creds);
    await expect(asCarol.send(new ListUsersCommand({}))).rejects.toMatchObject({
      name: 'AccessDenied',
      message: `User: arn:aws:iam::${ACCOUNT_ID}:user/carol is not authorized to perform: iam:ListUsers on resource: arn:aws:iam::${ACCOUNT_ID}:user/ because no identity-based policy allows the iam:ListUsers action`,
      $metadata: { httpStatusCode: 403 },
    });
    await t.iam().send(
      new PutUserPolicyCommand({
        UserName: 'carol',
        PolicyName: 'read',
        PolicyDocument: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'iam:List*', Resource: '*' }] }),
      }),
    );
    expect((await asCarol.send(new ListUsersCommand({}))).Users?.map((u) => u.UserName)).toContain('carol');
  });

  it('GetCallerIdentity needs no permission and names the user', async () => {
    const creds = await userWithPolicy(t, 'dave');
    const who = await t.sts(creds).send(new GetCallerIdentityCommand({}));
    expect(who.Arn).toBe(`arn:aws:iam::${ACCOUNT_ID}:user/dave`);
    expect(who.Account).toBe(ACCOUNT_ID);
  });

  it('refuses an inactive key and a deleted key with InvalidClientTokenId', async () => {
    const creds = await userWithPolicy(t, 'erin');
    const iam = t.iam();
    await iam.send(new UpdateAccessKeyCommand({ UserName: 'erin', AccessKeyId: creds.accessKeyId, Status: 'Inactive' }));
    await expect(t.sts(creds).send(new GetCallerIdentityCommand({}))).rejects.toMatchObject({ name: 'InvalidClientTokenId' });
    await iam.send(new DeleteAccessKeyCommand({ UserName: 'erin', AccessKeyId: creds.accessKeyId }));
    expect((await iam.send(new ListAccessKeysCommand({ UserName: 'erin' }))).AccessKeyMetadata).toEqual([]);
    await iam.send(new DeleteUserCommand({ UserName: 'erin' }));
  });

  it('refuses a wrong secret with SignatureDoesNotMatch', async () => {
    const creds = await userWithPolicy(t, 'frank');
    await expect(
      t.sts({ accessKeyId: creds.accessKeyId, secretAccessKey: 'wrong-secret-wrong-secret-wrong-secret!!' }).send(new GetCallerIdentityCommand({})),
    ).rejects.toMatchObject({ name: 'SignatureDoesNotMatch', $metadata: { httpStatusCode: 403 } });
  });

  it('UpdateUser needs the permission on the new ARN too: a user cannot move itself to another path', async () => {
    const iam = t.iam();
    await iam.send(new CreateUserCommand({ UserName: 'mallory', Path: '/dev/' }));
    const { AccessKey } = await iam.send(new CreateAccessKeyCommand({ UserName: 'mallory' }));
    await iam.send(
      new PutUserPolicyCommand({
        UserName: 'mallory',
        PolicyName: 'self',
        PolicyDocument: JSON.stringify({
          Version: '2012-10-17',
          Statement: [{ Effect: 'Allow', Action: 'iam:UpdateUser', Resource: `arn:aws:iam::${ACCOUNT_ID}:user/dev/\${aws:username}` }],
        }),
      }),
    );
    const asMallory = t.iam({ accessKeyId: AccessKey!.AccessKeyId!, secretAccessKey: AccessKey!.SecretAccessKey! });
    await expect(asMallory.send(new UpdateUserCommand({ UserName: 'mallory', NewPath: '/admins/' }))).rejects.toMatchObject({
      name: 'AccessDenied',
      message: expect.stringContaining(`on resource: arn:aws:iam::${ACCOUNT_ID}:user/admins/mallory`),
    });
    expect((await iam.send(new GetUserCommand({ UserName: 'mallory' }))).User?.Path).toBe('/dev/');
  });

  it('a bounded admin cannot remove its own boundary when a deny names it with iam:PermissionsBoundary', async () => {
    const iam = t.iam();
    // A boundary that itself allows all of IAM, so only the deny can stop the removal.
    const created = await iam.send(
      new CreatePolicyCommand({
        PolicyName: 'DelegateBoundary',
        PolicyDocument: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'iam:*', Resource: '*' }] }),
      }),
    );
    const boundary = created.Policy!.Arn!;
    await iam.send(new CreateUserCommand({ UserName: 'delegate', PermissionsBoundary: boundary }));
    const { AccessKey } = await iam.send(new CreateAccessKeyCommand({ UserName: 'delegate' }));
    await iam.send(
      new PutUserPolicyCommand({
        UserName: 'delegate',
        PolicyName: 'admin',
        PolicyDocument: JSON.stringify({
          Version: '2012-10-17',
          Statement: [
            { Effect: 'Allow', Action: 'iam:*', Resource: '*' },
            {
              Effect: 'Deny',
              Action: 'iam:DeleteUserPermissionsBoundary',
              Resource: '*',
              Condition: { StringEquals: { 'iam:PermissionsBoundary': boundary } },
            },
          ],
        }),
      }),
    );
    const asDelegate = t.iam({ accessKeyId: AccessKey!.AccessKeyId!, secretAccessKey: AccessKey!.SecretAccessKey! });
    await expect(asDelegate.send(new DeleteUserPermissionsBoundaryCommand({ UserName: 'delegate' }))).rejects.toMatchObject({
      name: 'AccessDenied',
    });
    expect((await iam.send(new GetUserCommand({ UserName: 'delegate' }))).User?.PermissionsBoundary?.PermissionsBoundaryArn).toBe(boundary);
  });

  it('refuses DeleteUser while the user has access keys', async () => {
    await userWithPolicy(t, 'gina');
    await expect(t.iam().send(new DeleteUserCommand({ UserName: 'gina' }))).rejects.toMatchObject({
      name: 'DeleteConflictException',
      $metadata: { httpStatusCode: 409 },
    });
  });
});
