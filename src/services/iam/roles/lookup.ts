// Finding a role for an action: inside a transaction (NoSuchEntity when missing), for
// the authorization check (its real ARN and tags), and whether AWS protects it.

import type { Role } from '../../../domain/entities.js';
import { PARTITION, roleArn } from '../../../domain/arn.js';
import type { ContextValue } from '../../../policy/context.js';
import type { StoreTx } from '../../../storage/ports.js';
import type { AuthCheck, ServiceContext } from '../../operation.js';
import { noSuchRole } from '../errors.js';
import { unmodifiableRole } from './errors.js';
import { resourceTagKeys } from '../tag-keys.js';

/** Service-linked roles live here, and CreateRole may not use it. */
export const SERVICE_LINKED_ROLE_PATH = '/aws-service-role/';

export function isServiceLinkedRole(role: Pick<Role, 'path'>): boolean {
  return role.path.startsWith(SERVICE_LINKED_ROLE_PATH);
}

/** UnmodifiableEntity for a service-linked role: for the actions AWS reserves to itself. */
export function assertModifiable(role: Role): void {
  if (isServiceLinkedRole(role)) throw unmodifiableRole(role.name);
}

export async function mustGetRole(tx: StoreTx, accountId: string, name: string): Promise<Role> {
  const role = await tx.roles.get(accountId, name);
  if (role === undefined) throw noSuchRole(name);
  return role;
}

export interface RoleCheckOptions {
  readonly action?: string;
  /** Adds `iam:PermissionsBoundary` with the role's current boundary (actions that document it). */
  readonly boundary?: boolean;
  readonly keys?: Readonly<Record<string, ContextValue>>;
}

/** The check on an existing role: its real ARN and tags; the path-less ARN when it does not exist. */
export async function roleCheck(ctx: ServiceContext, name: string, options: RoleCheckOptions = {}): Promise<AuthCheck> {
  const role = await ctx.store.read((tx) => tx.roles.get(ctx.accountId, name));
  return roleCheckFor(ctx, name, role, options);
}

export function roleCheckFor(ctx: ServiceContext, name: string, role: Role | undefined, options: RoleCheckOptions = {}): AuthCheck {
  const boundary = options.boundary === true ? role?.permissionsBoundaryArn : undefined;
  return {
    ...(options.action !== undefined && { action: options.action }),
    resource: role?.arn ?? roleArn(ctx.accountId, '/', name),
    keys: {
      ...resourceTagKeys(role?.tags),
      ...(boundary !== undefined && { 'iam:PermissionsBoundary': boundary }),
      ...options.keys,
    },
  };
}

/**
 * The resource of ListRoles: the role ARN prefix for PathPrefix (`...:role/app/`), as in
 * AWS's AccessDenied message. Built by hand: a PathPrefix need not end with "/".
 */
export function roleListArn(accountId: string, pathPrefix: string | undefined): string {
  return `arn:${PARTITION}:iam::${accountId}:role${pathPrefix ?? '/'}`;
}
