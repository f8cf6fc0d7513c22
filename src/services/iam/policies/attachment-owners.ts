// The identities managed policies attach to (users, groups, roles), seen the same way:
// how a request names them, their ARN, tags and boundary, their quota and AWS's messages.

import type { PolicyOwnerKind, Tag } from '../../../domain/entities.js';
import { groupArn, roleArn, userArn } from '../../../domain/arn.js';
import { MANAGED_POLICIES_PER_GROUP, MANAGED_POLICIES_PER_ROLE, MANAGED_POLICIES_PER_USER } from '../../../domain/quotas.js';
import { IamError } from '../../../protocol/errors.js';
import type { StoreTx } from '../../../storage/ports.js';
import type { PolicyOwner } from '../../../storage/repositories.js';
import { noSuchGroup, noSuchRole, noSuchUser } from '../errors.js';

export interface OwnerEntity {
  readonly kind: PolicyOwnerKind;
  readonly accountId: string;
  readonly id: string;
  readonly name: string;
  readonly path: string;
  readonly arn: string;
  /** Groups have none. */
  readonly tags: readonly Tag[];
  readonly permissionsBoundaryArn?: string;
}

export interface OwnerKindInfo {
  /** The request member that names the entity. */
  readonly input: 'UserName' | 'GroupName' | 'RoleName';
  /** The wire word in action names: AttachUserPolicy, ... */
  readonly word: 'User' | 'Group' | 'Role';
  /** AWS's quota name in "Cannot exceed quota for PoliciesPerUser: 10." */
  readonly quotaName: string;
  readonly quota: number;
  arn(accountId: string, path: string, name: string): string;
}

export const OWNER_KINDS: Readonly<Record<PolicyOwnerKind, OwnerKindInfo>> = {
  user: { input: 'UserName', word: 'User', quotaName: 'PoliciesPerUser', quota: MANAGED_POLICIES_PER_USER, arn: userArn },
  group: { input: 'GroupName', word: 'Group', quotaName: 'PoliciesPerGroup', quota: MANAGED_POLICIES_PER_GROUP, arn: groupArn },
  role: { input: 'RoleName', word: 'Role', quotaName: 'PoliciesPerRole', quota: MANAGED_POLICIES_PER_ROLE, arn: roleArn },
};

export async function findOwner(tx: StoreTx, kind: PolicyOwnerKind, accountId: string, name: string): Promise<OwnerEntity | undefined> {
  switch (kind) {
    case 'user': {
      const u = await tx.users.get(accountId, name);
      return u && { kind, ...u };
    }
    case 'group': {
      const g = await tx.groups.get(accountId, name);
      return g && { kind, ...g, tags: [] };
    }
    case 'role': {
      const r = await tx.roles.get(accountId, name);
      return r && { kind, ...r };
    }
  }
}

export function ownerNotFound(kind: PolicyOwnerKind, name: string): IamError {
  return kind === 'user' ? noSuchUser(name) : kind === 'group' ? noSuchGroup(name) : noSuchRole(name);
}

export async function mustFindOwner(tx: StoreTx, kind: PolicyOwnerKind, accountId: string, name: string): Promise<OwnerEntity> {
  const owner = await findOwner(tx, kind, accountId, name);
  if (owner === undefined) throw ownerNotFound(kind, name);
  return owner;
}

/** The storage key of an entity, with its stored spelling of the name. */
export function policyOwner(entity: OwnerEntity): PolicyOwner {
  return { accountId: entity.accountId, kind: entity.kind, name: entity.name };
}

/** Service-linked roles and IAM Identity Center roles: AWS alone may change them. */
const PROTECTED_ROLE_PATHS = ['/aws-service-role/', '/aws-reserved/'];

export function checkModifiable(entity: OwnerEntity): void {
  if (entity.kind === 'role' && PROTECTED_ROLE_PATHS.some((p) => entity.path.startsWith(p))) {
    throw new IamError(
      'UnmodifiableEntity',
      `Cannot perform the operation on the protected role '${entity.name}' - this role is only modifiable by AWS`,
    );
  }
}
