// Group membership: AddUserToGroup, RemoveUserFromGroup and ListGroupsForUser, with the
// GroupsPerUser quota. Adding a user who is already a member succeeds and changes nothing, as in AWS.

import { sameName } from '../../../domain/names.js';
import { GROUPS_PER_USER } from '../../../domain/quotas.js';
import { str } from '../../input.js';
import type { OperationTable } from '../../operation.js';
import { pageRequest, pageResult } from '../../paging.js';
import { noSuchUser, quotaExceeded } from '../errors.js';
import { groupCheck, memberUserCheck, mustGetGroup, mustGetMemberUser, wireGroup } from './access.js';

export const groupMembershipOperations: OperationTable = {
  AddUserToGroup: {
    checks: async (input, ctx) => [await groupCheck(ctx, str(input, 'GroupName'))],
    async run(input, ctx) {
      await ctx.store.write(async (tx) => {
        const group = await mustGetGroup(tx, ctx.accountId, str(input, 'GroupName'));
        const user = await mustGetMemberUser(tx, ctx.accountId, str(input, 'UserName'));
        const current = await tx.groups.members.listGroupsForUser(ctx.accountId, user.name, { limit: GROUPS_PER_USER + 1 });
        if (current.items.some((g) => sameName(g.name, group.name))) return;
        if ((await tx.groups.members.countGroupsForUser(ctx.accountId, user.name)) >= GROUPS_PER_USER) {
          throw quotaExceeded('GroupsPerUser', GROUPS_PER_USER);
        }
        await tx.groups.members.addUser(ctx.accountId, group.name, user.name);
      });
      return undefined;
    },
  },

  RemoveUserFromGroup: {
    checks: async (input, ctx) => [await groupCheck(ctx, str(input, 'GroupName'))],
    async run(input, ctx) {
      const userName = str(input, 'UserName');
      await ctx.store.write(async (tx) => {
        const group = await mustGetGroup(tx, ctx.accountId, str(input, 'GroupName'));
        const user = await mustGetMemberUser(tx, ctx.accountId, userName);
        // AWS answers a user who is not a member the same way as one who does not exist.
        if (!(await tx.groups.members.removeUser(ctx.accountId, group.name, user.name))) throw noSuchUser(userName);
      });
      return undefined;
    },
  },

  ListGroupsForUser: {
    checks: async (input, ctx) => [await memberUserCheck(ctx, str(input, 'UserName'))],
    async run(input, ctx) {
      const page = await ctx.store.read(async (tx) => {
        const user = await mustGetMemberUser(tx, ctx.accountId, str(input, 'UserName'));
        return tx.groups.members.listGroupsForUser(ctx.accountId, user.name, pageRequest(input));
      });
      return { Groups: page.items.map(wireGroup), ...pageResult(page) };
    },
  },
};
