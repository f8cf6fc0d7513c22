// The session policies of temporary credentials, compiled for the engine: the inline policy
// the token carries and the current default version of each managed policy ARN it names.

import { hasSessionPolicies, type SessionClaims } from '../../auth/session-claims.js';
import { compilePolicy, type CompiledPolicy } from '../../policy/evaluate/compile-policy.js';
import type { PolicyType } from '../../policy/evaluate/types.js';
import type { StoreTx } from '../../storage/ports.js';
import { getManagedPolicyDocument } from '../iam/policies/managed-documents.js';
import { compiledPolicy } from '../policy-cache.js';

/** A policy with no statements: as a boundary or session policy it allows nothing. */
export function emptyPolicy(id: string, type: PolicyType): CompiledPolicy {
  return compilePolicy({ version: '2012-10-17', versionGiven: true, statements: [], text: '', size: 0 }, { id, type });
}

const ALLOW_ALL = '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}';

/** The root user's identity permissions, for sessions it issued (its federated users). */
export function rootIdentityPolicy(): CompiledPolicy {
  return compiledPolicy('root', 'identity', 'identity', ALLOW_ALL)!;
}

/**
 * The session policies, or undefined when the session has none. A session that had policies
 * always gets at least one (empty) policy, so managed policies deleted since never widen it.
 * Federated users always have session policies: without any, AWS gives them no permissions.
 */
export async function sessionPolicies(tx: StoreTx, claims: SessionClaims): Promise<CompiledPolicy[] | undefined> {
  if (!hasSessionPolicies(claims) && claims.kind !== 'FederatedUser') return undefined;
  const out: CompiledPolicy[] = [];
  if (claims.policy !== undefined) {
    const inline = compiledPolicy('SessionPolicy', 'session', 'session', claims.policy);
    if (inline !== undefined) out.push(inline);
  }
  for (const arn of claims.policyArns) {
    const document = await getManagedPolicyDocument(tx, arn);
    const managed = document === undefined ? undefined : compiledPolicy(arn, 'session', 'session', document);
    if (managed !== undefined) out.push(managed);
  }
  if (out.length === 0) out.push(emptyPolicy('SessionPolicy', 'session'));
  return out;
}
