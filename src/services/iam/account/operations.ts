// IAM account actions: the account alias, GetAccountSummary and GetAccountAuthorizationDetails.
// All of them are wildcard-only in the Service Authorization Reference (resource `*`, no keys).

import { IamError } from '../../../protocol/errors.js';
import { optInt, optStr, str, strList } from '../../input.js';
import type { AuthCheck, OperationTable } from '../../operation.js';
import { authorizationDetails, type EntityFilter } from './details.js';
import { accountSummary } from './summary.js';

const ANY: readonly AuthCheck[] = [{ resource: '*' }];

export const accountOperations: OperationTable = {
  CreateAccountAlias: {
    checks: () => ANY,
    async run(input, ctx) {
      const alias = str(input, 'AccountAlias');
      await ctx.store.write(async (tx) => {
        // Aliases are unique across accounts; AWS's message names the alias, whoever holds it.
        if ((await tx.aliases.findAccount(alias)) !== undefined) {
          throw new IamError('EntityAlreadyExists', `The account alias ${alias} already exists.`);
        }
        // An account has at most one alias, and AWS keeps it that way by replacing the old
        // alias (IAM User Guide: "the new alias overwrites the previous alias"), not by refusing.
        for (const old of await tx.aliases.list(ctx.accountId)) await tx.aliases.delete(ctx.accountId, old);
        await tx.aliases.insert(ctx.accountId, alias);
      });
      return undefined;
    },
  },

  DeleteAccountAlias: {
    checks: () => ANY,
    async run(input, ctx) {
      const alias = str(input, 'AccountAlias');
      await ctx.store.write(async (tx) => {
        if (!(await tx.aliases.delete(ctx.accountId, alias))) {
          throw new IamError('NoSuchEntity', `The account alias ${alias} cannot be found.`);
        }
      });
      return undefined;
    },
  },

  ListAccountAliases: {
    checks: () => ANY,
    async run(_input, ctx) {
      // At most one alias exists, so MaxItems (at least 1) never truncates.
      const aliases = await ctx.store.read((tx) => tx.aliases.list(ctx.accountId));
      return { AccountAliases: [...aliases], IsTruncated: false };
    },
  },

  GetAccountSummary: {
    checks: () => ANY,
    async run(_input, ctx) {
      return { SummaryMap: await ctx.store.read((tx) => accountSummary(tx, ctx.accountId)) };
    },
  },

  GetAccountAuthorizationDetails: {
    readsUsage: true,
    checks: () => ANY,
    async run(input, ctx) {
      const marker = optStr(input, 'Marker');
      const request = {
        filter: strList(input, 'Filter') as EntityFilter[],
        maxItems: optInt(input, 'MaxItems') ?? 100,
        ...(marker !== undefined && { marker }),
      };
      return ctx.store.read((tx) => authorizationDetails(tx, ctx.accountId, request));
    },
  },
};
