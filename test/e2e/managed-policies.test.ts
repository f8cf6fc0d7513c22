// Managed policies (customer and AWS managed), their versions, tags, listings and
// ListPoliciesGrantingServiceAccess through the real AWS SDK against a real server.

import { describe, expect, it } from 'vitest';
import {
  AddUserToGroupCommand,
  AttachGroupPolicyCommand,
  AttachRolePolicyCommand,
  AttachUserPolicyCommand,
  CreateGroupCommand,
  CreatePolicyCommand,
  CreatePolicyVersionCommand,
  CreateRoleCommand,
  CreateUserCommand,
  DeletePolicyCommand,
  DeletePolicyVersionCommand,
  DetachUserPolicyCommand,
  GetPolicyCommand,
  GetPolicyVersionCommand,
  ListEntitiesForPolicyCommand,
  ListPoliciesCommand,
  ListPoliciesGrantingServiceAccessCommand,
  ListPolicyTagsCommand,
  ListPolicyVersionsCommand,
  ListUsersCommand,
  PutGroupPolicyCommand,
  PutUserPolicyCommand,
  SetDefaultPolicyVersionCommand,
  TagPolicyCommand,
  UntagPolicyCommand,
  type Policy,
  type PolicyGrantingServiceAccess,
} from '@aws-sdk/client-iam';
import { userWithPolicy } from '../support/credential-fixtures.js';
import { ACCOUNT_ID, useTestServer } from '../support/server.js';

const t = useTestServer();

