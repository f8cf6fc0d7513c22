// The entries of GetAccountAuthorizationDetails (UserDetail, GroupDetail, RoleDetail,
// ManagedPolicyDetail), read from the store with everything attached to each entity: a few
// set-based reads per page of entities (one per kind of detail), not several per entity.
// Field presence follows real AWS output: empty lists are sent (GroupList: []), except a
// user's UserPolicyList, which AWS leaves out when the user has no inline policy.

import type { Group, InlinePolicy, InstanceProfile, ManagedPolicy, Role, User } from '../../../domain/entities.js';
import type { WireObject } from '../../../protocol/wire-value.js';
import type { StoreTx } from '../../../storage/ports.js';
import type { AttachedPolicyRef, Page, PageRequest } from '../../../storage/repositories.js';
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

function wireInline(policies: readonly InlinePolicy[] | undefined): WireObject[] {
  return (policies ?? []).map((p) => ({ PolicyName: p.policyName, PolicyDocument: encodePolicyDocument(p.document) }));
}

function wireAttached(refs: readonly AttachedPolicyRef[] | undefined): WireObject[] {
  return (refs ?? []).map((r) => ({ PolicyName: r.policyName, PolicyArn: r.policyArn }));
}

export async function userDetails(tx: StoreTx, users: readonly User[]): Promise<WireObject[]> {
  const ids = users.map((u) => u.id);
  const inline = await tx.inlinePolicies.listAllFor('user', ids);
  const groups = await tx.groups.members.listGroupsForUsers(ids);
  const attached = await tx.policies.attachments.listAttachedFor('user', ids);
  return users.map((user) => {
    const policies = wireInline(inline.get(user.id));
    return {
      Path: user.path,
      UserName: user.name,
      UserId: user.id,
      Arn: user.arn,
      CreateDate: user.createDate,
      ...(policies.length > 0 && { UserPolicyList: policies }),
      GroupList: (groups.get(user.id) ?? []).map((g: Group) => g.name),
      AttachedManagedPolicies: wireAttached(attached.get(user.id)),
      ...boundary(user.permissionsBoundaryArn),
      Tags: wireTags(user.tags),
    };
  });
}

export async function groupDetails(tx: StoreTx, groups: readonly Group[]): Promise<WireObject[]> {
  const ids = groups.map((g) => g.id);
  const inline = await tx.inlinePolicies.listAllFor('group', ids);
  const attached = await tx.policies.attachments.listAttachedFor('group', ids);
  return groups.map((group) => ({
    Path: group.path,
    GroupName: group.name,
    GroupId: group.id,
    Arn: group.arn,
    CreateDate: group.createDate,
    GroupPolicyList: wireInline(inline.get(group.id)),
    AttachedManagedPolicies: wireAttached(attached.get(group.id)),
  }));
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

function wireProfile(profile: InstanceProfile, roles: readonly Role[]): WireObject {
  return {
    Path: profile.path,
    InstanceProfileName: profile.name,
    InstanceProfileId: profile.id,
    Arn: profile.arn,
    CreateDate: profile.createDate,
    Roles: roles.map(profileRole),
    ...(profile.tags.length > 0 && { Tags: wireTags(profile.tags) }),
  };
}

export async function roleDetails(tx: StoreTx, roles: readonly Role[]): Promise<WireObject[]> {
  const ids = roles.map((r) => r.id);
  const profiles = await tx.instanceProfiles.roles.listProfilesForRoles(ids);
  // A profile's roles are nearly always the role being listed (AWS allows one per profile):
  // only the others are read, once each.
  const known = new Map(roles.map((r) => [r.name, r]));
  for (const list of profiles.values()) {
    for (const name of list.flatMap((p) => p.roleNames)) {
      if (known.has(name)) continue;
      const role = await tx.roles.get(roles[0]?.accountId ?? '', name);
      if (role !== undefined) known.set(name, role);
    }
  }
  const inline = await tx.inlinePolicies.listAllFor('role', ids);
  const attached = await tx.policies.attachments.listAttachedFor('role', ids);
  return roles.map((role) => ({
    ...profileRole(role),
    InstanceProfileList: (profiles.get(role.id) ?? []).map((p) =>
      wireProfile(p, p.roleNames.flatMap((name) => known.get(name) ?? [])),
    ),
    RolePolicyList: wireInline(inline.get(role.id)),
    AttachedManagedPolicies: wireAttached(attached.get(role.id)),
    ...boundary(role.permissionsBoundaryArn),
    Tags: wireTags(role.tags),
    // AWS sends an empty RoleLastUsed for a role that was never used.
    RoleLastUsed: role.lastUsed === undefined ? {} : { LastUsedDate: role.lastUsed.date, Region: role.lastUsed.region },
  }));
}

/**
 * Managed policies with every version and its document. Counts are the account's own. AWS
 * leaves Description out of this listing (real output has none even for AWS managed policies).
 */
export async function policyDetails(tx: StoreTx, accountId: string, policies: readonly ManagedPolicy[]): Promise<WireObject[]> {
  const arns = policies.map((p) => p.arn);
  const versions = await tx.policies.versions.listAllFor(arns);
  const usage = await tx.policies.attachments.usageCounts(accountId, arns);
  return policies.map((policy) => ({
    PolicyName: policy.name,
    PolicyId: policy.id,
    Arn: policy.arn,
    Path: policy.path,
    DefaultVersionId: policy.defaultVersionId,
    AttachmentCount: usage.get(policy.arn)?.attachmentCount ?? 0,
    PermissionsBoundaryUsageCount: usage.get(policy.arn)?.boundaryUsageCount ?? 0,
    IsAttachable: policy.isAttachable,
    CreateDate: policy.createDate,
    UpdateDate: policy.updateDate,
    PolicyVersionList: (versions.get(policy.arn) ?? []).map((v) => ({
      Document: encodePolicyDocument(v.document),
      VersionId: v.versionId,
      IsDefaultVersion: v.versionId === policy.defaultVersionId,
      CreateDate: v.createDate,
    })),
  }));
}
