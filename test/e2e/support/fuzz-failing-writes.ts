// Fuzz support: entities at their limits (the "keep" world) and mutating requests that must
// fail against them (duplicate names, missing targets, malformed documents, exhausted quotas,
// denied callers), each with fast-check variation, to prove a failure writes nothing.

import * as iam from '@aws-sdk/client-iam';
import fc from 'fast-check';
import { LEAF_CERT, LEAF_KEY, RSA_KEY } from '../../../src/services/iam/certificates/fixtures.case.js';
import { ACCOUNT_ID, type TestServer } from '../../support/server.js';
import type { Read } from './fuzz-snapshot.js';
import type { FuzzParam } from './fuzz-wire.js';

export interface FailingWrite {
  readonly who: 'root' | 'iam-user';
  readonly action: string;
  readonly params: readonly FuzzParam[];
}

const arn = (resource: string): string => `arn:aws:iam::${ACCOUNT_ID}:${resource}`;
const doc = (statement: object): string => JSON.stringify({ Version: '2012-10-17', Statement: statement });
const KEEP_POLICY = arn('policy/keep/keep-policy');
const GOOD_DOC = doc({ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' });
const GOOD_TRUST = doc({ Effect: 'Allow', Principal: { AWS: arn('root') }, Action: 'sts:AssumeRole' });

/** Reads beyond the account lists that show what the failing writes aim at. */
export const KEEP_READS: readonly Read[] = [
  ...['keep-user', 'keep-other'].flatMap((UserName): Read[] => [
    { action: 'ListUserTags', params: { UserName } },
    { action: 'ListAccessKeys', params: { UserName } },
    { action: 'GetLoginProfile', params: { UserName } },
    { action: 'ListSSHPublicKeys', params: { UserName } },
    { action: 'ListSigningCertificates', params: { UserName } },
    { action: 'ListMFADevices', params: { UserName } },
    { action: 'ListGroupsForUser', params: { UserName } },
  ]),
  { action: 'ListRoleTags', params: { RoleName: 'keep-role' } },
  { action: 'ListPolicyTags', params: { PolicyArn: KEEP_POLICY } },
  { action: 'ListPolicyVersions', params: { PolicyArn: KEEP_POLICY } },
  { action: 'ListInstanceProfileTags', params: { InstanceProfileName: 'keep-profile' } },
  { action: 'GetOpenIDConnectProvider', params: { OpenIDConnectProviderArn: arn('oidc-provider/keep.example.com') } },
  { action: 'GetGroup', params: { GroupName: 'keep-group' } },
  { action: 'GetServerCertificate', params: { ServerCertificateName: 'keep-cert' } },
];

/** The keep world: every entity sits at a limit, so the right request is sure to fail. */
export async function createKeepWorld(t: TestServer): Promise<void> {
  const c = t.iam();
  const tags = (n: number, prefix: string): iam.Tag[] => Array.from({ length: n }, (_, i) => ({ Key: `${prefix}${i}`, Value: 'v' }));
  await c.send(new iam.CreateUserCommand({ UserName: 'keep-user', Path: '/keep/', Tags: tags(50, 'k') }));
  await c.send(new iam.CreateUserCommand({ UserName: 'keep-other' }));
  for (let i = 0; i < 2; i++) await c.send(new iam.CreateAccessKeyCommand({ UserName: 'keep-user' }));
  await c.send(new iam.CreateLoginProfileCommand({ UserName: 'keep-user', Password: 'Keep-Password-123456!' }));
  await c.send(new iam.PutUserPolicyCommand({ UserName: 'keep-user', PolicyName: 'keep-inline', PolicyDocument: GOOD_DOC }));
  await c.send(new iam.CreatePolicyCommand({ PolicyName: 'keep-policy', Path: '/keep/', PolicyDocument: GOOD_DOC, Tags: tags(50, 'p') }));
  for (let i = 0; i < 4; i++) await c.send(new iam.CreatePolicyVersionCommand({ PolicyArn: KEEP_POLICY, PolicyDocument: GOOD_DOC }));
  for (let i = 0; i < 10; i++) {
    const name = `keep-p${i}`;
    await c.send(new iam.CreatePolicyCommand({ PolicyName: name, PolicyDocument: GOOD_DOC }));
    await c.send(new iam.AttachUserPolicyCommand({ UserName: 'keep-user', PolicyArn: arn(`policy/${name}`) }));
  }
  await c.send(new iam.CreateGroupCommand({ GroupName: 'keep-group' }));
  await c.send(new iam.AddUserToGroupCommand({ GroupName: 'keep-group', UserName: 'keep-user' }));
  await c.send(new iam.CreateRoleCommand({ RoleName: 'keep-role', AssumeRolePolicyDocument: GOOD_TRUST, Tags: tags(50, 'r') }));
  await c.send(new iam.AttachRolePolicyCommand({ RoleName: 'keep-role', PolicyArn: KEEP_POLICY }));
  await c.send(new iam.CreateInstanceProfileCommand({ InstanceProfileName: 'keep-profile', Tags: tags(50, 'i') }));
  await c.send(new iam.AddRoleToInstanceProfileCommand({ InstanceProfileName: 'keep-profile', RoleName: 'keep-role' }));
  await c.send(new iam.CreateOpenIDConnectProviderCommand({ Url: 'https://keep.example.com', ClientIDList: ['keep'], ThumbprintList: ['9e99a48a9960b14926bb7f3b02e22da2b0ab7280'] }));
  await c.send(new iam.UpdateAccountPasswordPolicyCommand({ MinimumPasswordLength: 20, RequireSymbols: true }));
  await c.send(new iam.CreateGroupCommand({ GroupName: 'keep-group2' }));
  await c.send(new iam.CreateVirtualMFADeviceCommand({ VirtualMFADeviceName: 'keep-mfa' }));
  for (const name of ['keep-cert', 'keep-cert2']) {
    await c.send(new iam.UploadServerCertificateCommand({ ServerCertificateName: name, CertificateBody: LEAF_CERT, PrivateKey: LEAF_KEY }));
  }
}

const P = (record: Readonly<Record<string, string>>): FuzzParam[] => Object.entries(record).map(([name, value]) => ({ name, value }));
const tagParams = (tags: readonly (readonly [string, string])[], prefix = 'Tags'): Record<string, string> =>
  Object.fromEntries(tags.flatMap(([k, v], i) => [[`${prefix}.member.${i + 1}.Key`, k], [`${prefix}.member.${i + 1}.Value`, v]]));

/** A name no entity has (so only the broken part makes the request fail). */
const freshName = fc.stringMatching(/^[a-z0-9]{4,10}$/).map((s) => `keep-new-${s}`);
const someTags = fc.uniqueArray(fc.tuple(fc.stringMatching(/^[a-z]{1,8}$/), fc.stringMatching(/^[a-z0-9 ]{0,8}$/)), { maxLength: 3, selector: ([k]) => k }).map((ts) => ts.map(([k, v]) => [`x${k}`, v] as const));
const badTags = fc.constantFrom<(readonly [string, string])[]>(
  [['k'.repeat(129), 'v']],
  [['Dup', 'a'], ['dup', 'b']],
  Array.from({ length: 51 }, (_, i) => [`t${i}`, 'v'] as const),
);
const malformed = fc.constantFrom(
  doc({ Effect: 'Maybe', Action: '*', Resource: '*' }),
  doc([]),
  doc({ Effect: 'Allow', Action: [], Resource: '*' }),
  JSON.stringify({ Version: '2099-01-01', Statement: { Effect: 'Allow', Action: '*', Resource: '*' } }),
  '{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"*","Resource":"*"}',
  'null',
  '[]',
  '{}',
);
const missingPolicy = fc.constantFrom(arn('policy/keep-ghost'), 'arn:aws:iam::aws:policy/KeepGhost', 'arn:aws:iam::999988887777:policy/foreign');

const write = (who: FailingWrite['who'], action: string, params: Record<string, string>): FailingWrite => ({ who, action, params: P(params) });

/** Mutating requests that must fail against the keep world, whatever the variation. */
export const failingWrites: fc.Arbitrary<FailingWrite> = fc.oneof(
  fc.tuple(fc.constantFrom('keep-user', 'KEEP-USER', 'Keep-Other'), someTags, fc.constantFrom('/', '/new/')).map(([name, tags, Path]) => write('root', 'CreateUser', { UserName: name, Path, ...tagParams(tags) })),
  fc.tuple(freshName, missingPolicy, someTags).map(([name, boundary, tags]) => write('root', 'CreateUser', { UserName: name, PermissionsBoundary: boundary, ...tagParams(tags) })),
  fc.tuple(freshName, badTags).map(([name, tags]) => write('root', 'CreateUser', { UserName: name, ...tagParams(tags) })),
  fc.tuple(freshName, someTags).map(([name, tags]) => write('iam-user', 'CreateUser', { UserName: name, ...tagParams(tags) })),
  fc.tuple(freshName, malformed, someTags).map(([name, d, tags]) => write('root', 'CreateRole', { RoleName: name, AssumeRolePolicyDocument: d, ...tagParams(tags) })),
  fc.tuple(freshName, missingPolicy).map(([name, b]) => write('root', 'CreateRole', { RoleName: name, AssumeRolePolicyDocument: GOOD_TRUST, PermissionsBoundary: b })),
  fc.tuple(freshName, badTags).map(([name, tags]) => write('root', 'CreateRole', { RoleName: name, AssumeRolePolicyDocument: GOOD_TRUST, ...tagParams(tags) })),
  fc.tuple(freshName, malformed, someTags).map(([name, d, tags]) => write('root', 'CreatePolicy', { PolicyName: name, PolicyDocument: d, ...tagParams(tags) })),
  fc.tuple(freshName, badTags).map(([name, tags]) => write('root', 'CreatePolicy', { PolicyName: name, PolicyDocument: GOOD_DOC, ...tagParams(tags) })),
  fc.constantFrom('true', 'false').map((d) => write('root', 'CreatePolicyVersion', { PolicyArn: KEEP_POLICY, PolicyDocument: GOOD_DOC, SetAsDefault: d })),
  malformed.map((d) => write('root', 'CreatePolicyVersion', { PolicyArn: arn('policy/keep-p0'), PolicyDocument: d, SetAsDefault: 'true' })),
  fc.tuple(malformed, fc.constantFrom('keep-inline', 'keep-new')).map(([d, p]) => write('root', 'PutUserPolicy', { UserName: 'keep-user', PolicyName: p, PolicyDocument: d })),
  fc.constant(write('root', 'PutUserPolicy', { UserName: 'keep-user', PolicyName: 'keep-big', PolicyDocument: doc({ Effect: 'Allow', Action: 's3:GetObject', Resource: `arn:aws:s3:::${'b'.repeat(2100)}` }) })),
  malformed.map((d) => write('root', 'PutRolePolicy', { RoleName: 'keep-role', PolicyName: 'keep-new', PolicyDocument: d })),
  malformed.map((d) => write('root', 'PutGroupPolicy', { GroupName: 'keep-group', PolicyName: 'keep-new', PolicyDocument: d })),
  fc.constant(write('root', 'PutUserPolicy', { UserName: 'keep-ghost', PolicyName: 'p', PolicyDocument: GOOD_DOC })),
  fc.constantFrom(arn('policy/keep-policy-extra'), 'arn:aws:iam::aws:policy/ReadOnlyAccess').map((p) => write('root', 'AttachUserPolicy', { UserName: 'keep-user', PolicyArn: p })),
  missingPolicy.map((p) => write('root', 'AttachRolePolicy', { RoleName: 'keep-role', PolicyArn: p })),
  fc.constant(write('root', 'AttachRolePolicy', { RoleName: 'keep-role', PolicyArn: 'arn:aws:iam::aws:policy/aws-service-role/AWSSupportServiceRolePolicy' })),
  someTags.filter((t) => t.length > 0).map((tags) => write('root', 'TagUser', { UserName: 'keep-user', ...tagParams(tags) })),
  someTags.filter((t) => t.length > 0).map((tags) => write('root', 'TagRole', { RoleName: 'keep-role', ...tagParams(tags) })),
  someTags.filter((t) => t.length > 0).map((tags) => write('root', 'TagPolicy', { PolicyArn: KEEP_POLICY, ...tagParams(tags) })),
  someTags.filter((t) => t.length > 0).map((tags) => write('root', 'TagInstanceProfile', { InstanceProfileName: 'keep-profile', ...tagParams(tags) })),
  badTags.map((tags) => write('root', 'TagUser', { UserName: 'keep-other', ...tagParams(tags) })),
  someTags.filter((t) => t.length > 0).map((tags) => write('iam-user', 'TagUser', { UserName: 'keep-other', ...tagParams(tags) })),
  fc.constantFrom('/moved/', '/keep/').map((p) => write('root', 'UpdateUser', { UserName: 'keep-user', NewUserName: 'keep-other', NewPath: p })),
  fc.constant(write('root', 'UpdateUser', { UserName: 'keep-ghost', NewUserName: 'keep-ghost2' })),
  malformed.map((d) => write('root', 'UpdateAssumeRolePolicy', { RoleName: 'keep-role', PolicyDocument: d })),
  fc.constant(write('root', 'CreateAccessKey', { UserName: 'keep-user' })),
  fc.constant(write('root', 'CreateLoginProfile', { UserName: 'keep-user', Password: 'Another-Password-123456!' })),
  fc.constantFrom('short', 'NoSymbolsButLongEnough123').map((pw) => write('root', 'CreateLoginProfile', { UserName: 'keep-other', Password: pw })),
  fc.constant(write('root', 'AddUserToGroup', { GroupName: 'keep-ghost', UserName: 'keep-other' })),
  fc.constant(write('root', 'AddRoleToInstanceProfile', { InstanceProfileName: 'keep-profile', RoleName: 'keep-role' })),
  someTags.map((tags) => write('root', 'CreateInstanceProfile', { InstanceProfileName: 'keep-profile', ...tagParams(tags) })),
  someTags.map((tags) => write('root', 'CreateOpenIDConnectProvider', { Url: 'https://keep.example.com', 'ThumbprintList.member.1': 'a'.repeat(40), ...tagParams(tags) })),
  freshName.map((name) => write('root', 'UploadServerCertificate', { ServerCertificateName: name, CertificateBody: LEAF_CERT, PrivateKey: RSA_KEY })),
  missingPolicy.map((p) => write('root', 'PutUserPermissionsBoundary', { UserName: 'keep-other', PermissionsBoundary: p })),
  fc.constantFrom('v9', 'v1.x').map((v) => write('root', 'SetDefaultPolicyVersion', { PolicyArn: KEEP_POLICY, VersionId: v })),
  fc.constantFrom('not a service', '.amazonaws.com', 'amazonaws.com').map((s) => write('root', 'CreateServiceLinkedRole', { AWSServiceName: s })),
  fc.tuple(fc.constantFrom('short', 'NoSymbolsButLongEnough123'), fc.constantFrom('true', 'false')).map(([pw, reset]) =>
    write('root', 'UpdateLoginProfile', { UserName: 'keep-user', Password: pw, PasswordResetRequired: reset }),
  ),
  fc.constantFrom('/moved/', '/').map((p) => write('root', 'UpdateGroup', { GroupName: 'keep-group', NewGroupName: 'KEEP-GROUP2', NewPath: p })),
  fc.constantFrom('/moved/', '/').map((p) => write('root', 'UpdateServerCertificate', { ServerCertificateName: 'keep-cert', NewServerCertificateName: 'keep-cert2', NewPath: p })),
  fc.tuple(fc.stringMatching(/^\d{6}$/), fc.stringMatching(/^\d{6}$/)).map(([a, b]) =>
    write('root', 'EnableMFADevice', { UserName: 'keep-other', SerialNumber: arn('mfa/keep-mfa'), AuthenticationCode1: a, AuthenticationCode2: b }),
  ),
  fc.integer({ min: 6, max: 8 }).map((n) =>
    write('root', 'UpdateOpenIDConnectProviderThumbprint', {
      OpenIDConnectProviderArn: arn('oidc-provider/keep.example.com'),
      ...Object.fromEntries(Array.from({ length: n }, (_, i) => [`ThumbprintList.member.${i + 1}`, String(i).repeat(40)])),
    }),
  ),
  fc.constant(write('root', 'AddClientIDToOpenIDConnectProvider', { OpenIDConnectProviderArn: arn('oidc-provider/keep-ghost.example.com'), ClientID: 'x' })),
  fc.constant(write('root', 'UpdateAccessKey', { UserName: 'keep-other', AccessKeyId: 'AKIAKEEPGHOST0000000', Status: 'Inactive' })),
  fc.constant(write('root', 'UploadSSHPublicKey', { UserName: 'keep-user', SSHPublicKeyBody: 'ssh-rsa AAAAB3NzaC1yc2E' })),
  fc.constant(write('root', 'UpdateRole', { RoleName: 'keep-ghost', Description: 'new', MaxSessionDuration: '7200' })),
  fc.constant(write('root', 'UpdateAccountPasswordPolicy', { MinimumPasswordLength: '5', RequireSymbols: 'false' })),
  fc.constantFrom(
    write('root', 'DeleteUser', { UserName: 'keep-user' }),
    write('root', 'DeleteRole', { RoleName: 'keep-role' }),
    write('root', 'DeletePolicy', { PolicyArn: KEEP_POLICY }),
    write('root', 'DeleteGroup', { GroupName: 'keep-group' }),
    write('root', 'DeleteInstanceProfile', { InstanceProfileName: 'keep-profile' }),
    write('root', 'DeletePolicyVersion', { PolicyArn: KEEP_POLICY, VersionId: 'v1' }),
    write('iam-user', 'DeleteUserPolicy', { UserName: 'keep-user', PolicyName: 'keep-inline' }),
    write('iam-user', 'DetachUserPolicy', { UserName: 'keep-user', PolicyArn: arn('policy/keep-p0') }),
  ),
);