const ADMIN = 'arn:aws:iam::aws:policy/AdministratorAccess';
const policyArn = (pathAndName: string): string => `arn:aws:iam::${ACCOUNT_ID}:policy${pathAndName}`;
const doc = (statement: object | object[]): string => JSON.stringify({ Version: '2012-10-17', Statement: statement });
const allow = (action: string | string[], resource: string | string[] = '*'): string => doc({ Effect: 'Allow', Action: action, Resource: resource });
const TRUST = doc({ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' });

async function createPolicy(name: string, document = allow('s3:GetObject'), extra: { Path?: string } = {}): Promise<Policy> {
  const out = await t.iam().send(new CreatePolicyCommand({ PolicyName: name, PolicyDocument: document, ...extra }));
  return out.Policy!;
}

describe('CreatePolicy and GetPolicy', () => {
  it('creates a policy with AWS shapes and reads it back with description and tags', async () => {
    const iam = t.iam();
    const created = await iam.send(
      new CreatePolicyCommand({
        PolicyName: 'read-bucket',
        Path: '/team/',
        PolicyDocument: allow('s3:GetObject'),
        Description: 'reads the bucket',
        Tags: [{ Key: 'team', Value: 'blue' }],
      }),
    );
    expect(created.Policy).toMatchObject({
      PolicyName: 'read-bucket',
      Arn: policyArn('/team/read-bucket'),
      Path: '/team/',
      DefaultVersionId: 'v1',
      AttachmentCount: 0,
      PermissionsBoundaryUsageCount: 0,
      IsAttachable: true,
      Tags: [{ Key: 'team', Value: 'blue' }],
    });
    expect(created.Policy?.PolicyId).toMatch(/^ANPA[A-Z2-7]{17}$/);
    expect(created.Policy?.CreateDate).toBeInstanceOf(Date);
    const got = await iam.send(new GetPolicyCommand({ PolicyArn: policyArn('/team/read-bucket') }));
    expect(got.Policy?.Description).toBe('reads the bucket');
    expect(got.Policy?.PolicyId).toBe(created.Policy?.PolicyId);
    expect(got.Policy?.Tags).toEqual([{ Key: 'team', Value: 'blue' }]);
  });

  it('refuses a duplicate name case-insensitively, across paths', async () => {
    await createPolicy('dup-policy');
    await expect(
      t.iam().send(new CreatePolicyCommand({ PolicyName: 'DUP-policy', Path: '/other/', PolicyDocument: allow('s3:*') })),
    ).rejects.toMatchObject({
      name: 'EntityAlreadyExistsException',
      message: 'A policy called DUP-policy already exists. Duplicate names are not allowed.',
      $metadata: { httpStatusCode: 409 },
    });
  });

  it('validates the document: Version required, size counted without white space', async () => {
    await expect(
      t.iam().send(new CreatePolicyCommand({ PolicyName: 'no-version', PolicyDocument: JSON.stringify({ Statement: [{ Effect: 'Allow', Action: 's3:*', Resource: '*' }] }) })),
    ).rejects.toMatchObject({ name: 'MalformedPolicyDocumentException', $metadata: { httpStatusCode: 400 } });
    const big = allow(Array.from({ length: 400 }, (_, i) => `s3:GetObjectNumber${i}`));
    expect(big.length).toBeGreaterThan(6144);
    await expect(t.iam().send(new CreatePolicyCommand({ PolicyName: 'too-big', PolicyDocument: big }))).rejects.toMatchObject({
      name: 'LimitExceededException',
      message: 'Cannot exceed quota for PolicySize: 6144',
      $metadata: { httpStatusCode: 409 },
    });
    // 7000 characters, most of them white space: within the quota.
    const spacious = allow('s3:GetObject').replace('{', `{${' '.repeat(7000)}`);
    await expect(createPolicy('spacious', spacious)).resolves.toMatchObject({ PolicyName: 'spacious' });
  });

  it('answers NoSuchEntity for an unknown policy and InvalidInput for a non-policy ARN', async () => {
    await expect(t.iam().send(new GetPolicyCommand({ PolicyArn: policyArn('/nope') }))).rejects.toMatchObject({
      name: 'NoSuchEntityException',
      message: `Policy ${policyArn('/nope')} was not found.`,
      $metadata: { httpStatusCode: 404 },
    });
    const roleArn = `arn:aws:iam::${ACCOUNT_ID}:role/some-role`;
    await expect(t.iam().send(new GetPolicyCommand({ PolicyArn: roleArn }))).rejects.toMatchObject({
      name: 'InvalidInputException',
      message: `ARN ${roleArn} is not valid.`,
    });
  });
});

describe('policy versions', () => {
  it('returns the exact document text, URL-encoded as AWS does', async () => {
    const text = '{\n  "Version": "2012-10-17",\n  "Statement": [{"Sid": "Ab1", "Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/a+b 100%/é&<x>"}]\n}';
    const p = await createPolicy('exact-text', text);
    const got = await t.iam().send(new GetPolicyVersionCommand({ PolicyArn: p.Arn, VersionId: 'v1' }));
    expect(got.PolicyVersion?.Document).not.toContain('{');
    expect(decodeURIComponent(got.PolicyVersion!.Document!)).toBe(text);
    expect(got.PolicyVersion).toMatchObject({ VersionId: 'v1', IsDefaultVersion: true });
  });

  it('creates up to 5 versions, never deletes the default, never reuses an id', async () => {
    const iam = t.iam();
    const p = await createPolicy('versioned');
    const v2 = await iam.send(new CreatePolicyVersionCommand({ PolicyArn: p.Arn, PolicyDocument: allow('s3:PutObject'), SetAsDefault: true }));
    expect(v2.PolicyVersion).toMatchObject({ VersionId: 'v2', IsDefaultVersion: true });
    expect(v2.PolicyVersion?.Document).toBeUndefined();
    for (const action of ['s3:ListBucket', 's3:DeleteObject', 's3:GetBucketPolicy']) {
      await iam.send(new CreatePolicyVersionCommand({ PolicyArn: p.Arn, PolicyDocument: allow(action) }));
    }
    await expect(iam.send(new CreatePolicyVersionCommand({ PolicyArn: p.Arn, PolicyDocument: allow('s3:*') }))).rejects.toMatchObject({
      name: 'LimitExceededException',
      message: 'A managed policy can have up to 5 versions. Before you create a new version, you must delete an existing version.',
    });
    const listed = await iam.send(new ListPolicyVersionsCommand({ PolicyArn: p.Arn }));
    expect(listed.Versions?.map((v) => [v.VersionId, v.IsDefaultVersion])).toEqual([
      ['v5', false],
      ['v4', false],
      ['v3', false],
      ['v2', true],
      ['v1', false],
    ]);
    const page = await iam.send(new ListPolicyVersionsCommand({ PolicyArn: p.Arn, MaxItems: 2 }));
    expect(page.IsTruncated).toBe(true);
    const rest = await iam.send(new ListPolicyVersionsCommand({ PolicyArn: p.Arn, Marker: page.Marker }));
    expect(rest.Versions?.map((v) => v.VersionId)).toEqual(['v3', 'v2', 'v1']);

    await expect(iam.send(new DeletePolicyVersionCommand({ PolicyArn: p.Arn, VersionId: 'v2' }))).rejects.toMatchObject({
      name: 'DeleteConflictException',
      message: 'Cannot delete the default version of a policy.',
    });
    await iam.send(new DeletePolicyVersionCommand({ PolicyArn: p.Arn, VersionId: 'v5' }));
    const v6 = await iam.send(new CreatePolicyVersionCommand({ PolicyArn: p.Arn, PolicyDocument: allow('s3:*') }));
    expect(v6.PolicyVersion?.VersionId).toBe('v6');
    await iam.send(new SetDefaultPolicyVersionCommand({ PolicyArn: p.Arn, VersionId: 'v3' }));
    expect((await iam.send(new GetPolicyCommand({ PolicyArn: p.Arn }))).Policy?.DefaultVersionId).toBe('v3');
    await expect(iam.send(new GetPolicyVersionCommand({ PolicyArn: p.Arn, VersionId: 'v5' }))).rejects.toMatchObject({
      name: 'NoSuchEntityException',
      message: `Policy ${p.Arn} version v5 does not exist or is not attachable.`,
    });
    await expect(iam.send(new SetDefaultPolicyVersionCommand({ PolicyArn: p.Arn, VersionId: 'v9' }))).rejects.toMatchObject({
      name: 'NoSuchEntityException',
    });
  });
});

describe('DeletePolicy', () => {
  it('refuses while the policy has other versions or is attached, then deletes', async () => {
    const iam = t.iam();
    const p = await createPolicy('to-delete');
    await iam.send(new CreatePolicyVersionCommand({ PolicyArn: p.Arn, PolicyDocument: allow('s3:*') }));
    await expect(iam.send(new DeletePolicyCommand({ PolicyArn: p.Arn }))).rejects.toMatchObject({
      name: 'DeleteConflictException',
      message:
        "This policy has more than one version. Before you delete a policy, you must delete the policy's versions. The default version is deleted with the policy.",
    });
    await iam.send(new DeletePolicyVersionCommand({ PolicyArn: p.Arn, VersionId: 'v2' }));
    await iam.send(new CreateUserCommand({ UserName: 'holder' }));
    await iam.send(new AttachUserPolicyCommand({ UserName: 'holder', PolicyArn: p.Arn }));
    await expect(iam.send(new DeletePolicyCommand({ PolicyArn: p.Arn }))).rejects.toMatchObject({
      name: 'DeleteConflictException',
      message: 'Cannot delete a policy attached to entities.',
    });
    await iam.send(new DetachUserPolicyCommand({ UserName: 'holder', PolicyArn: p.Arn }));
    await iam.send(new DeletePolicyCommand({ PolicyArn: p.Arn }));
    await expect(iam.send(new GetPolicyCommand({ PolicyArn: p.Arn }))).rejects.toMatchObject({ name: 'NoSuchEntityException' });
    await expect(iam.send(new DeletePolicyCommand({ PolicyArn: p.Arn }))).rejects.toMatchObject({
      name: 'NoSuchEntityException',
      message: `Policy ${p.Arn} was not found.`,
    });
  });
});

describe('AWS managed policies', () => {
  it('reads them, with their document', async () => {
    const iam = t.iam();
    const got = await iam.send(new GetPolicyCommand({ PolicyArn: ADMIN }));
    expect(got.Policy).toMatchObject({ PolicyName: 'AdministratorAccess', Path: '/', IsAttachable: true });
    const version = await iam.send(new GetPolicyVersionCommand({ PolicyArn: ADMIN, VersionId: got.Policy!.DefaultVersionId! }));
    const parsed = JSON.parse(decodeURIComponent(version.PolicyVersion!.Document!)) as { Statement: unknown };
    expect(parsed.Statement).toEqual([{ Effect: 'Allow', Action: '*', Resource: '*' }]);
  });

  it('refuses every write, even from the root user, with AccessDenied', async () => {
    const iam = t.iam();
    const refused = { name: 'AccessDenied', $metadata: { httpStatusCode: 403 } };
    await expect(iam.send(new CreatePolicyVersionCommand({ PolicyArn: ADMIN, PolicyDocument: allow('s3:*') }))).rejects.toMatchObject({
      ...refused,
      message: expect.stringContaining(`is not authorized to perform: iam:CreatePolicyVersion on resource: ${ADMIN}`) as unknown,
    });
    await expect(iam.send(new DeletePolicyCommand({ PolicyArn: ADMIN }))).rejects.toMatchObject(refused);
    await expect(iam.send(new TagPolicyCommand({ PolicyArn: ADMIN, Tags: [{ Key: 'a', Value: 'b' }] }))).rejects.toMatchObject(refused);
    await expect(iam.send(new SetDefaultPolicyVersionCommand({ PolicyArn: ADMIN, VersionId: 'v1' }))).rejects.toMatchObject(refused);
    expect((await iam.send(new GetPolicyCommand({ PolicyArn: ADMIN }))).Policy?.Tags).toEqual([]);
  });
});

describe('ListPolicies', () => {
  it('lists the whole AWS catalogue in pages (100 by default) and the local ones apart', async () => {
    const iam = t.iam();
    const first = await iam.send(new ListPoliciesCommand({ Scope: 'AWS' }));
    expect(first.Policies).toHaveLength(100);
    expect(first.IsTruncated).toBe(true);
    expect(first.Policies?.[0]?.Description).toBeUndefined();
    let total = 0;
    let marker: string | undefined;
    do {
      const page = await iam.send(new ListPoliciesCommand({ Scope: 'AWS', MaxItems: 1000, ...(marker !== undefined && { Marker: marker }) }));
      total += page.Policies?.length ?? 0;
      for (const p of page.Policies ?? []) expect(p.Arn).toMatch(/^arn:aws:iam::aws:policy\//);
      marker = page.IsTruncated ? page.Marker : undefined;
    } while (marker !== undefined);
    expect(total).toBeGreaterThan(1500);
    await createPolicy('listed-local', allow('s3:*'), { Path: '/listing/' });
    const local = await iam.send(new ListPoliciesCommand({ Scope: 'Local', PathPrefix: '/listing/' }));
    expect(local.Policies?.map((p) => p.PolicyName)).toEqual(['listed-local']);
    expect(local.IsTruncated).toBe(false);
  });

  it('filters by OnlyAttached and PolicyUsageFilter, with per-account counts', async () => {
    const iam = t.iam();
    const p = await createPolicy('boundary-policy', allow('s3:*'), { Path: '/usage/' });
    await iam.send(new CreateUserCommand({ UserName: 'bounded', PermissionsBoundary: p.Arn }));
    await iam.send(new AttachUserPolicyCommand({ UserName: 'bounded', PolicyArn: 'arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess' }));
    const attached = await iam.send(new ListPoliciesCommand({ Scope: 'AWS', OnlyAttached: true }));
    const s3 = attached.Policies?.find((x) => x.PolicyName === 'AmazonS3ReadOnlyAccess');
    expect(s3?.AttachmentCount).toBe(1);
    const boundaries = await iam.send(new ListPoliciesCommand({ Scope: 'Local', PolicyUsageFilter: 'PermissionsBoundary' }));
    expect(boundaries.Policies?.map((x) => x.PolicyName)).toEqual(['boundary-policy']);
    expect(boundaries.Policies?.[0]?.PermissionsBoundaryUsageCount).toBe(1);
    await expect(iam.send(new DeletePolicyCommand({ PolicyArn: p.Arn }))).rejects.toMatchObject({ name: 'DeleteConflictException' });
  });
});

describe('policy tags', () => {
  it('tags, lists and untags a customer policy', async () => {
    const iam = t.iam();
    const p = await createPolicy('tagged', allow('s3:*'));
    await iam.send(new TagPolicyCommand({ PolicyArn: p.Arn, Tags: [{ Key: 'env', Value: 'dev' }, { Key: 'team', Value: 'a' }] }));
    await iam.send(new TagPolicyCommand({ PolicyArn: p.Arn, Tags: [{ Key: 'ENV', Value: 'prod' }] }));
    expect((await iam.send(new ListPolicyTagsCommand({ PolicyArn: p.Arn }))).Tags).toEqual([
      { Key: 'ENV', Value: 'prod' },
      { Key: 'team', Value: 'a' },
    ]);
    await iam.send(new UntagPolicyCommand({ PolicyArn: p.Arn, TagKeys: ['env'] }));
    expect((await iam.send(new ListPolicyTagsCommand({ PolicyArn: p.Arn }))).Tags).toEqual([{ Key: 'team', Value: 'a' }]);
    const many = Array.from({ length: 50 }, (_, i) => ({ Key: `k${i}`, Value: 'v' }));
    await expect(iam.send(new TagPolicyCommand({ PolicyArn: p.Arn, Tags: many }))).rejects.toMatchObject({ name: 'LimitExceededException' });
  });
});

describe('ListEntitiesForPolicy', () => {
  it('lists the groups, users and roles a policy is attached to, filtered', async () => {
    const iam = t.iam();
    const p = await createPolicy('shared', allow('s3:*'));
    await iam.send(new CreateUserCommand({ UserName: 'ent-user', Path: '/ent/' }));
    await iam.send(new CreateGroupCommand({ GroupName: 'ent-group' }));
    await iam.send(new CreateRoleCommand({ RoleName: 'ent-role', AssumeRolePolicyDocument: TRUST }));
    await iam.send(new AttachUserPolicyCommand({ UserName: 'ent-user', PolicyArn: p.Arn }));
    await iam.send(new AttachGroupPolicyCommand({ GroupName: 'ent-group', PolicyArn: p.Arn }));
    await iam.send(new AttachRolePolicyCommand({ RoleName: 'ent-role', PolicyArn: p.Arn }));
    const all = await iam.send(new ListEntitiesForPolicyCommand({ PolicyArn: p.Arn }));
    expect(all.PolicyGroups?.map((g) => g.GroupName)).toEqual(['ent-group']);
    expect(all.PolicyUsers?.map((u) => u.UserName)).toEqual(['ent-user']);
    expect(all.PolicyRoles?.map((r) => r.RoleName)).toEqual(['ent-role']);
    expect(all.PolicyUsers?.[0]?.UserId).toMatch(/^AIDA/);
    expect(all.PolicyRoles?.[0]?.RoleId).toMatch(/^AROA/);
    const roles = await iam.send(new ListEntitiesForPolicyCommand({ PolicyArn: p.Arn, EntityFilter: 'Role' }));
    expect([roles.PolicyGroups, roles.PolicyUsers, roles.PolicyRoles?.length]).toEqual([[], [], 1]);
    const byPath = await iam.send(new ListEntitiesForPolicyCommand({ PolicyArn: p.Arn, PathPrefix: '/ent/' }));
    expect(byPath.PolicyUsers?.map((u) => u.UserName)).toEqual(['ent-user']);
    expect(byPath.PolicyRoles).toEqual([]);
    const paged = await iam.send(new ListEntitiesForPolicyCommand({ PolicyArn: p.Arn, MaxItems: 2 }));
    expect(paged.IsTruncated).toBe(true);
    expect((paged.PolicyGroups?.length ?? 0) + (paged.PolicyUsers?.length ?? 0) + (paged.PolicyRoles?.length ?? 0)).toBe(2);
  });
});

describe('ListPoliciesGrantingServiceAccess', () => {
  it('names inline and managed policies of the user and its groups that grant each service', async () => {
    const iam = t.iam();
    await iam.send(new CreateUserCommand({ UserName: 'granted' }));
    await iam.send(new CreateGroupCommand({ GroupName: 'granted-group' }));
    await iam.send(new AddUserToGroupCommand({ GroupName: 'granted-group', UserName: 'granted' }));
    await iam.send(new PutUserPolicyCommand({ UserName: 'granted', PolicyName: 's3-inline', PolicyDocument: allow('s3:Get*') }));
    await iam.send(new PutUserPolicyCommand({ UserName: 'granted', PolicyName: 'not-s3', PolicyDocument: doc({ Effect: 'Allow', NotAction: 's3:*', Resource: '*' }) }));
    await iam.send(new PutGroupPolicyCommand({ GroupName: 'granted-group', PolicyName: 'group-ec2', PolicyDocument: allow('ec2:Describe*') }));
    await iam.send(new AttachUserPolicyCommand({ UserName: 'granted', PolicyArn: 'arn:aws:iam::aws:policy/IAMReadOnlyAccess' }));
    const out = await iam.send(
      new ListPoliciesGrantingServiceAccessCommand({ Arn: `arn:aws:iam::${ACCOUNT_ID}:user/granted`, ServiceNamespaces: ['s3', 'iam', 'ec2'] }),
    );
    const byService: Record<string, PolicyGrantingServiceAccess[] | undefined> = Object.fromEntries(
      (out.PoliciesGrantingServiceAccess ?? []).map((e) => [e.ServiceNamespace ?? '', e.Policies]),
    );
    expect(byService.s3).toEqual([{ PolicyName: 's3-inline', PolicyType: 'INLINE', EntityType: 'USER', EntityName: 'granted' }]);
    expect(byService.iam?.map((p) => p.PolicyName).sort()).toEqual(['IAMReadOnlyAccess', 'not-s3']);
    expect(byService.iam?.find((p) => p.PolicyType === 'MANAGED')?.PolicyArn).toBe('arn:aws:iam::aws:policy/IAMReadOnlyAccess');
    expect(byService.ec2).toEqual(
      expect.arrayContaining([{ PolicyName: 'group-ec2', PolicyType: 'INLINE', EntityType: 'GROUP', EntityName: 'granted-group' }]),
    );
    await expect(
      iam.send(new ListPoliciesGrantingServiceAccessCommand({ Arn: `arn:aws:iam::${ACCOUNT_ID}:user/ghost`, ServiceNamespaces: ['s3'] })),
    ).rejects.toMatchObject({ name: 'NoSuchEntityException', message: 'The user with name ghost cannot be found.' });
  });
});

describe('enforcement', () => {
  it('a new default version takes effect on the very next call', async () => {
    const iam = t.iam();
    const creds = await userWithPolicy(t, 'narrowed');
    const p = await createPolicy('narrowing', allow(['iam:ListUsers', 'iam:GetPolicy']));
    await iam.send(new AttachUserPolicyCommand({ UserName: 'narrowed', PolicyArn: p.Arn }));
    const asUser = t.iam(creds);
    await expect(asUser.send(new ListUsersCommand({}))).resolves.toMatchObject({ IsTruncated: expect.any(Boolean) as unknown });
    await iam.send(new CreatePolicyVersionCommand({ PolicyArn: p.Arn, PolicyDocument: allow('iam:GetPolicy'), SetAsDefault: true }));
    await expect(asUser.send(new ListUsersCommand({}))).rejects.toMatchObject({ name: 'AccessDenied' });
    await iam.send(new SetDefaultPolicyVersionCommand({ PolicyArn: p.Arn, VersionId: 'v1' }));
    await expect(asUser.send(new ListUsersCommand({}))).resolves.toBeDefined();
  });

  it('aws:ResourceTag on a policy decides who may read it', async () => {
    const iam = t.iam();
    const creds = await userWithPolicy(t, 'tag-reader');
    await iam.send(
      new PutUserPolicyCommand({
        UserName: 'tag-reader',
        PolicyName: 'blue-only',
        PolicyDocument: doc({ Effect: 'Allow', Action: 'iam:GetPolicy', Resource: '*', Condition: { StringEquals: { 'aws:ResourceTag/team': 'blue' } } }),
      }),
    );
    const blue = await t.iam().send(new CreatePolicyCommand({ PolicyName: 'blue-p', PolicyDocument: allow('s3:*'), Tags: [{ Key: 'team', Value: 'blue' }] }));
    const red = await createPolicy('red-p', allow('s3:*'));
    const asUser = t.iam(creds);
    await expect(asUser.send(new GetPolicyCommand({ PolicyArn: blue.Policy!.Arn }))).resolves.toMatchObject({ Policy: { PolicyName: 'blue-p' } });
    await expect(asUser.send(new GetPolicyCommand({ PolicyArn: red.Arn }))).rejects.toMatchObject({
      name: 'AccessDenied',
      message: `User: arn:aws:iam::${ACCOUNT_ID}:user/tag-reader is not authorized to perform: iam:GetPolicy on resource: ${red.Arn} because no identity-based policy allows the iam:GetPolicy action`,
    });
  });

  it('CreatePolicy with tags also needs iam:TagPolicy', async () => {
    const creds = await userWithPolicy(t, 'creator');
    await t.iam().send(new PutUserPolicyCommand({ UserName: 'creator', PolicyName: 'create', PolicyDocument: allow('iam:CreatePolicy') }));
    const asUser = t.iam(creds);
    await expect(asUser.send(new CreatePolicyCommand({ PolicyName: 'untagged-by-user', PolicyDocument: allow('s3:*') }))).resolves.toBeDefined();
    await expect(
      asUser.send(new CreatePolicyCommand({ PolicyName: 'tagged-by-user', PolicyDocument: allow('s3:*'), Tags: [{ Key: 'a', Value: 'b' }] })),
    ).rejects.toMatchObject({ name: 'AccessDenied', message: expect.stringContaining('iam:TagPolicy') as unknown });
  });
});
