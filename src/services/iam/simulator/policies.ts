// The policies of one simulation, with what the simulator reports about each: AWS's source
// id (`PolicyInputList.1`, `user_alice_Inline`, a managed policy's name), its source type and
// the statement spans in its text. Also loads a user's, group's or role's own policies.

import { parsePolicy } from '../../../policy/document/parse-policy.js';
import type { PolicyDocument, PolicyKind } from '../../../policy/document/types.js';
import type { PolicySet } from '../../../policy/authorize/policy-set.js';
import { compilePolicy, type CompiledPolicy } from '../../../policy/evaluate/compile-policy.js';
import type { PolicyType } from '../../../policy/evaluate/types.js';
import type { StoreTx } from '../../../storage/ports.js';
import type { PolicyOwner } from '../../../storage/repositories.js';
import type { Tag } from '../../../domain/entities.js';
import { getManagedPolicyDocument } from '../policies/managed-documents.js';
import type { EntityArn } from './caller.js';
import { statementSpans, type StatementSpan } from './positions.js';

/** What AWS writes in SourcePolicyType (its responses do not use the documented enum). */
export type SourcePolicyType = 'IAM Policy' | 'Resource Policy' | 'Permissions Boundary Policy';

export interface SimulatedPolicy {
  readonly sourceId: string;
  readonly sourceType: SourcePolicyType;
  readonly spans: readonly (StatementSpan | undefined)[];
}

export type PolicyRole = 'identity' | 'resource' | 'boundary';

const ROLE: Readonly<Record<PolicyRole, { type: PolicyType; kind: PolicyKind; source: SourcePolicyType }>> = {
  identity: { type: 'identity', kind: 'identity', source: 'IAM Policy' },
  resource: { type: 'resource', kind: 'resource', source: 'Resource Policy' },
  boundary: { type: 'boundary', kind: 'boundary', source: 'Permissions Boundary Policy' },
};

/** A policy to add: its text, and the id AWS reports for it. */
export interface PolicySource {
  readonly sourceId: string;
  readonly text: string;
}

export class SimulationPolicies {
  private readonly meta = new Map<string, SimulatedPolicy>();
  private readonly identity: CompiledPolicy[] = [];
  private resource: CompiledPolicy | undefined;
  private boundary: CompiledPolicy | undefined;
  private readonly docs: PolicyDocument[] = [];

  /** Parses and adds a policy; returns false (adding nothing) when it is not a valid policy. */
  add(role: PolicyRole, source: PolicySource): boolean {
    const parsed = parsePolicy(source.text, { kind: ROLE[role].kind });
    if (!parsed.ok) return false;
    this.addDocument(role, source.sourceId, parsed.document);
    return true;
  }

  /** A boundary that allows nothing (its managed policy no longer exists). */
  addEmptyBoundary(sourceId: string): void {
    this.addDocument('boundary', sourceId, { version: '2012-10-17', versionGiven: true, statements: [], text: '', size: 0 });
  }

  private addDocument(role: PolicyRole, sourceId: string, document: PolicyDocument): void {
    const id = `${this.meta.size}`;
    const compiled = compilePolicy(document, { id, type: ROLE[role].type });
    this.meta.set(id, { sourceId, sourceType: ROLE[role].source, spans: statementSpans(document.text) });
    this.docs.push(document);
    if (role === 'identity') this.identity.push(compiled);
    else if (role === 'resource') this.resource = compiled;
    else this.boundary = compiled;
  }

  describe(policyId: string): SimulatedPolicy | undefined {
    return this.meta.get(policyId);
  }

  get hasBoundary(): boolean {
    return this.boundary !== undefined;
  }

  get hasResourcePolicy(): boolean {
    return this.resource !== undefined;
  }

  /** The documents in the order they were added (for the context keys they use). */
  documents(): readonly PolicyDocument[] {
    return this.docs;
  }

  policySet(): PolicySet {
    return {
      identity: this.identity,
      ...(this.resource !== undefined && { resource: [this.resource] }),
      ...(this.boundary !== undefined && { boundary: this.boundary }),
    };
  }
}

export interface EntityPolicies {
  /** The entity's ARN with its real path. */
  readonly arn: string;
  readonly tags: readonly Tag[];
  /** Inline and attached policies (a user's groups' too), each attached policy once. */
  readonly identity: readonly PolicySource[];
  /** The permissions boundary; `text` is undefined when its managed policy is gone. */
  readonly boundary?: { readonly sourceId: string; readonly text: string | undefined };
}

function policyName(arn: string): string {
  return arn.slice(arn.lastIndexOf('/') + 1);
}

/** Loads an entity's policies by name (AWS ignores the path in the ARN); undefined when it does not exist. */
export async function loadEntityPolicies(tx: StoreTx, entity: EntityArn): Promise<EntityPolicies | undefined> {
  const { account, kind, name } = entity;
  const found: { readonly name: string; readonly arn: string; readonly permissionsBoundaryArn?: string; readonly tags?: readonly Tag[] } | undefined =
    kind === 'user' ? await tx.users.get(account, name) : kind === 'role' ? await tx.roles.get(account, name) : await tx.groups.get(account, name);
  if (found === undefined) return undefined;
  const owners: PolicyOwner[] = [{ accountId: account, kind, name: found.name }];
  if (kind === 'user') {
    for (let after: string | undefined, first = true; first || after !== undefined; first = false) {
      const page = await tx.groups.members.listGroupsForUser(account, found.name, after === undefined ? { limit: 100 } : { after, limit: 100 });
      for (const g of page.items) owners.push({ accountId: account, kind: 'group', name: g.name });
      after = page.nextAfter;
    }
  }
  const identity: PolicySource[] = [];
  const attached = new Set<string>();
  for (const owner of owners) {
    for (const inline of await tx.inlinePolicies.listAll(owner)) {
      identity.push({ sourceId: `${owner.kind}_${owner.name}_${inline.policyName}`, text: inline.document });
    }
    for (const doc of await tx.policies.attachments.listAttachedDocuments(owner)) {
      if (attached.has(doc.policyArn)) continue;
      attached.add(doc.policyArn);
      identity.push({ sourceId: doc.policyName, text: doc.document });
    }
  }
  const boundaryArn = found.permissionsBoundaryArn;
  const boundary =
    boundaryArn === undefined ? undefined : { sourceId: policyName(boundaryArn), text: await getManagedPolicyDocument(tx, boundaryArn) };
  return { arn: found.arn, tags: found.tags ?? [], identity, ...(boundary !== undefined && { boundary }) };
}
