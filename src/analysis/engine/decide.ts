// One analysis decision, made by the engine: can this subject make this request, with all
// its policies, the SCPs and the resource's policy? Open conditions are taken as met and
// reported; MFA is tried without, then with; a Deny a request could avoid is reported.

import { authorize } from '../../policy/authorize/authorize.js';
import { candidatesFor, preparePolicySet, SLOT, type PolicySet } from '../../policy/authorize/policy-set.js';
import { actionMatches, statementMatches } from '../../policy/authorize/statement-matches.js';
import type { CompiledStatement } from '../../policy/evaluate/compile-policy.js';
import { contextKeys, type ContextKeys, type ContextValue, type RequestContext } from '../../policy/context.js';
import type { Effect } from '../../policy/document/types.js';
import type { PolicyType } from '../../policy/evaluate/types.js';
import type { PolicyRef } from '../model/model.js';
import { analysisPolicy, type AnalysisPolicy } from './analysis-policy.js';
import { MFA_KEYS } from './condition-keys.js';
import { NO_ORG, rcpLevel, rcpsApply, type OrgPolicies } from './organization.js';
import type { Subject } from './subject.js';

/** A condition the decision depends on: an Allow that needs it, or a Deny that applies when it holds. */
export interface ConditionNote {
  readonly policy: string;
  /** The statement's Sid, or its index in the policy's Statement array. */
  readonly statement: string;
  readonly effect: Effect;
  readonly operator: string;
  readonly key: string;
  readonly values: readonly string[];
}

export interface Check {
  readonly allowed: boolean;
  readonly needsMfa: boolean;
  readonly conditions: readonly ConditionNote[];
}

export interface RequestSpec {
  readonly action: string;
  readonly resource: string;
  readonly keys?: Readonly<Record<string, ContextValue>>;
  /** Resource-based policies of the target (a role's trust policy). */
  readonly resourcePolicies?: readonly PolicyRef[];
  /** A role's trust policy must allow by itself, even in the role's own account (as STS enforces). */
  readonly resourceMustAllow?: boolean;
  /** The resource's owner when its ARN names none (S3). */
  readonly resourceAccount?: string;
}

export const DENIED: Check = { allowed: false, needsMfa: false, conditions: [] };

interface Prepared {
  readonly set: PolicySet;
  readonly all: readonly AnalysisPolicy[];
}

// Per subject, resource policies and whether the RCPs take part. A subject is always decided
// with the same organization (its account's SCPs, the input's RCPs), so it is not part of the key.
const prepared = new WeakMap<Subject, WeakMap<readonly PolicyRef[], [Prepared?, Prepared?]>>();
const NO_RESOURCE: readonly PolicyRef[] = [];

function prepare(subject: Subject, resource: readonly PolicyRef[], org: OrgPolicies, withRcps = false): Prepared {
  let bySubject = prepared.get(subject);
  if (bySubject === undefined) prepared.set(subject, (bySubject = new WeakMap()));
  let pair = bySubject.get(resource);
  if (pair === undefined) bySubject.set(resource, (pair = []));
  const hit = pair[withRcps ? 1 : 0];
  if (hit !== undefined) return hit;
  // SCPs do not limit AWS services (see authorize.ts).
  const scps = subject.principal.type === 'Service' ? [] : org.scps;
  const identity = subject.identity.map((r) => analysisPolicy(r, 'identity'));
  const res = resource.map((r) => analysisPolicy(r, 'resource'));
  const boundary = subject.boundary === undefined ? undefined : analysisPolicy(subject.boundary, 'boundary');
  const scp = scps.map((r) => analysisPolicy(r, 'scp'));
  const rcp = withRcps ? rcpLevel(org).map((r) => analysisPolicy(r, 'rcp')) : [];
  const set: PolicySet = {
    identity: identity.map((p) => p.compiled),
    ...(res.length > 0 ? { resource: res.map((p) => p.compiled) } : {}),
    ...(boundary === undefined ? {} : { boundary: boundary.compiled }),
    ...(scp.length > 0 ? { scp: [scp.map((p) => p.compiled)] } : {}),
    ...(rcp.length > 0 ? { rcp: [rcp.map((p) => p.compiled)] } : {}),
  };
  const result = { set, all: [...identity, ...res, ...(boundary ? [boundary] : []), ...scp, ...rcp] };
  pair[withRcps ? 1 : 0] = result;
  return result;
}

