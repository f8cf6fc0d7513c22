// Inline policies of users, groups and roles: Put/Get/Delete/List{User,Group,Role}Policy.
// Documents are kept exactly as sent, validated as identity policies, and bounded by the
// owner's aggregate size quota; Get returns them percent-encoded, as AWS does.

import { parsePolicy } from '../../../policy/document/parse-policy.js';
import { policySize } from '../../../policy/document/policy-size.js';
import type { ContextValue } from '../../../policy/context.js';
import { IamError } from '../../../protocol/errors.js';
import type { WireObject } from '../../../protocol/wire-value.js';
import type { StoreTx } from '../../../storage/ports.js';
import { str } from '../../input.js';
import type { AuthCheck, Operation, OperationTable, ServiceContext } from '../../operation.js';
import { pageRequest, pageResult } from '../../paging.js';
import { encodePolicyDocument } from './document-encoding.js';
import {
  INLINE_OWNER_KINDS,
  inlineSizeExceeded,
  noSuchInlinePolicy,
  policyOwner,
  protectedOwnerError,
  type InlineOwnerEntity,
  type InlineOwnerKind,
} from './inline-owners.js';
import { resourceTagKeys } from '../tag-keys.js';

type Change = 'change' | 'read';

/**
 * The check on the owner: its real ARN and tags. Put and Delete on users and roles also carry
 * iam:PermissionsBoundary when the owner has a boundary (Service Authorization Reference).
 */
function ownerCheck(kind: InlineOwnerKind, change: Change) {
  return async (input: WireObject, ctx: ServiceContext): Promise<AuthCheck[]> => {
    const name = str(input, `${kind.label}Name`);
    const owner = await ctx.store.read((tx) => kind.find(tx, ctx.accountId, name));
    if (!kind.taggable) return [{ resource: owner?.arn ?? kind.arnFor(ctx.accountId, name) }];
    const keys: Record<string, ContextValue> = resourceTagKeys(owner?.tags);
    if (change === 'change' && owner?.permissionsBoundaryArn !== undefined) keys['iam:PermissionsBoundary'] = owner.permissionsBoundaryArn;
    return [{ resource: owner?.arn ?? kind.arnFor(ctx.accountId, name), keys }];
  };
}

async function mustFindOwner(tx: StoreTx, kind: InlineOwnerKind, accountId: string, name: string): Promise<InlineOwnerEntity> {
  const owner = await kind.find(tx, accountId, name);
  if (owner === undefined) throw kind.noSuchOwner(name);
  return owner;
}

function putPolicy(kind: InlineOwnerKind): Operation {
  return {
    checks: ownerCheck(kind, 'change'),
    async run(input, ctx) {
      const ownerName = str(input, `${kind.label}Name`);
      const policyName = str(input, 'PolicyName');
      const document = str(input, 'PolicyDocument');
      const parsed = parsePolicy(document, { kind: 'identity' });
      if (!parsed.ok) throw new IamError('MalformedPolicyDocument', parsed.message);
      await ctx.store.write(async (tx) => {
        const entity = await mustFindOwner(tx, kind, ctx.accountId, ownerName);
        const protectedError = protectedOwnerError(kind, entity);
        if (protectedError) throw protectedError;
        const owner = policyOwner(ctx.accountId, kind, entity);
        // The quota covers all of the owner's inline policies; a policy being replaced stops counting.
        const replaced = await tx.inlinePolicies.get(owner, policyName);
        const total = (await tx.inlinePolicies.totalSize(owner)) - (replaced ? policySize(replaced.document) : 0) + policySize(document);
        if (total > kind.sizeLimit) throw inlineSizeExceeded(kind, entity.name);
        await tx.inlinePolicies.put({ accountId: ctx.accountId, ownerKind: kind.kind, ownerName: entity.name, policyName, document });
      });
      return undefined;
    },
  };
}

function getPolicy(kind: InlineOwnerKind): Operation {
  return {
    checks: ownerCheck(kind, 'read'),
    async run(input, ctx) {
      const policyName = str(input, 'PolicyName');
      const { entity, policy } = await ctx.store.read(async (tx) => {
        const found = await mustFindOwner(tx, kind, ctx.accountId, str(input, `${kind.label}Name`));
        return { entity: found, policy: await tx.inlinePolicies.get(policyOwner(ctx.accountId, kind, found), policyName) };
      });
      if (policy === undefined) throw noSuchInlinePolicy(kind, policyName);
      return {
        [`${kind.label}Name`]: entity.name,
        PolicyName: policy.policyName,
        PolicyDocument: encodePolicyDocument(policy.document),
      };
    },
  };
}

function deletePolicy(kind: InlineOwnerKind): Operation {
  return {
    checks: ownerCheck(kind, 'change'),
    async run(input, ctx) {
      const policyName = str(input, 'PolicyName');
      await ctx.store.write(async (tx) => {
        const entity = await mustFindOwner(tx, kind, ctx.accountId, str(input, `${kind.label}Name`));
        const protectedError = protectedOwnerError(kind, entity);
        if (protectedError) throw protectedError;
        if (!(await tx.inlinePolicies.delete(policyOwner(ctx.accountId, kind, entity), policyName))) {
          throw noSuchInlinePolicy(kind, policyName);
        }
      });
      return undefined;
    },
  };
}

function listPolicies(kind: InlineOwnerKind): Operation {
  return {
    checks: ownerCheck(kind, 'read'),
    async run(input, ctx) {
      const page = await ctx.store.read(async (tx) => {
        const entity = await mustFindOwner(tx, kind, ctx.accountId, str(input, `${kind.label}Name`));
        return tx.inlinePolicies.listNames(policyOwner(ctx.accountId, kind, entity), pageRequest(input));
      });
      return { PolicyNames: [...page.items], ...pageResult(page) };
    },
  };
}

function operationsFor(kind: InlineOwnerKind): OperationTable {
  return {
    [`Put${kind.label}Policy`]: putPolicy(kind),
    [`Get${kind.label}Policy`]: getPolicy(kind),
    [`Delete${kind.label}Policy`]: deletePolicy(kind),
    [`List${kind.label}Policies`]: listPolicies(kind),
  };
}

export const inlinePolicyOperations: OperationTable = Object.assign({}, ...INLINE_OWNER_KINDS.map(operationsFor)) as OperationTable;
