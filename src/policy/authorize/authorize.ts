// The AWS policy evaluation logic: explicit deny anywhere wins; SCPs and RCPs must
// allow at every level; then an identity or resource-based allow, limited by the
// permissions boundary and session policies as AWS documents for each kind of grant.

import type { RequestContext } from '../context.js';
import type { ConditionTrace } from '../condition/types.js';
import type { CompiledStatement } from '../evaluate/compile-policy.js';
import type { Decision, DecisionKind, MatchedStatement, PolicyType } from '../evaluate/types.js';
import { grantKind } from './grant-kind.js';
import { candidatesFor, preparePolicySet, SLOT, type IndexedStatement, type PolicySet, type PreparedPolicySet } from './policy-set.js';
import { restMatches } from './statement-matches.js';

const SLOT_TYPES: readonly PolicyType[] = ['identity', 'resource', 'boundary', 'session', 'scp', 'rcp'];
const DENY_ORDER = [SLOT.scp, SLOT.rcp, SLOT.resource, SLOT.identity, SLOT.boundary, SLOT.session] as const;
const EMPTY: readonly never[] = [];

/** Collects missing context keys for one decision; reused, since decisions are synchronous. */
class MissingKeys implements ConditionTrace {
  keys: string[] | null = null;
  missingKey(key: string): void {
    if (this.keys === null) this.keys = [key];
    else if (!this.keys.includes(key)) this.keys.push(key);
  }
  invalidValue(): void {}
  take(): readonly string[] {
    const keys = this.keys ?? EMPTY;
    this.keys = null;
    return keys;
  }
}
const trace = new MissingKeys();

/** Decides one request. Accepts a plain PolicySet (prepared and cached on first use) or a prepared one. */
export function authorize(request: RequestContext, policies: PolicySet | PreparedPolicySet): Decision {
  const set = 'byService' in policies ? policies : preparePolicySet(policies);
  const candidates = candidatesFor(set, request.action).statements;
  const hasBoundary = set.hasBoundary;

  // Bit i of allowMask: slot i has a matching allow. Levels of SCPs/RCPs tracked separately.
  let denyMask = 0;
  let allowMask = 0;
  let scpLevelsAllowed = 0;
  let rcpLevelsAllowed = 0;
  let denies: MatchedStatement[] | null = null;
  let allows: CompiledStatementAt[] | null = null;
  for (let i = 0; i < candidates.length; i++) {
    const entry = candidates[i]!;
    if (entry.slot >= SLOT.scp && !organizationPoliciesApply(entry.slot, request)) continue;
    if (!restMatches(entry.statement, request, trace, hasBoundary)) continue;
    if (entry.statement.deny) {
      denyMask |= 1 << entry.slot;
      (denies ??= []).push(entry.statement.report);
    } else {
      allowMask |= 1 << entry.slot;
      if (entry.slot === SLOT.scp) scpLevelsAllowed |= 1 << entry.level;
      else if (entry.slot === SLOT.rcp) rcpLevelsAllowed |= 1 << entry.level;
      (allows ??= []).push(entry);
    }
  }
  const missingContextKeys = trace.take();
  const byType = typeDecisions(set, denyMask, allowMask, scpLevelsAllowed, rcpLevelsAllowed);

  if (denies !== null) {
    const slot = DENY_ORDER.find((s) => (denyMask & (1 << s)) !== 0) ?? SLOT.identity;
    return { decision: 'ExplicitDeny', matched: denies, missingContextKeys, deniedBy: SLOT_TYPES[slot]!, byType };
  }
  const missing = missingAllow(set, request, allowMask, scpLevelsAllowed, rcpLevelsAllowed, allows);
  if (missing !== undefined) {
    return { decision: 'ImplicitDeny', matched: EMPTY, missingContextKeys, deniedBy: missing, byType };
  }
  return { decision: 'Allow', matched: (allows ?? []).map((a) => a.statement.report), missingContextKeys, byType };
}

type CompiledStatementAt = IndexedStatement;

/**
 * SCPs limit the principals of the organization's accounts, not AWS services or
 * anonymous callers. RCPs limit access to the resources whoever calls, which is
 * why AWS's example RCPs exempt service principals with aws:PrincipalIsAWSService.
 */
function organizationPoliciesApply(slot: number, request: RequestContext): boolean {
  if (slot === SLOT.rcp) return true;
  const type = request.principal.type;
  return type !== 'Service' && type !== 'Anonymous';
}

function hasBit(mask: number, slot: number): boolean {
  return (mask & (1 << slot)) !== 0;
}

function decideSlot(denyMask: number, slot: number, allowed: boolean): DecisionKind {
  return (denyMask & (1 << slot)) !== 0 ? 'ExplicitDeny' : allowed ? 'Allow' : 'ImplicitDeny';
}

function allLevels(levels: number): number {
  return levels >= 31 ? -1 : (1 << levels) - 1;
}

