// Shared pieces of the group operations: the wire shape of a group, the authorization
// check on an existing group, and lookups that fail with AWS's NoSuchEntity.

import type { Group, User } from '../../../domain/entities.js';
import { groupArn, PARTITION, userArn } from '../../../domain/arn.js';
import type { WireObject } from '../../../protocol/wire-value.js';
import type { StoreTx } from '../../../storage/ports.js';
import type { AuthCheck, ServiceContext } from '../../operation.js';
import { noSuchGroup, noSuchUser } from '../errors.js';
import { resourceTagKeys } from '../tag-keys.js';
import { wireUser } from '../users/operations.js';

export function wireGroup(group: Group): WireObject {
  return { Path: group.path, GroupName: group.name, GroupId: group.id, Arn: group.arn, CreateDate: group.createDate };
}

/** A user as GetGroup lists it: like ListUsers, without tags or the permissions boundary. */
export function wireMember(user: User): WireObject {
  const { permissionsBoundaryArn: _boundary, ...rest } = user;
  return wireUser({ ...rest, tags: [] });
}

/** The check on a group: its real ARN, or the ARN with path `/` when it does not exist. Groups carry no tags. */
export async function groupCheck(ctx: ServiceContext, name: string): Promise<AuthCheck> {
  const group = await ctx.store.read((tx) => tx.groups.get(ctx.accountId, name));
  return { resource: group?.arn ?? groupArn(ctx.accountId, '/', name) };
}

/** The check on a user (ListGroupsForUser): its real ARN and its tags as aws:ResourceTag keys. */
export async function memberUserCheck(ctx: ServiceContext, name: string): Promise<AuthCheck> {
  const user = await ctx.store.read((tx) => tx.users.get(ctx.accountId, name));
  return { resource: user?.arn ?? userArn(ctx.accountId, '/', name), keys: resourceTagKeys(user?.tags) };
}

export async function mustGetGroup(tx: StoreTx, accountId: string, name: string): Promise<Group> {
  const group = await tx.groups.get(accountId, name);
  if (group === undefined) throw noSuchGroup(name);
  return group;
}

export async function mustGetMemberUser(tx: StoreTx, accountId: string, name: string): Promise<User> {
  const user = await tx.users.get(accountId, name);
  if (user === undefined) throw noSuchUser(name);
  return user;
}

/**
 * The resource AWS names for ListGroups: `arn:aws:iam::ACCOUNT:group/PREFIX`. Built by hand
 * because a PathPrefix need not end with `/` (`/eng` is valid), which groupArn() refuses.
 */
export function groupListResource(accountId: string, pathPrefix: string | undefined): string {
  return `arn:${PARTITION}:iam::${accountId}:group${pathPrefix ?? '/'}`;
}
