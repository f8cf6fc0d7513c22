// Loads an authorization-details file into a running Keyward through the AWS SDK, as an
// administrator would build the account: policies (every version), groups, users (keys,
// console passwords, boundaries, tags), roles (trust, instance profiles). Trust policies
// are set once every user and role exists, since IAM checks the principals they name.

import {
  AddRoleToInstanceProfileCommand, AddUserToGroupCommand, AttachGroupPolicyCommand, AttachRolePolicyCommand, AttachUserPolicyCommand,
  CreateAccessKeyCommand, CreateGroupCommand, CreateInstanceProfileCommand, CreateLoginProfileCommand, CreatePolicyCommand,
  CreatePolicyVersionCommand, CreateRoleCommand, CreateUserCommand, PutGroupPolicyCommand, PutRolePolicyCommand, PutUserPolicyCommand,
  SetDefaultPolicyVersionCommand, UpdateAssumeRolePolicyCommand, type IAMClient,
} from '@aws-sdk/client-iam';

type Json = Record<string, unknown>;
const list = (o: Json, key: string): Json[] => (Array.isArray(o[key]) ? (o[key] as Json[]) : []);
const text = (doc: unknown): string => (typeof doc === 'string' ? decodeURIComponent(doc) : JSON.stringify(doc));
const pathOf = (arn: string): string => {
  const m = /:(?:policy|user|role|group|instance-profile)(\/.*\/)[^/]+$/.exec(arn);
  return m?.[1] ?? '/';
};

export async function loadIntoKeyward(iam: IAMClient, details: Json): Promise<void> {
  for (const p of list(details, 'Policies')) {
    if ((p.Arn as string).startsWith('arn:aws:iam::aws:')) continue;
    const versions = list(p, 'PolicyVersionList').sort((a, b) => ((a.VersionId as string) < (b.VersionId as string) ? -1 : 1));
    const [first, ...rest] = versions;
    await iam.send(new CreatePolicyCommand({ PolicyName: p.PolicyName as string, Path: pathOf(p.Arn as string), PolicyDocument: text(first!.Document) }));
    for (const v of rest) await iam.send(new CreatePolicyVersionCommand({ PolicyArn: p.Arn as string, PolicyDocument: text(v.Document) }));
    await iam.send(new SetDefaultPolicyVersionCommand({ PolicyArn: p.Arn as string, VersionId: p.DefaultVersionId as string }));
  }
  for (const g of list(details, 'GroupDetailList')) {
    const GroupName = g.GroupName as string;
    await iam.send(new CreateGroupCommand({ GroupName, Path: pathOf(g.Arn as string) }));
    for (const ip of list(g, 'GroupPolicyList')) await iam.send(new PutGroupPolicyCommand({ GroupName, PolicyName: ip.PolicyName as string, PolicyDocument: text(ip.PolicyDocument) }));
    for (const a of list(g, 'AttachedManagedPolicies')) await iam.send(new AttachGroupPolicyCommand({ GroupName, PolicyArn: a.PolicyArn as string }));
  }
  for (const u of list(details, 'UserDetailList')) {
    const UserName = u.UserName as string;
    const boundary = (u.PermissionsBoundary as Json | undefined)?.PermissionsBoundaryArn as string | undefined;
    const tags = list(u, 'Tags') as { Key: string; Value: string }[];
    await iam.send(new CreateUserCommand({ UserName, Path: pathOf(u.Arn as string), ...(boundary === undefined ? {} : { PermissionsBoundary: boundary }), ...(tags.length > 0 ? { Tags: tags } : {}) }));
    for (const ip of list(u, 'UserPolicyList')) await iam.send(new PutUserPolicyCommand({ UserName, PolicyName: ip.PolicyName as string, PolicyDocument: text(ip.PolicyDocument) }));
    for (const a of list(u, 'AttachedManagedPolicies')) await iam.send(new AttachUserPolicyCommand({ UserName, PolicyArn: a.PolicyArn as string }));
    for (const name of (u.GroupList as string[] | undefined) ?? []) await iam.send(new AddUserToGroupCommand({ UserName, GroupName: name }));
    for (const _key of list(u, 'AccessKeyMetadata')) await iam.send(new CreateAccessKeyCommand({ UserName }));
    if (u.LoginProfile !== undefined && u.LoginProfile !== null) await iam.send(new CreateLoginProfileCommand({ UserName, Password: 'Keyward-test-Passw0rd!' }));
  }
  const roles = list(details, 'RoleDetailList');
  for (const r of roles) {
    const RoleName = r.RoleName as string;
    const boundary = (r.PermissionsBoundary as Json | undefined)?.PermissionsBoundaryArn as string | undefined;
    const tags = list(r, 'Tags') as { Key: string; Value: string }[];
    const account = /:iam::(\d{12}):/.exec(r.Arn as string)![1]!;
    const placeholder = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${account}:root` }, Action: 'sts:AssumeRole' }] });
    await iam.send(new CreateRoleCommand({ RoleName, Path: pathOf(r.Arn as string), AssumeRolePolicyDocument: placeholder, ...(boundary === undefined ? {} : { PermissionsBoundary: boundary }), ...(tags.length > 0 ? { Tags: tags } : {}) }));
    for (const ip of list(r, 'RolePolicyList')) await iam.send(new PutRolePolicyCommand({ RoleName, PolicyName: ip.PolicyName as string, PolicyDocument: text(ip.PolicyDocument) }));
    for (const a of list(r, 'AttachedManagedPolicies')) await iam.send(new AttachRolePolicyCommand({ RoleName, PolicyArn: a.PolicyArn as string }));
    for (const p of list(r, 'InstanceProfileList')) {
      await iam.send(new CreateInstanceProfileCommand({ InstanceProfileName: p.InstanceProfileName as string, Path: pathOf(p.Arn as string) }));
      await iam.send(new AddRoleToInstanceProfileCommand({ InstanceProfileName: p.InstanceProfileName as string, RoleName }));
    }
  }
  for (const r of roles) await iam.send(new UpdateAssumeRolePolicyCommand({ RoleName: r.RoleName as string, PolicyDocument: text(r.AssumeRolePolicyDocument) }));
}
