// Roles on the wire: which members each action returns (AWS trims them in lists and
// inside instance profiles) and trust policies URL-encoded as AWS returns them.

import type { Role } from '../../../domain/entities.js';
import type { WireObject } from '../../../protocol/wire-value.js';
import { wireTags } from '../../input.js';
import { encodePolicyDocument } from '../policies/document-encoding.js';

/**
 * - `full`: GetRole, UpdateRoleDescription: every member, RoleLastUsed always (empty until used).
 * - `created`: CreateRole, CreateServiceLinkedRole: no MaxSessionDuration or RoleLastUsed.
 * - `listed`: ListRoles, which "does not return PermissionsBoundary, RoleLastUsed, Tags".
 * - `profile`: a role inside an instance profile: identity and trust policy only.
 */
export type RoleView = 'full' | 'created' | 'listed' | 'profile';

export function wireRole(role: Role, view: RoleView = 'full'): WireObject {
  const base: WireObject = {
    Path: role.path,
    RoleName: role.name,
    RoleId: role.id,
    Arn: role.arn,
    CreateDate: role.createDate,
    AssumeRolePolicyDocument: encodePolicyDocument(role.assumeRolePolicyDocument),
  };
  if (view === 'profile') return base;
  const withBoundary = view !== 'listed' && role.permissionsBoundaryArn !== undefined;
  const withTags = view !== 'listed' && role.tags.length > 0;
  return {
    ...base,
    ...(role.description !== undefined && { Description: role.description }),
    ...(view !== 'created' && { MaxSessionDuration: role.maxSessionDuration }),
    ...(withBoundary && {
      PermissionsBoundary: { PermissionsBoundaryType: 'PermissionsBoundaryPolicy', PermissionsBoundaryArn: role.permissionsBoundaryArn },
    }),
    ...(withTags && { Tags: wireTags(role.tags) }),
    ...(view === 'full' && {
      RoleLastUsed: role.lastUsed === undefined ? {} : { LastUsedDate: role.lastUsed.date, Region: role.lastUsed.region },
    }),
  };
}
