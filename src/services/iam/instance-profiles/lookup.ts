// Finding an instance profile for an action (NoSuchEntity when missing), its
// authorization check, and its wire shape with the role it holds.

import type { InstanceProfile } from '../../../domain/entities.js';
import { instanceProfileArn, PARTITION } from '../../../domain/arn.js';
import type { ContextValue } from '../../../policy/context.js';
import type { WireObject } from '../../../protocol/wire-value.js';
import type { StoreTx } from '../../../storage/ports.js';
import { wireTags } from '../../input.js';
import type { AuthCheck, ServiceContext } from '../../operation.js';
import { noSuchInstanceProfile } from '../roles/errors.js';
import { wireRole } from '../roles/wire.js';

export async function mustGetProfile(tx: StoreTx, accountId: string, name: string): Promise<InstanceProfile> {
  const profile = await tx.instanceProfiles.get(accountId, name);
  if (profile === undefined) throw noSuchInstanceProfile(name);
  return profile;
}

/** The instance-profile resource type has aws:ResourceTag keys only (no iam:ResourceTag). */
function profileTagKeys(profile: InstanceProfile | undefined): Record<string, ContextValue> {
  const keys: Record<string, ContextValue> = {};
  for (const t of profile?.tags ?? []) keys[`aws:ResourceTag/${t.key}`] = t.value;
  return keys;
}

/** The check on an existing profile: its real ARN and tags; the path-less ARN when it does not exist. */
export async function profileCheck(
  ctx: ServiceContext,
  name: string,
  keys: Readonly<Record<string, ContextValue>> = {},
): Promise<AuthCheck> {
  const profile = await ctx.store.read((tx) => tx.instanceProfiles.get(ctx.accountId, name));
  return { resource: profile?.arn ?? instanceProfileArn(ctx.accountId, '/', name), keys: { ...profileTagKeys(profile), ...keys } };
}

/** ListInstanceProfiles' resource: the ARN prefix for PathPrefix, which need not end with "/". */
export function profileListArn(accountId: string, pathPrefix: string | undefined): string {
  return `arn:${PARTITION}:iam::${accountId}:instance-profile${pathPrefix ?? '/'}`;
}

/**
 * An instance profile with its roles (each with its URL-encoded trust policy). GetInstanceProfile
 * (`full`) always has a Tags list, empty when untagged; CreateInstanceProfile (`created`) only
 * when tagged; AWS's list operations leave them out.
 */
export async function wireProfile(tx: StoreTx, profile: InstanceProfile, view: 'full' | 'created' | 'listed'): Promise<WireObject> {
  const roles: WireObject[] = [];
  for (const name of profile.roleNames) {
    const role = await tx.roles.get(profile.accountId, name);
    if (role !== undefined) roles.push(wireRole(role, 'profile'));
  }
  return {
    Path: profile.path,
    InstanceProfileName: profile.name,
    InstanceProfileId: profile.id,
    Arn: profile.arn,
    CreateDate: profile.createDate,
    Roles: roles,
    ...((view === 'full' || (view === 'created' && profile.tags.length > 0)) && { Tags: wireTags(profile.tags) }),
  };
}
