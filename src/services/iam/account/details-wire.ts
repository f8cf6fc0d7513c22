// The entries of GetAccountAuthorizationDetails (UserDetail, GroupDetail, RoleDetail,
// ManagedPolicyDetail), read from the store with everything attached to each entity.
// Field presence follows real AWS output: empty lists are sent (GroupList: []), except a
// user's UserPolicyList, which AWS leaves out when the user has no inline policy.

import type { Group, InstanceProfile, ManagedPolicy, PolicyOwnerKind, Role, User } from '../../../domain/entities.js';
import type { WireObject } from '../../../protocol/wire-value.js';
import type { StoreTx } from '../../../storage/ports.js';
import type { Page, PageRequest } from '../../../storage/repositories.js';
import { wireTags } from '../../input.js';
import { encodePolicyDocument } from '../policies/document-encoding.js';

/** Collects every page of a store list; the lists read here are bounded by per-entity quotas. */
export async function allPages<T>(fetch: (page: PageRequest) => Promise<Page<T>>): Promise<T[]> {
  const items: T[] = [];
  let after: string | undefined;
  do {
    const page = await fetch({ limit: 1000, ...(after !== undefined && { after }) });
    items.push(...page.items);
    after = page.nextAfter;
  } while (after !== undefined);
  return items;
}

function boundary(arn: string | undefined): WireObject {
  return arn === undefined ? {} : { PermissionsBoundary: { PermissionsBoundaryType: 'PermissionsBoundaryPolicy', PermissionsBoundaryArn: arn } };
}

async function inlinePolicies(tx: StoreTx, accountId: string, kind: PolicyOwnerKind, name: string): Promise<WireObject[]> {
  const policies = await tx.inlinePolicies.listAll({ accountId, kind, name });
  return policies.map((p) => ({ PolicyName: p.policyName, PolicyDocument: encodePolicyDocument(p.document) }));
}

async function attachedPolicies(tx: StoreTx, accountId: string, kind: PolicyOwnerKind, name: string): Promise<WireObject[]> {
  const refs = await allPages((page) => tx.policies.attachments.listAttached({ accountId, kind, name }, page));
  return refs.map((r) => ({ PolicyName: r.policyName, PolicyArn: r.policyArn }));
}

export async function userDetail(tx: StoreTx, user: User): Promise<WireObject> {
  const inline = await inlinePolicies(tx, user.accountId, 'user', user.name);
  const groups = await allPages((page) => tx.groups.members.listGroupsForUser(user.accountId, user.name, page));
  return {
    Path: user.path,
    UserName: user.name,
    UserId: user.id,
    Arn: user.arn,
    CreateDate: user.createDate,
    ...(inline.length > 0 && { UserPolicyList: inline }),
    GroupList: groups.map((g) => g.name),
    AttachedManagedPolicies: await attachedPolicies(tx, user.accountId, 'user', user.name),
    ...boundary(user.permissionsBoundaryArn),
    Tags: wireTags(user.tags),
  };
}

export async function groupDetail(tx: StoreTx, group: Group): Promise<WireObject> {
  return {
    Path: group.path,
    GroupName: group.name,
    GroupId: group.id,
    Arn: group.arn,
    CreateDate: group.createDate,
    GroupPolicyList: await inlinePolicies(tx, group.accountId, 'group', group.name),
    AttachedManagedPolicies: await attachedPolicies(tx, group.accountId, 'group', group.name),
  };
}

/** A role as it appears inside an instance profile: no tags, boundary or last use. */
function profileRole(role: Role): WireObject {
  return {
    Path: role.path,
    RoleName: role.name,
    RoleId: role.id,
    Arn: role.arn,
    CreateDate: role.createDate,
    AssumeRolePolicyDocument: encodePolicyDocument(role.assumeRolePolicyDocument),
  };
}

async function instanceProfile(tx: StoreTx, profile: InstanceProfile): Promise<WireObject> {
  const roles: WireObject[] = [];
  for (const name of profile.roleNames) {
    const role = await tx.roles.get(profile.accountId, name);
    if (role !== undefined) roles.push(profileRole(role));
  }
  return {
    Path: profile.path,
    InstanceProfileName: profile.name,
    InstanceProfileId: profile.id,
    Arn: profile.arn,
    CreateDate: profile.createDate,
    Roles: roles,
    ...(profile.tags.length > 0 && { Tags: wireTags(profile.tags) }),
  };
}

export async function roleDetail(tx: StoreTx, role: Role): Promise<WireObject> {
  const profiles = await allPages((page) => tx.instanceProfiles.roles.listProfilesForRole(role.accountId, role.name, page));
  const profileList: WireObject[] = [];
  for (const profile of profiles) profileList.push(await instanceProfile(tx, profile));
  return {
    ...profileRole(role),
    InstanceProfileList: profileList,
    RolePolicyList: await inlinePolicies(tx, role.accountId, 'role', role.name),
    AttachedManagedPolicies: await attachedPolicies(tx, role.accountId, 'role', role.name),
    ...boundary(role.permissionsBoundaryArn),
    Tags: wireTags(role.tags),
    // AWS sends an empty RoleLastUsed for a role that was never used.
    RoleLastUsed: role.lastUsed === undefined ? {} : { LastUsedDate: role.lastUsed.date, Region: role.lastUsed.region },
  };
}

/**
 * A managed policy with every version and its document. Counts are the account's own. AWS
 * leaves Description out of this listing (real output has none even for AWS managed policies).
 */
export async function policyDetail(tx: StoreTx, accountId: string, policy: ManagedPolicy): Promise<WireObject> {
  const versions = await allPages((page) => tx.policies.versions.list(policy.arn, page));
  return {
    PolicyName: policy.name,
    PolicyId: policy.id,
    Arn: policy.arn,
    Path: policy.path,
    DefaultVersionId: policy.defaultVersionId,
    AttachmentCount: await tx.policies.attachments.attachmentCount(accountId, policy.arn),
    PermissionsBoundaryUsageCount: await tx.policies.attachments.boundaryUsageCount(accountId, policy.arn),
    IsAttachable: policy.isAttachable,
    CreateDate: policy.createDate,
    UpdateDate: policy.updateDate,
    PolicyVersionList: versions.map((v) => ({
      Document: encodePolicyDocument(v.document),
      VersionId: v.versionId,
      IsDefaultVersion: v.versionId === policy.defaultVersionId,
      CreateDate: v.createDate,
    })),
  };
}
