// ListPolicies (customer and AWS managed, by scope, usage and path) and ListEntitiesForPolicy
// (the users, groups and roles a policy is attached to, or bounds).

import type { PolicyOwnerKind } from '../../../domain/entities.js';
import type { WireObject } from '../../../protocol/wire-value.js';
import type { PolicyScope, PolicyUsage } from '../../../storage/repositories.js';
import { optBool, optStr, str } from '../../input.js';
import type { OperationTable } from '../../operation.js';
import { pageRequest, pageResult } from '../../paging.js';
import { mustFindPolicy, policyCheck } from './access.js';
import { wirePolicy } from './wire.js';

function scopeOf(value: string | undefined): PolicyScope {
  return value === 'AWS' || value === 'Local' ? value : 'All';
}

function usageOf(value: string | undefined): PolicyUsage | undefined {
  return value === 'PermissionsPolicy' || value === 'PermissionsBoundary' ? value : undefined;
}

/**
 * ListEntitiesForPolicy's EntityFilter as owner kinds. `LocalManagedPolicy` and
 * `AWSManagedPolicy` name no user, group or role, so they select nothing.
 */
function kindsOf(filter: string | undefined): readonly PolicyOwnerKind[] | undefined {
  switch (filter) {
    case undefined:
      return undefined;
    case 'User':
      return ['user'];
    case 'Group':
      return ['group'];
    case 'Role':
      return ['role'];
    default:
      return [];
  }
}

export const policyListingOperations: OperationTable = {
  ListPolicies: {
    checks: () => [{ resource: '*' }],
    async run(input, ctx) {
      const pathPrefix = optStr(input, 'PathPrefix');
      const usage = usageOf(optStr(input, 'PolicyUsageFilter'));
      const { page, usages } = await ctx.store.read(async (tx) => {
        const page = await tx.policies.list({
          accountId: ctx.accountId,
          scope: scopeOf(optStr(input, 'Scope')),
          onlyAttached: optBool(input, 'OnlyAttached') ?? false,
          ...(usage !== undefined && { usage }),
          ...(pathPrefix !== undefined && { pathPrefix }),
          ...pageRequest(input),
        });
        // The page's counts in one statement, not two per policy.
        const usages = await tx.policies.attachments.usageCounts(ctx.accountId, page.items.map((p) => p.arn));
        return { page, usages };
      });
      return {
        Policies: page.items.map((p) => wirePolicy(p, usages.get(p.arn) ?? { attachmentCount: 0, boundaryUsageCount: 0 })),
        ...pageResult(page),
      };
    },
  },

  ListEntitiesForPolicy: {
    checks: async (input, ctx) => [await policyCheck(ctx, str(input, 'PolicyArn'))],
    async run(input, ctx) {
      const arn = str(input, 'PolicyArn');
      const kinds = kindsOf(optStr(input, 'EntityFilter'));
      const pathPrefix = optStr(input, 'PathPrefix');
      const usage = usageOf(optStr(input, 'PolicyUsageFilter'));
      const page = await ctx.store.read(async (tx) => {
        await mustFindPolicy(tx, ctx.accountId, arn);
        return tx.policies.attachments.listEntities(ctx.accountId, arn, {
          ...(kinds !== undefined && { kinds }),
          ...(pathPrefix !== undefined && { pathPrefix }),
          ...(usage !== undefined && { usage }),
          ...pageRequest(input),
        });
      });
      const of = (kind: PolicyOwnerKind, word: string): WireObject[] =>
        page.items.filter((e) => e.kind === kind).map((e) => ({ [`${word}Name`]: e.name, [`${word}Id`]: e.id }));
      return {
        PolicyGroups: of('group', 'Group'),
        PolicyUsers: of('user', 'User'),
        PolicyRoles: of('role', 'Role'),
        ...pageResult(page),
      };
    },
  },
};
