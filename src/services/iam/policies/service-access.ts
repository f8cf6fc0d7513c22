// ListPoliciesGrantingServiceAccess: which inline and managed permissions policies of a
// user (and its groups), group or role allow some action of each asked-for service.
// Permissions boundaries are not listed, as in AWS.

import {
  catalogueActionsForService as iamActionsForService,
  catalogueServiceExists as iamServiceExists,
} from '../../../authorize/catalogue/service-catalogue.js';
import type { PolicyOwnerKind } from '../../../domain/entities.js';
import { parseIamArn } from '../../../domain/arn.js';
import { parsePolicy } from '../../../policy/document/parse-policy.js';
import type { WireObject } from '../../../protocol/wire-value.js';
import type { StoreTx } from '../../../storage/ports.js';
import type { PolicyOwner } from '../../../storage/repositories.js';
import { str, strList } from '../../input.js';
import type { OperationTable, ServiceContext } from '../../operation.js';
import { invalidArn } from './errors.js';
import { documentGrantsService, type ServiceActions } from './grants-service.js';
import { findOwner, ownerNotFound, type OwnerEntity } from './attachment-owners.js';
import { resourceTagKeys } from '../tag-keys.js';

interface SourcePolicy {
  readonly wire: WireObject;
  readonly document: string;
}

const ENTITY_TYPES: Readonly<Record<PolicyOwnerKind, string>> = { user: 'USER', group: 'GROUP', role: 'ROLE' };

/** The identity an ARN names in the caller's account, or undefined when it is not one. */
function identityOf(arn: string, accountId: string): { kind: PolicyOwnerKind; path: string; name: string } | undefined {
  const parsed = parseIamArn(arn);
  if (parsed === null || parsed.account !== accountId) return undefined;
  if (parsed.kind !== 'user' && parsed.kind !== 'group' && parsed.kind !== 'role') return undefined;
  return { kind: parsed.kind, path: parsed.path, name: parsed.name };
}

async function ownerAt(tx: StoreTx, ctx: ServiceContext, arn: string): Promise<OwnerEntity | undefined> {
  const id = identityOf(arn, ctx.accountId);
  if (id === undefined) return undefined;
  const owner = await findOwner(tx, id.kind, ctx.accountId, id.name);
  return owner !== undefined && owner.path === id.path ? owner : undefined;
}

async function sourcesOf(tx: StoreTx, entity: OwnerEntity): Promise<SourcePolicy[]> {
  const owners: PolicyOwner[] = [{ accountId: entity.accountId, kind: entity.kind, name: entity.name }];
  if (entity.kind === 'user') {
    for (let after: string | undefined, first = true; first || after !== undefined; first = false) {
      const page = await tx.groups.members.listGroupsForUser(entity.accountId, entity.name, { limit: 100, ...(after !== undefined && { after }) });
      for (const g of page.items) owners.push({ accountId: entity.accountId, kind: 'group', name: g.name });
      after = page.nextAfter;
    }
  }
  const sources: SourcePolicy[] = [];
  const seenManaged = new Set<string>();
  for (const owner of owners) {
    for (const p of await tx.inlinePolicies.listAll(owner)) {
      const wire = { PolicyName: p.policyName, PolicyType: 'INLINE', EntityType: ENTITY_TYPES[owner.kind], EntityName: owner.name };
      sources.push({ wire, document: p.document });
    }
    for (const p of await tx.policies.attachments.listAttachedDocuments(owner)) {
      if (seenManaged.has(p.policyArn)) continue;
      seenManaged.add(p.policyArn);
      sources.push({ wire: { PolicyName: p.policyName, PolicyType: 'MANAGED', PolicyArn: p.policyArn }, document: p.document });
    }
  }
  return sources;
}

async function serviceActions(namespace: string): Promise<ServiceActions> {
  const key = namespace.toLowerCase();
  if (!(await iamServiceExists(key))) return { namespace: key };
  return { namespace: key, actions: await iamActionsForService(key) };
}

export const policyServiceAccessOperations: OperationTable = {
  ListPoliciesGrantingServiceAccess: {
    async checks(input, ctx) {
      const arn = str(input, 'Arn');
      const owner = await ctx.store.read((tx) => ownerAt(tx, ctx, arn));
      return [{ resource: arn, keys: owner?.kind === 'group' ? {} : resourceTagKeys(owner?.tags) }];
    },
    async run(input, ctx) {
      const arn = str(input, 'Arn');
      const id = identityOf(arn, ctx.accountId);
      if (id === undefined) throw invalidArn(arn);
      const sources = await ctx.store.read(async (tx) => {
        const owner = await ownerAt(tx, ctx, arn);
        if (owner === undefined) throw ownerNotFound(id.kind, id.name);
        return sourcesOf(tx, owner);
      });
      const documents = sources.map((s) => parsePolicy(s.document, { kind: 'identity' }));
      const entries: WireObject[] = [];
      for (const namespace of strList(input, 'ServiceNamespaces')) {
        const service = await serviceActions(namespace);
        const policies = sources.filter((_, i) => {
          const parsed = documents[i];
          return parsed?.ok === true && documentGrantsService(parsed.document, service);
        });
        entries.push({ ServiceNamespace: namespace, Policies: policies.map((s) => s.wire) });
      }
      return { PoliciesGrantingServiceAccess: entries, IsTruncated: false };
    },
  },
};
