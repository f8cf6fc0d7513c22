// IAM groups: create, read (with members), rename or move, delete and list. Membership
// actions (AddUserToGroup, RemoveUserFromGroup, ListGroupsForUser) live in group-membership.ts.

import type { Group } from '../../../domain/entities.js';
import { groupArn } from '../../../domain/arn.js';
import { newUniqueId } from '../../../domain/ids.js';
import { sameName } from '../../../domain/names.js';
import { GROUPS_PER_ACCOUNT } from '../../../domain/quotas.js';
import { optStr, str } from '../../input.js';
import type { AuthCheck, OperationTable } from '../../operation.js';
import { pageRequest, pageResult } from '../../paging.js';
import { alreadyExists, deleteConflict, quotaExceeded } from '../errors.js';
import { groupCheck, groupListResource, mustGetGroup, wireGroup, wireMember } from './access.js';
import { groupMembershipOperations } from './membership.js';

const groupOwner = (accountId: string, name: string) => ({ accountId, kind: 'group' as const, name });

export const groupOperations: OperationTable = {
  CreateGroup: {
    checks: (input, ctx) => [{ resource: groupArn(ctx.accountId, optStr(input, 'Path') ?? '/', str(input, 'GroupName')) }],
    async run(input, ctx) {
      const name = str(input, 'GroupName');
      const path = optStr(input, 'Path') ?? '/';
      const group = await ctx.store.write(async (tx) => {
        if (await tx.groups.get(ctx.accountId, name)) throw alreadyExists('Group', name);
        if ((await tx.groups.count(ctx.accountId)) >= GROUPS_PER_ACCOUNT) throw quotaExceeded('GroupsPerAccount', GROUPS_PER_ACCOUNT);
        const created: Group = {
          accountId: ctx.accountId,
          id: newUniqueId('AGPA', ctx.random),
          name,
          path,
          arn: groupArn(ctx.accountId, path, name),
          createDate: ctx.now,
        };
        await tx.groups.insert(created);
        return created;
      });
      return { Group: wireGroup(group) };
    },
  },

  GetGroup: {
    checks: async (input, ctx) => [await groupCheck(ctx, str(input, 'GroupName'))],
    async run(input, ctx) {
      const { group, page } = await ctx.store.read(async (tx) => {
        const found = await mustGetGroup(tx, ctx.accountId, str(input, 'GroupName'));
        return { group: found, page: await tx.groups.members.listUsers(ctx.accountId, found.name, pageRequest(input)) };
      });
      return { Group: wireGroup(group), Users: page.items.map(wireMember), ...pageResult(page) };
    },
  },

  ListGroups: {
    checks: (input, ctx) => [{ resource: groupListResource(ctx.accountId, optStr(input, 'PathPrefix')) }],
    async run(input, ctx) {
      const pathPrefix = optStr(input, 'PathPrefix');
      const page = await ctx.store.read((tx) =>
        tx.groups.list({ accountId: ctx.accountId, ...pageRequest(input), ...(pathPrefix !== undefined && { pathPrefix }) }),
      );
      return { Groups: page.items.map(wireGroup), ...pageResult(page) };
    },
  },

  UpdateGroup: {
    // AWS requires permission on the group under its old name and under its new one.
    async checks(input, ctx) {
      const name = str(input, 'GroupName');
      const checks: AuthCheck[] = [await groupCheck(ctx, name)];
      const newName = optStr(input, 'NewGroupName');
      const newPath = optStr(input, 'NewPath');
      if (newName !== undefined || newPath !== undefined) {
        const group = await ctx.store.read((tx) => tx.groups.get(ctx.accountId, name));
        checks.push({ resource: groupArn(ctx.accountId, newPath ?? group?.path ?? '/', newName ?? group?.name ?? name) });
      }
      return checks;
    },
    async run(input, ctx) {
      const name = str(input, 'GroupName');
      const newName = optStr(input, 'NewGroupName');
      const newPath = optStr(input, 'NewPath');
      await ctx.store.write(async (tx) => {
        const group = await mustGetGroup(tx, ctx.accountId, name);
        if (newName !== undefined && !sameName(newName, group.name) && (await tx.groups.get(ctx.accountId, newName))) {
          throw alreadyExists('Group', newName);
        }
        const path = newPath ?? group.path;
        const finalName = newName ?? group.name;
        await tx.groups.update({ ...group, name: finalName, path, arn: groupArn(ctx.accountId, path, finalName) });
      });
      return undefined;
    },
  },

  DeleteGroup: {
    checks: async (input, ctx) => [await groupCheck(ctx, str(input, 'GroupName'))],
    async run(input, ctx) {
      await ctx.store.write(async (tx) => {
        const group = await mustGetGroup(tx, ctx.accountId, str(input, 'GroupName'));
        const owner = groupOwner(ctx.accountId, group.name);
        if ((await tx.groups.members.listUsers(ctx.accountId, group.name, { limit: 1 })).items.length > 0) {
          throw deleteConflict('remove users from group');
        }
        if ((await tx.policies.attachments.countAttached(owner)) > 0) throw deleteConflict('detach all policies');
        if ((await tx.inlinePolicies.listNames(owner, { limit: 1 })).items.length > 0) throw deleteConflict('delete policies');
        await tx.groups.delete(ctx.accountId, group.name);
      });
      return undefined;
    },
  },

  ...groupMembershipOperations,
};