/** Whether the RCPs take part in this request of this subject. */
function withRcps(subject: Subject, action: string, spec: { readonly resource: string; readonly resourceAccount?: string | undefined }, org: OrgPolicies): boolean {
  return rcpsApply(org, subject.principal, action, spec.resourceAccount || accountOf(spec.resource, subject.principal.account));
}

function notes(policy: AnalysisPolicy, index: number, effect: Effect): ConditionNote[] {
  const st = policy.ref.document.statements.find((s) => s.index === index);
  const statement = st?.sid ?? String(index);
  return (policy.openConditions.get(index) ?? []).map((c) => ({ policy: policy.ref.id, statement, effect, operator: c.operator, key: c.key, values: c.values }));
}

/** The subject's context keys without and with MFA, built once per subject. */
const baseKeys = new WeakMap<Subject, readonly [ContextKeys, ContextKeys]>();

function keysFor(subject: Subject, extra: Readonly<Record<string, ContextValue>> | undefined, mfa: boolean): ContextKeys {
  let base = baseKeys.get(subject);
  if (base === undefined) baseKeys.set(subject, (base = [contextKeys(subject.keys), contextKeys({ ...subject.keys, ...MFA_KEYS })]));
  const keys = base[mfa ? 1 : 0];
  if (extra === undefined) return keys;
  const copy = new Map(keys);
  for (const [k, v] of Object.entries(extra)) copy.set(k.toLowerCase(), v);
  return copy;
}

/**
 * Which resources some identity Allow statement of the subject for `action` may name
 * (conditions aside): undefined when it may be any (`*`, NotResource, a policy variable), else
 * the exact ARNs named and a test for the wildcard patterns. A request on a resource outside
 * it is denied unless a resource policy grants it: the graph meets only those targets.
 */
export function allowedResources(subject: Subject, action: string, org: OrgPolicies): ResourceScope | undefined {
  const { set } = prepare(subject, NO_RESOURCE, org);
  const exact = new Set<string>();
  const patterns: CompiledStatement[] = [];
  for (const s of candidatesFor(preparePolicySet(set), action).statements) {
    if (s.slot !== SLOT.identity || s.statement.deny) continue;
    const resources = s.statement.source.resource;
    if (resources === undefined || resources.includes('*') || s.statement.resource === undefined) return undefined;
    if (resources.some((r) => r.includes('${'))) return undefined;
    if (resources.every((r) => !/[*?]/.test(r))) for (const r of resources) exact.add(r);
    else patterns.push(s.statement);
  }
  const none = new Map() as ContextKeys;
  return { exact, matches: (arn) => exact.has(arn) || patterns.some((st) => st.resource!.matches(arn, none)) , wildcards: patterns.length > 0 };
}

export interface ResourceScope {
  /** ARNs named exactly. */
  readonly exact: ReadonlySet<string>;
  /** Whether some pattern has a wildcard (then only `matches` tells). */
  readonly wildcards: boolean;
  matches(arn: string): boolean;
}

/**
 * False when no identity statement of the subject could allow `action` whatever the resource
 * and conditions: a cheap test before deciding requests that only identity policies can grant.
 */
export function mayAllow(subject: Subject, action: string, org: OrgPolicies): boolean {
  // The same org as decide() passes: prepared sets are cached per subject and resource. RCPs never grant.
  const { set } = prepare(subject, NO_RESOURCE, org);
  return candidatesFor(preparePolicySet(set), action).statements.some((s) => s.slot === SLOT.identity && !s.statement.deny);
}

/** Whether a statement matches every resource (`Resource` names `*`, or it has neither list). */
function anyResource(st: CompiledStatement): boolean {
  return st.source.resource === undefined ? st.source.notResource === undefined : st.source.resource.includes('*');
}

