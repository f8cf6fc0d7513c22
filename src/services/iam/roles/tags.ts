// TagRole, UntagRole and ListRoleTags.

import { str, strList, tagList } from '../../input.js';
import type { OperationTable } from '../../operation.js';
import { mustGetRole, roleCheck } from './lookup.js';
import { tagPage } from '../list-page.js';
import { checkRequestTags, checkTagCount } from './tag-rules.js';
import { mergeTags, removeTags, requestTagKeys, tagKeyList } from '../tag-keys.js';

export const roleTagOperations: OperationTable = {
  TagRole: {
    checks: async (input, ctx) => [await roleCheck(ctx, str(input, 'RoleName'), { keys: requestTagKeys(tagList(input)) })],
    async run(input, ctx) {
      const added = tagList(input);
      checkRequestTags(added);
      await ctx.store.write(async (tx) => {
        const role = await mustGetRole(tx, ctx.accountId, str(input, 'RoleName'));
        const tags = mergeTags(role.tags, added);
        checkTagCount(tags);
        await tx.roles.update({ ...role, tags });
      });
      return undefined;
    },
  },

  UntagRole: {
    checks: async (input, ctx) => [await roleCheck(ctx, str(input, 'RoleName'), { keys: tagKeyList(strList(input, 'TagKeys')) })],
    async run(input, ctx) {
      await ctx.store.write(async (tx) => {
        const role = await mustGetRole(tx, ctx.accountId, str(input, 'RoleName'));
        await tx.roles.update({ ...role, tags: removeTags(role.tags, strList(input, 'TagKeys')) });
      });
      return undefined;
    },
  },

  ListRoleTags: {
    checks: async (input, ctx) => [await roleCheck(ctx, str(input, 'RoleName'))],
    async run(input, ctx) {
      const role = await ctx.store.read((tx) => mustGetRole(tx, ctx.accountId, str(input, 'RoleName')));
      return tagPage(role.tags, input);
    },
  },
};

