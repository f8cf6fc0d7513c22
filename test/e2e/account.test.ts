// Account actions through the real AWS SDK against a real server: the account alias,
// GetAccountSummary and GetAccountAuthorizationDetails, with every call authorized by the engine.

import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  AddRoleToInstanceProfileCommand,
  AddUserToGroupCommand,
  AttachGroupPolicyCommand,
  AttachRolePolicyCommand,
  AttachUserPolicyCommand,
  CreateAccountAliasCommand,
  CreateGroupCommand,
  CreateInstanceProfileCommand,
  CreatePolicyCommand,
  CreatePolicyVersionCommand,
  CreateRoleCommand,
  CreateUserCommand,
  DeleteAccountAliasCommand,
  GetAccountAuthorizationDetailsCommand,
  type GetAccountAuthorizationDetailsCommandOutput,
  GetAccountSummaryCommand,
  ListAccountAliasesCommand,
  PutGroupPolicyCommand,
  PutRolePolicyCommand,
  PutUserPermissionsBoundaryCommand,
  PutUserPolicyCommand,
} from '@aws-sdk/client-iam';
import { ACCOUNT_SUMMARY_QUOTAS } from '../../src/domain/quotas.js';
import { openStore } from '../../src/storage/open-store.js';
import { userWithPolicy } from '../support/credential-fixtures.js';
import { ACCOUNT_ID, useTestServer } from '../support/server.js';

const t = useTestServer();

const policy = (statement: object): string => JSON.stringify({ Version: '2012-10-17', Statement: [statement] });
const TRUST = JSON.stringify({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }],
});
// Whitespace and `*` kept on purpose: the document must come back byte for byte.
const USER_INLINE = '{\n  "Version": "2012-10-17",\n  "Statement": [{"Effect": "Allow", "Action": "s3:Get*", "Resource": "*"}]\n}';

describe('account alias', () => {
  it('creates, replaces, lists and deletes the one alias', async () => {
    const iam = t.iam();
    expect((await iam.send(new ListAccountAliasesCommand({}))).AccountAliases).toEqual([]);
    await iam.send(new CreateAccountAliasCommand({ AccountAlias: 'example-corp' }));
    expect((await iam.send(new ListAccountAliasesCommand({})))).toMatchObject({ AccountAliases: ['example-corp'], IsTruncated: false });
    // AWS replaces the account's alias rather than refusing a second one.
    await iam.send(new CreateAccountAliasCommand({ AccountAlias: 'example-corp-2' }));
    expect((await iam.send(new ListAccountAliasesCommand({ MaxItems: 1 }))).AccountAliases).toEqual(['example-corp-2']);
    await expect(iam.send(new DeleteAccountAliasCommand({ AccountAlias: 'example-corp' }))).rejects.toMatchObject({
      name: 'NoSuchEntityException',
      message: 'The account alias example-corp cannot be found.',
      $metadata: { httpStatusCode: 404 },
    });
    await iam.send(new DeleteAccountAliasCommand({ AccountAlias: 'example-corp-2' }));
    expect((await iam.send(new ListAccountAliasesCommand({}))).AccountAliases).toEqual([]);
  });

  it('refuses an alias held by this or any other account with EntityAlreadyExists', async () => {
    const iam = t.iam();
    await iam.send(new CreateAccountAliasCommand({ AccountAlias: 'mine' }));
    await expect(iam.send(new CreateAccountAliasCommand({ AccountAlias: 'mine' }))).rejects.toMatchObject({
      name: 'EntityAlreadyExistsException',
      message: 'The account alias mine already exists.',
      $metadata: { httpStatusCode: 409 },
    });
    // Another account on the same store holds "taken". Set up in the database directly: no IAM or STS
    // action creates a second account (a server serves the one account it was started for).
    const store = await openStore({ kind: 'sqlite', file: join(t.dataDir, 'keyward.db') });
    try {
      await store.write(async (tx) => {
        await tx.accounts.insert({ id: '444455556666', createdAt: new Date(), settings: {} });
        await tx.aliases.insert('444455556666', 'taken');
      });
    } finally {
      await store.close();
    }
    await expect(iam.send(new CreateAccountAliasCommand({ AccountAlias: 'taken' }))).rejects.toMatchObject({
      name: 'EntityAlreadyExistsException',
      message: 'The account alias taken already exists.',
    });
    // The failed call changed nothing.
    expect((await iam.send(new ListAccountAliasesCommand({}))).AccountAliases).toEqual(['mine']);
    await iam.send(new DeleteAccountAliasCommand({ AccountAlias: 'mine' }));
  });

  it('rejects aliases outside AWS rules with ValidationError', async () => {
    const iam = t.iam();
    for (const bad of ['ab', 'Upper-case', '-lead', 'trail-', 'two--dashes', 'under_score']) {
      await expect(iam.send(new CreateAccountAliasCommand({ AccountAlias: bad })), bad).rejects.toMatchObject({
        name: 'ValidationError',
        $metadata: { httpStatusCode: 400 },
      });
    }
  });
});

