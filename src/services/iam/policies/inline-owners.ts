// The three kinds of identity that hold inline policies (users, groups, roles): how each is
// found, named in requests and errors, authorized, and how much inline policy text it may hold.

import type { PolicyOwnerKind, Tag } from '../../../domain/entities.js';
import { groupArn, roleArn, userArn } from '../../../domain/arn.js';
import { GROUP_INLINE_POLICIES_SIZE, ROLE_INLINE_POLICIES_SIZE, USER_INLINE_POLICIES_SIZE } from '../../../domain/quotas.js';
import { IamError } from '../../../protocol/errors.js';
import type { StoreTx } from '../../../storage/ports.js';
import type { PolicyOwner } from '../../../storage/repositories.js';
import { noSuchGroup, noSuchRole, noSuchUser } from '../errors.js';

/** What the inline policy actions need to know about an existing owner. */
export interface InlineOwnerEntity {
  readonly name: string;
  readonly path: string;
  readonly arn: string;
  readonly tags: readonly Tag[];
  readonly permissionsBoundaryArn?: string;
}

export interface InlineOwnerKind {
  readonly kind: PolicyOwnerKind;
  /** `User`, `Group` or `Role`: forms the action names (PutUserPolicy) and the request member (UserName). */
  readonly label: 'User' | 'Group' | 'Role';
  /** The aggregate quota, in non-white-space characters, of all the owner's inline policies. */
  readonly sizeLimit: number;
  /** Whether this kind has tags and a boundary for aws:ResourceTag/* and iam:PermissionsBoundary. */
  readonly taggable: boolean;
  find(tx: StoreTx, accountId: string, name: string): Promise<InlineOwnerEntity | undefined>;
  /** The ARN checked when the owner does not exist. */
  arnFor(accountId: string, name: string): string;
  noSuchOwner(name: string): IamError;
}

export const INLINE_OWNER_KINDS: readonly InlineOwnerKind[] = [
  {
    kind: 'user',
    label: 'User',
    sizeLimit: USER_INLINE_POLICIES_SIZE,
    taggable: true,
    find: (tx, accountId, name) => tx.users.get(accountId, name),
    arnFor: (accountId, name) => userArn(accountId, '/', name),
    noSuchOwner: noSuchUser,
  },
  {
    kind: 'group',
    label: 'Group',
    sizeLimit: GROUP_INLINE_POLICIES_SIZE,
    taggable: false,
    find: async (tx, accountId, name) => {
      const group = await tx.groups.get(accountId, name);
      return group && { name: group.name, path: group.path, arn: group.arn, tags: [] };
    },
    arnFor: (accountId, name) => groupArn(accountId, '/', name),
    noSuchOwner: noSuchGroup,
  },
  {
    kind: 'role',
    label: 'Role',
    sizeLimit: ROLE_INLINE_POLICIES_SIZE,
    taggable: true,
    find: (tx, accountId, name) => tx.roles.get(accountId, name),
    arnFor: (accountId, name) => roleArn(accountId, '/', name),
    noSuchOwner: noSuchRole,
  },
];

export function policyOwner(accountId: string, kind: InlineOwnerKind, entity: InlineOwnerEntity): PolicyOwner {
  return { accountId, kind: kind.kind, name: entity.name };
}

/** `The user policy with name X cannot be found.` (and the group and role variants). */
export function noSuchInlinePolicy(kind: InlineOwnerKind, policyName: string): IamError {
  return new IamError('NoSuchEntity', `The ${kind.kind} policy with name ${policyName} cannot be found.`);
}

/** `Maximum policy size of 2048 bytes exceeded for user X`: AWS's wording, without a final period. */
export function inlineSizeExceeded(kind: InlineOwnerKind, ownerName: string): IamError {
  return new IamError('LimitExceeded', `Maximum policy size of ${kind.sizeLimit} bytes exceeded for ${kind.kind} ${ownerName}`);
}

// Service-linked roles (/aws-service-role/) and IAM Identity Center roles (/aws-reserved/)
// belong to AWS: their policies cannot be changed by the account.
const PROTECTED_ROLE_PATHS = ['/aws-service-role/', '/aws-reserved/'];

/** UnmodifiableEntity for a change to a protected role's inline policies; undefined otherwise. */
export function protectedOwnerError(kind: InlineOwnerKind, entity: InlineOwnerEntity): IamError | undefined {
  if (kind.kind !== 'role' || !PROTECTED_ROLE_PATHS.some((p) => entity.path.startsWith(p))) return undefined;
  return new IamError(
    'UnmodifiableEntity',
    `Cannot perform the operation on the protected role '${entity.name}' - this role is only modifiable by AWS`,
  );
}
