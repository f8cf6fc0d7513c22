// The policies that apply to a caller: a user's inline and attached policies, those
// of its groups, and its permissions boundary, compiled for the engine.

import type { Caller } from '../auth/caller.js';
import type { PolicySet } from '../policy/authorize/policy-set.js';
import { compilePolicy, type CompiledPolicy } from '../policy/evaluate/compile-policy.js';
import type { StoreTx } from '../storage/ports.js';
import type { PolicyOwner } from '../storage/repositories.js';
import { compiledPolicy } from './policy-cache.js';
import { getManagedPolicyDocument } from './iam/managed-documents.js';

export async function callerPolicies(tx: StoreTx, caller: Caller): Promise<PolicySet> {
  const user = caller.user;
  if (user === undefined) return { identity: [] };
  const identity: CompiledPolicy[] = [];
  const owners: PolicyOwner[] = [{ accountId: user.accountId, kind: 'user', name: user.name }];
  for (let after: string | undefined, first = true; first || after !== undefined; first = false) {
    const page = await tx.groups.members.listGroupsForUser(user.accountId, user.name, after === undefined ? { limit: 100 } : { after, limit: 100 });
    for (const g of page.items) owners.push({ accountId: user.accountId, kind: 'group', name: g.name });
    after = page.nextAfter;
  }
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
  let boundary: CompiledPolicy | undefined;
  if (user.permissionsBoundaryArn !== undefined) {
    const doc = await getManagedPolicyDocument(tx, user.permissionsBoundaryArn);
    // A boundary that no longer exists allows nothing (AWS keeps the reference).
    boundary = doc === undefined ? emptyPolicy(user.permissionsBoundaryArn) : compiledPolicy(user.permissionsBoundaryArn, 'boundary', 'boundary', doc);
  }
  return boundary === undefined ? { identity } : { identity, boundary };
}

/** A boundary with no statements: it allows nothing, so a dangling boundary never widens access. */
function emptyPolicy(id: string): CompiledPolicy {
  return compilePolicy(
    { version: '2012-10-17', versionGiven: true, statements: [], text: '', size: 0 },
    { id, type: 'boundary' },
  );
}