describe('account summary and authorization details', () => {
  let customerArn = '';
  let unattachedArn = '';

  beforeAll(async () => {
    const iam = t.iam();
    await iam.send(new CreateUserCommand({ UserName: 'alice', Path: '/eng/', Tags: [{ Key: 'team', Value: 'platform' }] }));
    await iam.send(new PutUserPolicyCommand({ UserName: 'alice', PolicyName: 'read-s3', PolicyDocument: USER_INLINE }));
    await iam.send(new CreateUserCommand({ UserName: 'bob' }));
    await iam.send(new CreateGroupCommand({ GroupName: 'Administrators' }));
    await iam.send(new AttachGroupPolicyCommand({ GroupName: 'Administrators', PolicyArn: 'arn:aws:iam::aws:policy/AdministratorAccess' }));
    await iam.send(new PutGroupPolicyCommand({ GroupName: 'Administrators', PolicyName: 'deny-billing', PolicyDocument: policy({ Effect: 'Deny', Action: 'aws-portal:*', Resource: '*' }) }));
    await iam.send(new AddUserToGroupCommand({ GroupName: 'Administrators', UserName: 'alice' }));
    const created = await iam.send(new CreatePolicyCommand({ PolicyName: 'app-read', PolicyDocument: policy({ Effect: 'Allow', Action: 'sqs:Receive*', Resource: '*' }) }));
    customerArn = created.Policy!.Arn!;
    await iam.send(new CreatePolicyVersionCommand({ PolicyArn: customerArn, PolicyDocument: policy({ Effect: 'Allow', Action: 'sqs:*', Resource: '*' }), SetAsDefault: true }));
    unattachedArn = (await iam.send(new CreatePolicyCommand({ PolicyName: 'unused', PolicyDocument: policy({ Effect: 'Allow', Action: 'sns:Publish', Resource: '*' }) }))).Policy!.Arn!;
    await iam.send(new AttachUserPolicyCommand({ UserName: 'alice', PolicyArn: customerArn }));
    await iam.send(new PutUserPermissionsBoundaryCommand({ UserName: 'alice', PermissionsBoundary: 'arn:aws:iam::aws:policy/PowerUserAccess' }));
    await iam.send(new CreateRoleCommand({ RoleName: 'app', AssumeRolePolicyDocument: TRUST, Tags: [{ Key: 'env', Value: 'dev' }] }));
    await iam.send(new PutRolePolicyCommand({ RoleName: 'app', PolicyName: 'logs', PolicyDocument: policy({ Effect: 'Allow', Action: 'logs:*', Resource: '*' }) }));
    await iam.send(new AttachRolePolicyCommand({ RoleName: 'app', PolicyArn: customerArn }));
    await iam.send(new CreateInstanceProfileCommand({ InstanceProfileName: 'app-profile' }));
    await iam.send(new AddRoleToInstanceProfileCommand({ InstanceProfileName: 'app-profile', RoleName: 'app' }));
  });

  it('GetAccountSummary returns every AWS key with counts from the store', async () => {
    const { SummaryMap } = await t.iam().send(new GetAccountSummaryCommand({}));
    expect(Object.keys(SummaryMap!).sort()).toEqual(
      [
        'AccessKeysPerUserQuota', 'AccountAccessKeysPresent', 'AccountMFAEnabled', 'AccountSigningCertificatesPresent',
        'AssumeRolePolicySizeQuota', 'AttachedPoliciesPerGroupQuota', 'AttachedPoliciesPerRoleQuota', 'AttachedPoliciesPerUserQuota',
        'GlobalEndpointTokenVersion', 'GroupPolicySizeQuota', 'Groups', 'GroupsPerUserQuota', 'GroupsQuota', 'InstanceProfiles',
        'InstanceProfilesQuota', 'MFADevices', 'MFADevicesInUse', 'Policies', 'PoliciesQuota', 'PolicySizeQuota',
        'PolicyVersionsInUse', 'PolicyVersionsInUseQuota', 'Providers', 'RolePolicySizeQuota', 'Roles', 'RolesQuota',
        'ServerCertificates', 'ServerCertificatesQuota', 'SigningCertificatesPerUserQuota', 'UserPolicySizeQuota', 'Users',
        'UsersQuota', 'VersionsPerPolicyQuota',
      ].sort(),
    );
    const map: Record<string, number | undefined> = SummaryMap!;
    for (const [key, quota] of Object.entries(ACCOUNT_SUMMARY_QUOTAS)) expect(map[key], key).toBe(quota);
    // Users made by other tests in this file are counted too, so compare with a lower bound.
    expect(SummaryMap!.Users).toBeGreaterThanOrEqual(2);
    expect(SummaryMap).toMatchObject({
      Groups: 1,
      Roles: 1,
      Policies: 2,
      InstanceProfiles: 1,
      // AdministratorAccess on the group, app-read on alice and on the role.
      PolicyVersionsInUse: 3,
      AccountAccessKeysPresent: 1,
      AccountMFAEnabled: 0,
      GlobalEndpointTokenVersion: 1,
    });
  });

  it('GetAccountAuthorizationDetails returns every entity with its policies, documents URL-encoded', async () => {
    const out = await t.iam().send(new GetAccountAuthorizationDetailsCommand({}));
    expect(out.IsTruncated).toBe(false);
    const alice = out.UserDetailList!.find((u) => u.UserName === 'alice')!;
    expect(alice).toMatchObject({
      Path: '/eng/',
      Arn: `arn:aws:iam::${ACCOUNT_ID}:user/eng/alice`,
      GroupList: ['Administrators'],
      AttachedManagedPolicies: [{ PolicyName: 'app-read', PolicyArn: customerArn }],
      PermissionsBoundary: { PermissionsBoundaryType: 'PermissionsBoundaryPolicy', PermissionsBoundaryArn: 'arn:aws:iam::aws:policy/PowerUserAccess' },
      Tags: [{ Key: 'team', Value: 'platform' }],
    });
    expect(alice.UserId).toMatch(/^AIDA/);
    expect(alice.UserPolicyList).toHaveLength(1);
    expect(alice.UserPolicyList![0]!.PolicyDocument).toMatch(/^%7B%0A%20%20%22Version%22/);
    expect(decodeURIComponent(alice.UserPolicyList![0]!.PolicyDocument!)).toBe(USER_INLINE);
    // AWS leaves UserPolicyList out for a user without inline policies.
    expect(out.UserDetailList!.find((u) => u.UserName === 'bob')!.UserPolicyList).toBeUndefined();

    const [group] = out.GroupDetailList!;
    expect(group).toMatchObject({
      GroupName: 'Administrators',
      AttachedManagedPolicies: [{ PolicyName: 'AdministratorAccess', PolicyArn: 'arn:aws:iam::aws:policy/AdministratorAccess' }],
    });
    expect(group!.GroupPolicyList!.map((p) => p.PolicyName)).toEqual(['deny-billing']);

    const [role] = out.RoleDetailList!;
    expect(role).toMatchObject({ RoleName: 'app', Tags: [{ Key: 'env', Value: 'dev' }], AttachedManagedPolicies: [{ PolicyArn: customerArn }] });
    expect(decodeURIComponent(role!.AssumeRolePolicyDocument!)).toBe(TRUST);
    expect(role!.RolePolicyList!.map((p) => p.PolicyName)).toEqual(['logs']);
    expect(role!.InstanceProfileList).toHaveLength(1);
    expect(role!.InstanceProfileList![0]).toMatchObject({ InstanceProfileName: 'app-profile', Roles: [{ RoleName: 'app', RoleId: role!.RoleId }] });
    expect(decodeURIComponent(role!.InstanceProfileList![0]!.Roles![0]!.AssumeRolePolicyDocument!)).toBe(TRUST);

    const arns = out.Policies!.map((p) => p.Arn).sort();
    // Customer policies always; AWS managed ones only when attached or used as a boundary.
    expect(arns).toEqual(
      [customerArn, unattachedArn, 'arn:aws:iam::aws:policy/AdministratorAccess', 'arn:aws:iam::aws:policy/PowerUserAccess'].sort(),
    );
    const appRead = out.Policies!.find((p) => p.Arn === customerArn)!;
    expect(appRead).toMatchObject({ PolicyName: 'app-read', DefaultVersionId: 'v2', AttachmentCount: 2, PermissionsBoundaryUsageCount: 0, IsAttachable: true });
    expect(appRead.PolicyVersionList!.map((v) => [v.VersionId, v.IsDefaultVersion])).toEqual([['v2', true], ['v1', false]]);
    expect(JSON.parse(decodeURIComponent(appRead.PolicyVersionList![1]!.Document!))).toMatchObject({ Statement: [{ Action: 'sqs:Receive*' }] });
    expect(out.Policies!.find((p) => p.PolicyName === 'PowerUserAccess')).toMatchObject({ AttachmentCount: 0, PermissionsBoundaryUsageCount: 1 });
  });

  it('filters by entity type', async () => {
    const iam = t.iam();
    const roles = await iam.send(new GetAccountAuthorizationDetailsCommand({ Filter: ['Role'] }));
    expect(roles.RoleDetailList!.map((r) => r.RoleName)).toEqual(['app']);
    expect([roles.UserDetailList, roles.GroupDetailList, roles.Policies]).toEqual([[], [], []]);
    const local = await iam.send(new GetAccountAuthorizationDetailsCommand({ Filter: ['LocalManagedPolicy'] }));
    expect(local.Policies!.map((p) => p.PolicyName)).toEqual(['app-read', 'unused']);
    const aws = await iam.send(new GetAccountAuthorizationDetailsCommand({ Filter: ['AWSManagedPolicy', 'Group'] }));
    expect(aws.Policies!.map((p) => p.PolicyName)).toEqual(['AdministratorAccess', 'PowerUserAccess']);
    expect(aws.GroupDetailList!.map((g) => g.GroupName)).toEqual(['Administrators']);
    expect(aws.UserDetailList).toEqual([]);
  });

  it('paginates across the combined list with MaxItems and Marker', async () => {
    const iam = t.iam();
    const names = (o: GetAccountAuthorizationDetailsCommandOutput): string[] => [
      ...o.UserDetailList!.map((u) => `user:${u.UserName}`),
      ...o.GroupDetailList!.map((g) => `group:${g.GroupName}`),
      ...o.RoleDetailList!.map((r) => `role:${r.RoleName}`),
      ...o.Policies!.map((p) => `policy:${p.Arn}`),
    ];
    const whole = names(await iam.send(new GetAccountAuthorizationDetailsCommand({})));
    expect(whole.length).toBeGreaterThan(6);
    for (const maxItems of [1, 2, 3]) {
      const walked: string[] = [];
      let marker: string | undefined;
      let pages = 0;
      do {
        const page = await iam.send(new GetAccountAuthorizationDetailsCommand({ MaxItems: maxItems, ...(marker !== undefined && { Marker: marker }) }));
        const got = names(page);
        expect(got.length).toBeLessThanOrEqual(maxItems);
        walked.push(...got);
        expect(page.IsTruncated).toBe(page.Marker !== undefined);
        marker = page.Marker;
        pages += 1;
      } while (marker !== undefined && pages < 100);
      expect(walked).toEqual(whole);
      expect(pages).toBe(Math.ceil(whole.length / maxItems));
    }
    await expect(iam.send(new GetAccountAuthorizationDetailsCommand({ Marker: 'not-a-marker' }))).rejects.toMatchObject({
      name: 'InvalidInputException',
      $metadata: { httpStatusCode: 400 },
    });
  });

  it('enforces permissions: a user allowed only to read the summary', async () => {
    const creds = await userWithPolicy(t, 'auditor', [{ Effect: 'Allow', Action: ['iam:GetAccountSummary', 'iam:ListAccountAliases'], Resource: '*' }]);
    const iam = t.iam(creds);
    expect((await iam.send(new GetAccountSummaryCommand({}))).SummaryMap?.Users).toBeGreaterThan(0);
    expect((await iam.send(new ListAccountAliasesCommand({}))).AccountAliases).toEqual([]);
    await expect(iam.send(new GetAccountAuthorizationDetailsCommand({}))).rejects.toMatchObject({
      name: 'AccessDenied',
      message: expect.stringContaining(`User: arn:aws:iam::${ACCOUNT_ID}:user/auditor is not authorized to perform: iam:GetAccountAuthorizationDetails`),
      $metadata: { httpStatusCode: 403 },
    });
    await expect(iam.send(new CreateAccountAliasCommand({ AccountAlias: 'sneaky' }))).rejects.toMatchObject({ name: 'AccessDenied' });
    expect((await t.iam().send(new ListAccountAliasesCommand({}))).AccountAliases).toEqual([]);
  });
});
