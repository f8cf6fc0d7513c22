// Who a decision is made for: the request principal, its condition keys and the policies
// that apply to it (identity, boundary). A what-if changes the policies, not the principal.

import { principalFromArn, principalKeys } from '../../policy/principal-from-arn.js';
import type { ContextValue, RequestPrincipal } from '../../policy/context.js';
import type { PolicyRef, PrincipalModel } from '../model/model.js';

export interface Subject {
  readonly principal: RequestPrincipal;
  readonly keys: Readonly<Record<string, ContextValue>>;
  readonly identity: readonly PolicyRef[];
  readonly boundary?: PolicyRef;
}

/** Every identity policy of a principal: inline, attached, and its groups' (inline and attached). */
export function identityPolicies(p: PrincipalModel): PolicyRef[] {
  const out: PolicyRef[] = [...p.inline, ...p.attached];
  for (const g of p.groups) out.push(...g.inline, ...g.attached);
  return out;
}

/** The request-time keys at `now`; a user can get a fresh session token, so TokenIssueTime is `now` too. */
function timeKeys(now: Date): Record<string, string> {
  const iso = now.toISOString().replace(/\.\d{3}Z$/, 'Z');
  return { 'aws:CurrentTime': iso, 'aws:EpochTime': String(Math.floor(now.getTime() / 1000)), 'aws:TokenIssueTime': iso };
}

/** Who a user or role is, with the policies that apply to it (identity policies already gathered). */
export interface SubjectInput {
  readonly kind: 'user' | 'role';
  readonly arn: string;
  readonly id: string;
  readonly account: string;
  readonly tags: Readonly<Record<string, string>>;
  readonly identity: readonly PolicyRef[];
  readonly boundary?: PolicyRef;
}

export function subjectOf(p: SubjectInput, now: Date): Subject {
  // A role acts through its sessions; principalFromArn gives a session of the role.
  const principal = principalFromArn(p.arn) ?? { type: p.kind === 'user' ? 'User' : 'AssumedRole', arn: p.arn, account: p.account };
  const userId = p.kind === 'user' ? p.id : `${p.id}:session`;
  const keys = { ...principalKeys(principal, { userId, tags: p.tags }), ...timeKeys(now) };
  return { principal, keys, identity: p.identity, ...(p.boundary === undefined ? {} : { boundary: p.boundary }) };
}

export function principalSubject(p: PrincipalModel, now: Date): Subject {
  return subjectOf({ ...p, identity: identityPolicies(p) }, now);
}

export function serviceSubject(service: string, now: Date): Subject {
  const principal: RequestPrincipal = { type: 'Service', arn: service, account: '', service };
  return { principal, keys: { ...principalKeys(principal), ...timeKeys(now) }, identity: [] };
}