/**
 * True when no statement that could match `action` for this subject (allow, deny, boundary,
 * SCP, avoidable deny) looks at the resource: every one names `*`. Then two requests that
 * differ only in the resource ARN, in the same account, get the same decision.
 */
function resourceBlind(subject: Subject, action: string, org: OrgPolicies): boolean {
  // With the RCPs whenever there are some: their statements must not look at the resource either.
  const p = prepare(subject, NO_RESOURCE, org, org.rcps.length > 0);
  let byAction = blind.get(p);
  if (byAction === undefined) blind.set(p, (byAction = new Map()));
  let b = byAction.get(action);
  if (b === undefined) {
    const lower = action.toLowerCase();
    b = candidatesFor(preparePolicySet(p.set), action).statements.every((s) => anyResource(s.statement)) &&
      p.all.every((policy) => policy.avoidableDenies.every((st) => !actionMatches(st, lower) || anyResource(st)));
    byAction.set(action, b);
  }
  return b;
}

const blind = new WeakMap<Prepared, Map<string, boolean>>();

/** The account a request on `resource` is made in, as the engine reads it (see authorize.ts). */
function accountOf(resource: string, principalAccount: string): string {
  if (!resource.startsWith('arn:')) return principalAccount;
  let pos = 4;
  for (let field = 0; field < 3; field++) {
    pos = resource.indexOf(':', pos);
    if (pos < 0) return principalAccount;
    pos++;
  }
  const end = resource.indexOf(':', pos);
  const account = end < 0 ? '' : resource.slice(pos, end);
  return account === '' || account === 'aws' ? principalAccount : account;
}

/** Decisions of one action for one subject, made without resource policies (see decide). */
interface ActionMemo {
  /** No statement for the action looks at the resource (see resourceBlind). */
  readonly blind: boolean;
  /** Blind: by the request's account; else by its resource (and owner when given). Then by its keys object. */
  readonly byWhere: Map<string, Map<RequestSpec['keys'], Check>>;
}

/** The account of each resource ARN the analysis asks about, parsed once (few distinct ARNs, asked millions of times). */
const accounts = new Map<string, Map<string, string>>();

function cachedAccountOf(resource: string, principalAccount: string): string {
  let byPrincipal = accounts.get(resource);
  if (byPrincipal === undefined) accounts.set(resource, (byPrincipal = new Map()));
  let account = byPrincipal.get(principalAccount);
  if (account === undefined) byPrincipal.set(principalAccount, (account = accountOf(resource, principalAccount)));
  return account;
}

const decided = new WeakMap<Subject, Map<string, ActionMemo>>();

/**
 * Decides `spec` for `subject` with the SCPs of its account. Requests without resource
 * policies are decided once per subject: the same request again (a step every target of a
 * technique shares), or one on another resource of the same account when no statement
 * for the action looks at the resource, gets the first answer. Keys are told apart by
 * object (the techniques reuse theirs), so equal keys in another object only decide again.
 */
export function decide(subject: Subject, spec: RequestSpec, org: OrgPolicies = NO_ORG): Check {
  if ((spec.resourcePolicies !== undefined && spec.resourcePolicies.length > 0) || spec.resourceMustAllow === true) return decideNow(subject, spec, org);
  let bySubject = decided.get(subject);
  if (bySubject === undefined) decided.set(subject, (bySubject = new Map()));
  let memo = bySubject.get(spec.action);
  if (memo === undefined) bySubject.set(spec.action, (memo = { blind: resourceBlind(subject, spec.action, org), byWhere: new Map() }));
  // Account ids and ARNs never collide as keys: an ARN has colons, an account id none.
  const where = memo.blind
    ? spec.resourceAccount || cachedAccountOf(spec.resource, subject.principal.account)
    : spec.resourceAccount === undefined ? spec.resource : `${spec.resourceAccount} ${spec.resource}`;
  let byKeys = memo.byWhere.get(where);
  if (byKeys === undefined) memo.byWhere.set(where, (byKeys = new Map()));
  let c = byKeys.get(spec.keys);
  if (c === undefined) byKeys.set(spec.keys, (c = decideNow(subject, spec, org)));
  return c;
}

