// The policies that apply to a caller, compiled for the engine: a user's inline and attached
// policies, its groups' and its permissions boundary; for a role session the role's current
// policies and boundary; for temporary credentials also the session policies they carry.

import type { Caller } from '../auth/caller.js';
import type { PolicySet } from '../policy/authorize/policy-set.js';
import type { CompiledPolicy } from '../policy/evaluate/compile-policy.js';
import type { StoreTx } from '../storage/ports.js';
import type { PolicyOwner } from '../storage/repositories.js';
import { compiledPolicy } from './policy-cache.js';
import { getManagedPolicyDocument } from './iam/policies/managed-documents.js';
import { emptyPolicy, rootIdentityPolicy, sessionPolicies } from './sts/session-policies.js';

export async function callerPolicies(tx: StoreTx, caller: Caller): Promise<PolicySet> {
  const base = await identityPolicies(tx, caller);
  const limits = caller.session === undefined ? undefined : await sessionPolicies(tx, caller.session);
  return limits === undefined ? base : { ...base, session: limits };
}

/**
 * Which stored entity a caller's identity policies and boundary come from, as a cache key:
 * `user:<id>` or `role:<id>` (ids change when a name is reused), or undefined when they come
 * from no entity (root, a deleted role's sessions, the root user's federated users).
 */
export function identityPolicySource(caller: Caller): string | undefined {
  const session = caller.session;
  if (session?.kind === 'AssumedRole') return caller.role === undefined ? undefined : `role:${caller.role.id}`;
  if (session?.kind === 'FederatedUser') return session.user === undefined ? undefined : `user:${session.user.id}`;
  return caller.user === undefined ? undefined : `user:${caller.user.id}`;
}

/**
 * The identity policies and permissions boundary: what callerPolicies gives but the session
 * policies. The user or role is read again by id in `tx`, so its name and boundary come from
 * the same snapshot as its policies (a cache may keep the result under that snapshot's
 * generation), and a renamed or deleted entity's policies are never read by its old name.
 */
export async function identityPolicies(tx: StoreTx, caller: Caller): Promise<PolicySet> {
  const session = caller.session;
  if (session?.kind === 'AssumedRole') {
    // A deleted role's sessions keep their credentials but no permissions.
    const role = caller.role === undefined ? undefined : await tx.roles.getById(caller.role.accountId, caller.role.id);
    if (role === undefined) return { identity: [] };
    return ownerPolicies(tx, [{ accountId: role.accountId, kind: 'role', name: role.name }], role.permissionsBoundaryArn);
  }
  if (session?.kind === 'FederatedUser') {
    // The root user's federated users have its rights (limited by their session policies).
    if (session.user === undefined) return { identity: [rootIdentityPolicy()] };
    const issuer = await tx.users.getById(session.accountId, session.user.id);
    if (issuer === undefined) return { identity: [] };
    return userPolicies(tx, issuer.accountId, issuer.name, issuer.permissionsBoundaryArn);
  }
  const user = caller.user === undefined ? undefined : await tx.users.getById(caller.user.accountId, caller.user.id);
  if (user === undefined) return { identity: [] };
  return userPolicies(tx, user.accountId, user.name, user.permissionsBoundaryArn);
}

async function userPolicies(tx: StoreTx, accountId: string, userName: string, boundaryArn: string | undefined): Promise<PolicySet> {
  const owners: PolicyOwner[] = [{ accountId, kind: 'user', name: userName }];
  for (let after: string | undefined, first = true; first || after !== undefined; first = false) {
    const page = await tx.groups.members.listGroupsForUser(accountId, userName, after === undefined ? { limit: 100 } : { after, limit: 100 });
    for (const g of page.items) owners.push({ accountId, kind: 'group', name: g.name });
    after = page.nextAfter;
  }
  return ownerPolicies(tx, owners, boundaryArn);
}

async function ownerPolicies(tx: StoreTx, owners: readonly PolicyOwner[], boundaryArn: string | undefined): Promise<PolicySet> {
  const identity: CompiledPolicy[] = [];
  for (const owner of owners) {
    for (const inline of await tx.inlinePolicies.listAll(owner)) {
      const id = `${owner.kind}/${owner.name}/${inline.policyName}`;
      const p = compiledPolicy(id, 'identity', 'identity', inline.document);
      if (p) identity.push(p);
    }
    for (const attached of await tx.policies.attachments.listAttachedDocuments(owner)) {
      const p = compiledPolicy(attached.policyArn, 'identity', 'identity', attached.document);
      if (p) identity.push(p);
    }
  }
  if (boundaryArn === undefined) return { identity };
  const doc = await getManagedPolicyDocument(tx, boundaryArn);
  // A boundary that no longer exists allows nothing (AWS keeps the reference).
  const boundary = doc === undefined ? emptyPolicy(boundaryArn, 'boundary') : compiledPolicy(boundaryArn, 'boundary', 'boundary', doc);
  return boundary === undefined ? { identity } : { identity, boundary };
}