/** The policy type whose missing allow denies the request, or undefined when the request is allowed. */
function missingAllow(
  set: PreparedPolicySet,
  request: RequestContext,
  allowMask: number,
  scpLevelsAllowed: number,
  rcpLevelsAllowed: number,
  allows: readonly IndexedStatement[] | null,
): PolicyType | undefined {
  const principal = request.principal;
  if (set.scpLevels > 0 && organizationPoliciesApply(SLOT.scp, request)) {
    if ((scpLevelsAllowed & allLevels(set.scpLevels)) !== allLevels(set.scpLevels)) return 'scp';
  }
  if (set.rcpLevels > 0 && organizationPoliciesApply(SLOT.rcp, request)) {
    if ((rcpLevelsAllowed & allLevels(set.rcpLevels)) !== allLevels(set.rcpLevels)) return 'rcp';
  }
  const boundaryOk = !set.hasBoundary || hasBit(allowMask, SLOT.boundary);
  const sessionOk = !set.hasSession || hasBit(allowMask, SLOT.session);

  // Resource-based grants, by how they named the caller.
  let direct = false;
  let role = false;
  let account = false;
  if (hasBit(allowMask, SLOT.resource) && allows !== null) {
    for (const a of allows) {
      if (a.slot !== SLOT.resource) continue;
      const kind = grantKind(a.statement as CompiledStatement, principal);
      if (kind === 'direct') direct = true;
      else if (kind === 'role') role = true;
      else account = true;
    }
  }
  // Callers without IAM identity policies of their own: only the resource-based policy can grant.
  if (
    principal.type === 'Anonymous' ||
    principal.type === 'Service' ||
    principal.type === 'WebIdentityUser' ||
    principal.type === 'SAMLUser'
  ) {
    return direct || role || account ? undefined : 'resource';
  }
  const resourceAccount = resourceAccountOf(request);
  const sameAccount = resourceAccount === principal.account;
  // The root user has every identity permission of its account (its account still has to be trusted cross-account).
  // A federated user (GetFederationToken) without a session policy has no identity permissions at all.
  const federatedWithoutSessionPolicy = principal.type === 'FederatedUser' && !set.hasSession;
  const identityAllows = (hasBit(allowMask, SLOT.identity) || principal.type === 'Root') && !federatedWithoutSessionPolicy;
  const noIdentityAllow: PolicyType = federatedWithoutSessionPolicy ? 'session' : 'identity';

  if (sameAccount) {
    if (direct) return undefined;
    if (role || identityAllows) {
      if (!boundaryOk) return 'boundary';
      if (!sessionOk) return 'session';
      return undefined;
    }
    return noIdentityAllow;
  }
  // Cross-account: the principal's account must allow, and the resource must trust it.
  if (!identityAllows) return noIdentityAllow;
  if (!boundaryOk) return 'boundary';
  if (!sessionOk) return 'session';
  if (!(direct || role || account)) return 'resource';
  return undefined;
}

function resourceAccountOf(request: RequestContext): string {
  if (request.resourceAccount !== undefined && request.resourceAccount !== '') return request.resourceAccount;
  const arn = request.resource;
  if (arn.startsWith('arn:')) {
    // arn:partition:service:region:account:...
    let pos = 4;
    for (let field = 0; field < 3; field++) {
      pos = arn.indexOf(':', pos);
      if (pos < 0) return request.principal.account;
      pos++;
    }
    const end = arn.indexOf(':', pos);
    const account = end < 0 ? '' : arn.slice(pos, end);
    if (account !== '' && account !== 'aws') return account;
  }
  return request.principal.account;
}

function typeDecisions(
  set: PreparedPolicySet,
  denyMask: number,
  allowMask: number,
  scpLevelsAllowed: number,
  rcpLevelsAllowed: number,
): Partial<Record<PolicyType, DecisionKind>> {
  const out: Partial<Record<PolicyType, DecisionKind>> = {};
  if (set.source.identity.length > 0) out.identity = decideSlot(denyMask, SLOT.identity, hasBit(allowMask, SLOT.identity));
  if (set.hasResource) out.resource = decideSlot(denyMask, SLOT.resource, hasBit(allowMask, SLOT.resource));
  if (set.hasBoundary) out.boundary = decideSlot(denyMask, SLOT.boundary, hasBit(allowMask, SLOT.boundary));
  if (set.hasSession) out.session = decideSlot(denyMask, SLOT.session, hasBit(allowMask, SLOT.session));
  if (set.scpLevels > 0) out.scp = decideSlot(denyMask, SLOT.scp, scpLevelsAllowed === allLevels(set.scpLevels));
  if (set.rcpLevels > 0) out.rcp = decideSlot(denyMask, SLOT.rcp, rcpLevelsAllowed === allLevels(set.rcpLevels));
  return out;
}
