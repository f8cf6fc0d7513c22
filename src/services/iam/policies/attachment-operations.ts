// IAM attachments: Attach/Detach/ListAttached{User,Group,Role}Policies, one shape for the
// three kinds of identity, with AWS's quotas (10 each), attachability rules and the
// iam:PolicyARN / iam:PermissionsBoundary condition keys.

import type { PolicyOwnerKind } from '../../../domain/entities.js';
import { AWS_MANAGED_ACCOUNT } from '../../../domain/entities.js';
import type { ContextValue } from '../../../policy/context.js';
import { IamError } from '../../../protocol/errors.js';
import type { WireObject } from '../../../protocol/wire-value.js';
import { optStr, str } from '../../input.js';
import type { AuthCheck, OperationTable, ServiceContext } from '../../operation.js';
import { pageRequest, pageResult } from '../../paging.js';
import { checkModifiable, mustFindOwner, OWNER_KINDS, policyOwner, findOwner } from './attachment-owners.js';
import { noSuchPolicy, quotaExceeded } from '../errors.js';
import { findPolicy, requirePolicyArn } from './access.js';
import { resourceTagKeys } from '../tag-keys.js';

/** AWS managed policies for service-linked roles only. */
const SERVICE_ROLE_POLICY_PATH = '/aws-service-role/';

/** The check on the identity: its real ARN and tags (path `/` when it does not exist). */
async function ownerCheck(
  kind: PolicyOwnerKind,
  input: WireObject,
  ctx: ServiceContext,
  extra: (boundary: string | undefined) => Record<string, ContextValue> = () => ({}),
): Promise<AuthCheck> {
  const info = OWNER_KINDS[kind];
  const name = str(input, info.input);
  const owner = await ctx.store.read((tx) => findOwner(tx, kind, ctx.accountId, name));
  return {
    resource: owner?.arn ?? info.arn(ctx.accountId, '/', name),
    keys: { ...(kind === 'group' ? {} : resourceTagKeys(owner?.tags)), ...extra(owner?.permissionsBoundaryArn) },
  };
}

/** iam:PolicyARN, and for users and roles iam:PermissionsBoundary when the entity has one. */
function attachKeys(kind: PolicyOwnerKind, input: WireObject) {
  return (boundary: string | undefined): Record<string, ContextValue> => ({
    'iam:PolicyARN': str(input, 'PolicyArn'),
    ...(kind !== 'group' && boundary !== undefined && { 'iam:PermissionsBoundary': boundary }),
  });
}

function operationsFor(kind: PolicyOwnerKind): OperationTable {
  const info = OWNER_KINDS[kind];
  return {
    [`Attach${info.word}Policy`]: {
      checks: async (input, ctx) => [await ownerCheck(kind, input, ctx, attachKeys(kind, input))],
      async run(input, ctx) {
        const arn = str(input, 'PolicyArn');
        requirePolicyArn(arn);
        await ctx.store.write(async (tx) => {
          const owner = await mustFindOwner(tx, kind, ctx.accountId, str(input, info.input));
          const policy = await findPolicy(tx, ctx.accountId, arn);
          if (policy === undefined || !policy.isAttachable) throw noSuchPolicy(arn);
          if (policy.accountId === AWS_MANAGED_ACCOUNT && policy.path === SERVICE_ROLE_POLICY_PATH) {
            throw new IamError('PolicyNotAttachable', 'Cannot attach a Service Role Policy to a Customer Role.');
          }
          checkModifiable(owner);
          const ref = policyOwner(owner);
          const attached = (await tx.policies.attachments.listAttached(ref, { limit: 1000 })).items;
          // Attaching an attached policy again is a no-op, even at the quota.
          if (attached.some((a) => a.policyArn === policy.arn)) return;
          if (attached.length >= info.quota) throw quotaExceeded(info.quotaName, info.quota);
          await tx.policies.attachments.attach(ref, policy.arn);
        });
        return undefined;
      },
    },

    [`Detach${info.word}Policy`]: {
      checks: async (input, ctx) => [await ownerCheck(kind, input, ctx, attachKeys(kind, input))],
      async run(input, ctx) {
        const arn = str(input, 'PolicyArn');
        requirePolicyArn(arn);
        await ctx.store.write(async (tx) => {
          const owner = await mustFindOwner(tx, kind, ctx.accountId, str(input, info.input));
          checkModifiable(owner);
          if (!(await tx.policies.attachments.detach(policyOwner(owner), arn))) {
            throw new IamError('NoSuchEntity', `Policy ${arn} was not found.`);
          }
        });
        return undefined;
      },
    },

    [`ListAttached${info.word}Policies`]: {
      checks: async (input, ctx) => [await ownerCheck(kind, input, ctx)],
      async run(input, ctx) {
        const pathPrefix = optStr(input, 'PathPrefix');
        const page = await ctx.store.read(async (tx) => {
          const owner = await mustFindOwner(tx, kind, ctx.accountId, str(input, info.input));
          return tx.policies.attachments.listAttached(policyOwner(owner), {
            ...pageRequest(input),
            ...(pathPrefix !== undefined && { pathPrefix }),
          });
        });
        return {
          AttachedPolicies: page.items.map((p) => ({ PolicyName: p.policyName, PolicyArn: p.policyArn })),
          ...pageResult(page),
        };
      },
    },
  };
}

export const attachmentOperations: OperationTable = {
  ...operationsFor('user'),
  ...operationsFor('group'),
  ...operationsFor('role'),
};
