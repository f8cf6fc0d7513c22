// What a service last accessed report is about: the user, group, role or managed policy its
// Arn names, the permissions policies that decide which services it lists, and the users and
// roles whose attempts count (a group's members; the entities a policy is attached to).

import type { PolicyOwnerKind, Tag } from '../../../domain/entities.js';
import { AWS_MANAGED_ACCOUNT, parseIamArn } from '../../../domain/arn.js';
import type { StoreTx } from '../../../storage/ports.js';
import type { Page, PageRequest, PolicyOwner } from '../../../storage/repositories.js';
import { findOwner, ownerNotFound } from '../policies/attachment-owners.js';
import { getManagedPolicyDocument } from '../policies/managed-documents.js';
import { invalidArn, policyNotFound } from '../policies/errors.js';

export type ReportTargetKind = PolicyOwnerKind | 'policy';

export interface ReportTargetRef {
  readonly kind: ReportTargetKind;
  readonly arn: string;
  /** For users, groups and roles. */
  readonly path: string;
  readonly name: string;
}

/** An IAM user or role whose attempts a report counts (AWS's EntityInfo). */
export interface ReportEntity {
  readonly type: 'USER' | 'ROLE';
  readonly arn: string;
  readonly name: string;
  readonly id: string;
  readonly path: string;
}

export interface ReportInputs {
  readonly target: ReportTargetRef;
  /** The permissions policies' documents (boundaries and other policy types are not used, as in AWS). */
  readonly documents: readonly string[];
  readonly entities: readonly ReportEntity[];
}

/** Reads the Arn member: InvalidInput unless it names a user, group or role of the account, or a managed policy. */
export function reportTargetRef(arn: string, accountId: string): ReportTargetRef {
  const parsed = parseIamArn(arn);
  if (parsed === null) throw invalidArn(arn);
  const kind = parsed.kind;
  if (kind !== 'user' && kind !== 'group' && kind !== 'role' && kind !== 'policy') throw invalidArn(arn);
  const accountOk = parsed.account === accountId || (kind === 'policy' && parsed.account === AWS_MANAGED_ACCOUNT);
  if (!accountOk) throw invalidArn(arn);
  return { kind, arn, path: parsed.path, name: parsed.name };
}

/** The target's tags for aws:ResourceTag (groups have none), or undefined when it does not exist. */
export async function targetTags(tx: StoreTx, accountId: string, ref: ReportTargetRef): Promise<readonly Tag[] | undefined> {
  if (ref.kind === 'policy') return (await tx.policies.get(ref.arn))?.tags;
  const owner = await findOwner(tx, ref.kind, accountId, ref.name);
  return owner !== undefined && owner.path === ref.path ? owner.tags : undefined;
}

async function allPages<T>(list: (page: PageRequest) => Promise<Page<T>>): Promise<T[]> {
  const out: T[] = [];
  let after: string | undefined;
  do {
    const page = await list(after === undefined ? { limit: 1000 } : { after, limit: 1000 });
    out.push(...page.items);
    after = page.nextAfter;
  } while (after !== undefined);
  return out;
}

async function ownerDocuments(tx: StoreTx, owners: readonly PolicyOwner[]): Promise<string[]> {
  const documents: string[] = [];
  const seenManaged = new Set<string>();
  for (const owner of owners) {
    for (const p of await tx.inlinePolicies.listAll(owner)) documents.push(p.document);
    for (const p of await tx.policies.attachments.listAttachedDocuments(owner)) {
      if (seenManaged.has(p.policyArn)) continue;
      seenManaged.add(p.policyArn);
      documents.push(p.document);
    }
  }
  return documents;
}

async function groupMembers(tx: StoreTx, accountId: string, groupName: string): Promise<ReportEntity[]> {
  const users = await allPages((page) => tx.groups.members.listUsers(accountId, groupName, page));
  return users.map((u) => ({ type: 'USER', arn: u.arn, name: u.name, id: u.id, path: u.path }));
}

/** The users and roles a managed policy reaches: attached directly or through a group. */
async function policyEntities(tx: StoreTx, accountId: string, policyArn: string): Promise<ReportEntity[]> {
  const refs = await allPages((page) => tx.policies.attachments.listEntities(accountId, policyArn, page));
  const byArn = new Map<string, ReportEntity>();
  for (const ref of refs) {
    if (ref.kind === 'group') {
      for (const member of await groupMembers(tx, accountId, ref.name)) byArn.set(member.arn, member);
      continue;
    }
    const entity = ref.kind === 'user' ? await tx.users.get(accountId, ref.name) : await tx.roles.get(accountId, ref.name);
    if (entity === undefined) continue;
    const type = ref.kind === 'user' ? 'USER' : 'ROLE';
    byArn.set(entity.arn, { type, arn: entity.arn, name: entity.name, id: entity.id, path: entity.path });
  }
  return [...byArn.values()];
}

/** Everything a report needs from the store; NoSuchEntity when the target does not exist. */
export async function loadReportInputs(tx: StoreTx, accountId: string, target: ReportTargetRef): Promise<ReportInputs> {
  if (target.kind === 'policy') {
    const document = await getManagedPolicyDocument(tx, target.arn);
    if (document === undefined) throw policyNotFound(target.arn);
    return { target, documents: [document], entities: await policyEntities(tx, accountId, target.arn) };
  }
  const owner = await findOwner(tx, target.kind, accountId, target.name);
  if (owner === undefined || owner.path !== target.path) throw ownerNotFound(target.kind, target.name);
  const self: PolicyOwner = { accountId, kind: owner.kind, name: owner.name };
  if (owner.kind === 'group') {
    return { target, documents: await ownerDocuments(tx, [self]), entities: await groupMembers(tx, accountId, owner.name) };
  }
  const owners: PolicyOwner[] = [self];
  if (owner.kind === 'user') {
    const groups = await allPages((page) => tx.groups.members.listGroupsForUser(accountId, owner.name, page));
    for (const g of groups) owners.push({ accountId, kind: 'group', name: g.name });
  }
  const entity: ReportEntity = {
    type: owner.kind === 'user' ? 'USER' : 'ROLE',
    arn: owner.arn,
    name: owner.name,
    id: owner.id,
    path: owner.path,
  };
  return { target, documents: await ownerDocuments(tx, owners), entities: [entity] };
}