/** decide() without the memo: what every decision comes down to. */
export function decideNow(subject: Subject, spec: RequestSpec, org: OrgPolicies = NO_ORG): Check {
  const resource = spec.resourcePolicies ?? NO_RESOURCE;
  const { set, all } = prepare(subject, resource, org, withRcps(subject, spec.action, spec, org));
  for (const needsMfa of [false, true]) {
    const request: RequestContext = {
      principal: subject.principal, action: spec.action, resource: spec.resource, keys: keysFor(subject, spec.keys, needsMfa),
      ...(spec.resourceAccount === undefined ? {} : { resourceAccount: spec.resourceAccount }),
    };
    const decision = authorize(request, set);
    // An explicit deny without MFA may be one that MFA lifts ("deny unless MFA"): try with it.
    if (decision.decision !== 'Allow') continue;
    if (spec.resourceMustAllow === true && decision.byType.resource !== 'Allow') continue;
    return { allowed: true, needsMfa, conditions: [...allowNotes(decision.matched, all), ...avoidableDenyNotes(request, set, all)] };
  }
  return DENIED;
}

/** For each kind of policy that had to allow, the conditions of its least-conditioned matching Allow. */
function allowNotes(matched: readonly { policyId: string; policyType: PolicyType; index: number }[], all: readonly AnalysisPolicy[]): ConditionNote[] {
  const best = new Map<PolicyType, ConditionNote[]>();
  for (const m of matched) {
    const policy = all.find((p) => p.type === m.policyType && p.ref.id === m.policyId);
    if (policy === undefined) continue;
    const n = notes(policy, m.index, 'Allow');
    const current = best.get(m.policyType);
    if (current === undefined || n.length < current.length) best.set(m.policyType, n);
  }
  return [...best.values()].flat();
}

function avoidableDenyNotes(request: RequestContext, set: PolicySet, all: readonly AnalysisPolicy[]): ConditionNote[] {
  const out: ConditionNote[] = [];
  const lowerAction = request.action.toLowerCase();
  const hasBoundary = set.boundary !== undefined;
  for (const policy of all) {
    for (const st of policy.avoidableDenies) {
      if (statementMatches(st, request, lowerAction, null, hasBoundary)) out.push(...notes(policy, st.source.index, 'Deny'));
    }
  }
  return out;
}

/**
 * Whether `subject` may make the request (without or with MFA, open conditions taken as met),
 * without the condition notes decide() reports: for the least-privilege report, which asks
 * about thousands of actions per principal.
 */
export function allows(subject: Subject, action: string, resource: string, org: OrgPolicies = NO_ORG): boolean {
  const { set } = prepare(subject, NO_RESOURCE, org, withRcps(subject, action, { resource }, org));
  if (authorize({ principal: subject.principal, action, resource, keys: keysFor(subject, undefined, false) }, set).decision === 'Allow') return true;
  return authorize({ principal: subject.principal, action, resource, keys: keysFor(subject, undefined, true) }, set).decision === 'Allow';
}

export const ALLOWED: Check = { allowed: true, needsMfa: false, conditions: [] };
export const ALLOWED_WITH_MFA: Check = { allowed: true, needsMfa: true, conditions: [] };

/** All checks must pass: MFA if any needs it, every condition of each. */
export function allOf(checks: readonly Check[]): Check {
  if (checks.some((c) => !c.allowed)) return DENIED;
  if (checks.every((c) => c.conditions.length === 0)) return checks.some((c) => c.needsMfa) ? ALLOWED_WITH_MFA : ALLOWED;
  return { allowed: true, needsMfa: checks.some((c) => c.needsMfa), conditions: dedupe(checks.flatMap((c) => c.conditions)) };
}

function dedupe(list: readonly ConditionNote[]): ConditionNote[] {
  const seen = new Set<string>();
  return list.filter((n) => {
    const k = JSON.stringify(n);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}
