// Attaching managed policies to users, groups and roles through the real AWS SDK against
// a real server: quotas, AWS's errors, and how attachments change what callers may do.

import { describe, expect, it } from 'vitest';
import {
  AddUserToGroupCommand,
  AttachGroupPolicyCommand,
  AttachRolePolicyCommand,
  AttachUserPolicyCommand,
  CreateGroupCommand,
  CreatePolicyCommand,
  CreateRoleCommand,
  CreateUserCommand,
  DetachGroupPolicyCommand,
  DetachRolePolicyCommand,
  DetachUserPolicyCommand,
  ListAttachedGroupPoliciesCommand,
  ListAttachedRolePoliciesCommand,
  ListAttachedUserPoliciesCommand,
  ListUsersCommand,
  PutUserPolicyCommand,
} from '@aws-sdk/client-iam';
import { userWithPolicy } from '../support/credential-fixtures.js';
import { ACCOUNT_ID, useTestServer } from '../support/server.js';

const t = useTestServer();

const aws = (name: string): string => `arn:aws:iam::aws:policy/${name}`;
const doc = (statement: object): string => JSON.stringify({ Version: '2012-10-17', Statement: statement });
const TRUST = doc({ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' });
const TEN = [
  'ReadOnlyAccess',
  'IAMReadOnlyAccess',
  'AmazonS3ReadOnlyAccess',
  'AmazonEC2ReadOnlyAccess',
  'AmazonSQSReadOnlyAccess',
  'AmazonSNSReadOnlyAccess',
  'AmazonDynamoDBReadOnlyAccess',
  'AWSLambda_ReadOnlyAccess',
  'CloudWatchReadOnlyAccess',
  'AmazonRDSReadOnlyAccess',
].map(aws);

describe('user attachments', () => {
  it('attaches, lists (with PathPrefix and pages) and detaches', async () => {
    const iam = t.iam();
    await iam.send(new CreateUserCommand({ UserName: 'ua' }));
    const local = await iam.send(
      new CreatePolicyCommand({ PolicyName: 'ua-local', Path: '/mine/', PolicyDocument: doc({ Effect: 'Allow', Action: 's3:*', Resource: '*' }) }),
    );
    await iam.send(new AttachUserPolicyCommand({ UserName: 'ua', PolicyArn: aws('ReadOnlyAccess') }));
    await iam.send(new AttachUserPolicyCommand({ UserName: 'UA', PolicyArn: local.Policy!.Arn }));
    const listed = await iam.send(new ListAttachedUserPoliciesCommand({ UserName: 'ua' }));
    expect(listed.AttachedPolicies).toEqual([
      { PolicyName: 'ReadOnlyAccess', PolicyArn: aws('ReadOnlyAccess') },
      { PolicyName: 'ua-local', PolicyArn: local.Policy!.Arn },
    ]);
    expect(listed.IsTruncated).toBe(false);
    const mine = await iam.send(new ListAttachedUserPoliciesCommand({ UserName: 'ua', PathPrefix: '/mine/' }));
    expect(mine.AttachedPolicies?.map((p) => p.PolicyName)).toEqual(['ua-local']);
    const first = await iam.send(new ListAttachedUserPoliciesCommand({ UserName: 'ua', MaxItems: 1 }));
    expect(first.IsTruncated).toBe(true);
    const second = await iam.send(new ListAttachedUserPoliciesCommand({ UserName: 'ua', MaxItems: 1, Marker: first.Marker }));
    expect(second.AttachedPolicies?.map((p) => p.PolicyName)).toEqual(['ua-local']);
    expect(second.IsTruncated).toBe(false);
    await iam.send(new DetachUserPolicyCommand({ UserName: 'ua', PolicyArn: aws('ReadOnlyAccess') }));
    expect((await iam.send(new ListAttachedUserPoliciesCommand({ UserName: 'ua' }))).AttachedPolicies?.map((p) => p.PolicyName)).toEqual([
      'ua-local',
    ]);
  });

  it('stops at 10 policies per user; attaching an attached policy again is a no-op', async () => {
    const iam = t.iam();
    await iam.send(new CreateUserCommand({ UserName: 'full' }));
    for (const arn of TEN) await iam.send(new AttachUserPolicyCommand({ UserName: 'full', PolicyArn: arn }));
    await iam.send(new AttachUserPolicyCommand({ UserName: 'full', PolicyArn: TEN[0] }));
    await expect(iam.send(new AttachUserPolicyCommand({ UserName: 'full', PolicyArn: aws('AdministratorAccess') }))).rejects.toMatchObject({
      name: 'LimitExceededException',
      message: 'Cannot exceed quota for PoliciesPerUser: 10',
      $metadata: { httpStatusCode: 409 },
    });
    expect((await iam.send(new ListAttachedUserPoliciesCommand({ UserName: 'full' }))).AttachedPolicies).toHaveLength(10);
  });

  it("answers AWS's errors for unknown users and policies, bad ARNs and detached policies", async () => {
    const iam = t.iam();
    await iam.send(new CreateUserCommand({ UserName: 'errs' }));
    const missing = `arn:aws:iam::${ACCOUNT_ID}:policy/missing`;
    await expect(iam.send(new AttachUserPolicyCommand({ UserName: 'errs', PolicyArn: missing }))).rejects.toMatchObject({
      name: 'NoSuchEntityException',
      message: `Policy ${missing} does not exist or is not attachable.`,
      $metadata: { httpStatusCode: 404 },
    });
    await expect(iam.send(new AttachUserPolicyCommand({ UserName: 'nobody', PolicyArn: aws('ReadOnlyAccess') }))).rejects.toMatchObject({
      name: 'NoSuchEntityException',
      message: 'The user with name nobody cannot be found.',
    });
    const roleArn = `arn:aws:iam::${ACCOUNT_ID}:role/x`;
    await expect(iam.send(new AttachUserPolicyCommand({ UserName: 'errs', PolicyArn: roleArn }))).rejects.toMatchObject({
      name: 'InvalidInputException',
      message: `ARN ${roleArn} is not valid.`,
      $metadata: { httpStatusCode: 400 },
    });
    await expect(iam.send(new DetachUserPolicyCommand({ UserName: 'errs', PolicyArn: aws('ReadOnlyAccess') }))).rejects.toMatchObject({
      name: 'NoSuchEntityException',
      message: `Policy ${aws('ReadOnlyAccess')} was not found.`,
    });
    await expect(iam.send(new ListAttachedUserPoliciesCommand({ UserName: 'nobody' }))).rejects.toMatchObject({
      name: 'NoSuchEntityException',
    });
  });
});

describe('group and role attachments', () => {
  it('attaches to and detaches from groups, with the group quota', async () => {
    const iam = t.iam();
    await iam.send(new CreateGroupCommand({ GroupName: 'ga' }));
    for (const arn of TEN) await iam.send(new AttachGroupPolicyCommand({ GroupName: 'ga', PolicyArn: arn }));
    await expect(iam.send(new AttachGroupPolicyCommand({ GroupName: 'ga', PolicyArn: aws('AdministratorAccess') }))).rejects.toMatchObject({
      name: 'LimitExceededException',
      message: 'Cannot exceed quota for PoliciesPerGroup: 10',
    });
    await iam.send(new DetachGroupPolicyCommand({ GroupName: 'ga', PolicyArn: TEN[1] }));
    const listed = await iam.send(new ListAttachedGroupPoliciesCommand({ GroupName: 'ga' }));
    expect(listed.AttachedPolicies).toHaveLength(9);
    expect(listed.AttachedPolicies?.some((p) => p.PolicyArn === TEN[1])).toBe(false);
    await expect(iam.send(new AttachGroupPolicyCommand({ GroupName: 'nogroup', PolicyArn: TEN[0] }))).rejects.toMatchObject({
      name: 'NoSuchEntityException',
      message: 'The group with name nogroup cannot be found.',
    });
  });

  it('attaches to roles, refuses service-role policies and the 11th policy', async () => {
    const iam = t.iam();
    await iam.send(new CreateRoleCommand({ RoleName: 'ra', AssumeRolePolicyDocument: TRUST }));
    await expect(
      iam.send(new AttachRolePolicyCommand({ RoleName: 'ra', PolicyArn: aws('aws-service-role/AmazonECSServiceRolePolicy') })),
    ).rejects.toMatchObject({
      name: 'PolicyNotAttachableException',
      message: 'Cannot attach a Service Role Policy to a Customer Role.',
      $metadata: { httpStatusCode: 400 },
    });
    for (const arn of TEN) await iam.send(new AttachRolePolicyCommand({ RoleName: 'ra', PolicyArn: arn }));
    await expect(iam.send(new AttachRolePolicyCommand({ RoleName: 'ra', PolicyArn: aws('AdministratorAccess') }))).rejects.toMatchObject({
      name: 'LimitExceededException',
      message: 'Cannot exceed quota for PoliciesPerRole: 10',
    });
    await iam.send(new DetachRolePolicyCommand({ RoleName: 'ra', PolicyArn: TEN[9] }));
    const listed = await iam.send(new ListAttachedRolePoliciesCommand({ RoleName: 'ra', PathPrefix: '/' }));
    expect(listed.AttachedPolicies).toHaveLength(9);
    await expect(iam.send(new DetachRolePolicyCommand({ RoleName: 'ra', PolicyArn: TEN[9] }))).rejects.toMatchObject({
      name: 'NoSuchEntityException',
      message: `Policy ${TEN[9]} was not found.`,
    });
  });
});

describe('enforcement', () => {
  it('iam:PolicyARN limits which policy a user may attach', async () => {
    const creds = await userWithPolicy(t, 'delegate');
    await t.iam().send(new CreateUserCommand({ UserName: 'target' }));
    await t.iam().send(
      new PutUserPolicyCommand({
        UserName: 'delegate',
        PolicyName: 'attach-read-only',
        PolicyDocument: doc({
          Effect: 'Allow',
          Action: 'iam:AttachUserPolicy',
          Resource: '*',
          Condition: { ArnEquals: { 'iam:PolicyARN': aws('ReadOnlyAccess') } },
        }),
      }),
    );
    const asDelegate = t.iam(creds);
    await asDelegate.send(new AttachUserPolicyCommand({ UserName: 'target', PolicyArn: aws('ReadOnlyAccess') }));
    await expect(asDelegate.send(new AttachUserPolicyCommand({ UserName: 'target', PolicyArn: aws('AdministratorAccess') }))).rejects.toMatchObject({
      name: 'AccessDenied',
      message: `User: arn:aws:iam::${ACCOUNT_ID}:user/delegate is not authorized to perform: iam:AttachUserPolicy on resource: arn:aws:iam::${ACCOUNT_ID}:user/target because no identity-based policy allows the iam:AttachUserPolicy action`,
      $metadata: { httpStatusCode: 403 },
    });
    const attached = await t.iam().send(new ListAttachedUserPoliciesCommand({ UserName: 'target' }));
    expect(attached.AttachedPolicies?.map((p) => p.PolicyName)).toEqual(['ReadOnlyAccess']);
  });

  it('IAMReadOnlyAccess attached by the root lets the user read IAM but not write it, until detached', async () => {
    const creds = await userWithPolicy(t, 'reader');
    const asReader = t.iam(creds);
    await expect(asReader.send(new ListUsersCommand({}))).rejects.toMatchObject({ name: 'AccessDenied' });
    await t.iam().send(new AttachUserPolicyCommand({ UserName: 'reader', PolicyArn: aws('IAMReadOnlyAccess') }));
    const users = await asReader.send(new ListUsersCommand({}));
    expect(users.Users?.map((u) => u.UserName)).toContain('reader');
    await expect(asReader.send(new CreateUserCommand({ UserName: 'not-allowed' }))).rejects.toMatchObject({
      name: 'AccessDenied',
      message: expect.stringContaining('iam:CreateUser') as unknown,
    });
    await t.iam().send(new DetachUserPolicyCommand({ UserName: 'reader', PolicyArn: aws('IAMReadOnlyAccess') }));
    await expect(asReader.send(new ListUsersCommand({}))).rejects.toMatchObject({ name: 'AccessDenied' });
  });

  it('a policy attached to a group applies to its members', async () => {
    const creds = await userWithPolicy(t, 'member');
    await t.iam().send(new CreateGroupCommand({ GroupName: 'readers' }));
    await t.iam().send(new AddUserToGroupCommand({ GroupName: 'readers', UserName: 'member' }));
    const asMember = t.iam(creds);
    await expect(asMember.send(new ListUsersCommand({}))).rejects.toMatchObject({ name: 'AccessDenied' });
    await t.iam().send(new AttachGroupPolicyCommand({ GroupName: 'readers', PolicyArn: aws('IAMReadOnlyAccess') }));
    await expect(asMember.send(new ListUsersCommand({}))).resolves.toMatchObject({ IsTruncated: false });
  });
});
