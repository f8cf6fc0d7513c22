// Rewrites of a scenario used to test a divergence category counterfactually:
// remove one feature, re-run both engines, and see whether they then agree.

import type { PolicyJson, Scenario, StatementJson } from './scenario.js';

type ResourceElement = 'Resource' | 'NotResource';
const RESOURCE_ELEMENTS: readonly ResourceElement[] = ['Resource', 'NotResource'];

function mapStatement(st: StatementJson, fn: (pattern: string) => string, elements = RESOURCE_ELEMENTS): StatementJson {
  const out: Record<string, unknown> = { ...st };
  for (const element of elements) {
    const value = st[element];
    if (typeof value === 'string') out[element] = fn(value);
    else if (Array.isArray(value)) out[element] = value.map((v) => (typeof v === 'string' ? fn(v) : v));
  }
  return out;
}

/** Applies `rewrite` to every policy of a scenario. */
export function mapPolicies(s: Scenario, rewrite: (policy: PolicyJson) => PolicyJson): Scenario {
  return {
    ...s,
    identity: s.identity.map(rewrite),
    ...(s.boundary ? { boundary: rewrite(s.boundary) } : {}),
    ...(s.session ? { session: rewrite(s.session) } : {}),
    ...(s.resourcePolicy ? { resourcePolicy: rewrite(s.resourcePolicy) } : {}),
    ...(s.scp ? { scp: s.scp.map((level) => level.map(rewrite)) } : {}),
    ...(s.rcp ? { rcp: s.rcp.map((level) => level.map(rewrite)) } : {}),
  };
}

/** Applies `fn` to every Resource and NotResource pattern (or only those of `elements`) of every policy. */
export function mapResourcePatterns(s: Scenario, fn: (pattern: string) => string, elements = RESOURCE_ELEMENTS): Scenario {
  return mapPolicies(s, (policy) => ({ ...policy, Statement: policy.Statement.map((st) => mapStatement(st, fn, elements)) }));
}

/** Every Resource and NotResource pattern (or only those of `elements`) of every policy. */
export function resourcePatterns(s: Scenario, elements = RESOURCE_ELEMENTS): string[] {
  const out: string[] = [];
  mapResourcePatterns(
    s,
    (p) => {
      out.push(p);
      return p;
    },
    elements,
  );
  return out;
}

type ConditionBlock = Record<string, Record<string, string | string[]>>;

/** Applies `fn(operator, key, value)` to every value of every condition of every policy. */
export function mapConditionValues(s: Scenario, fn: (operator: string, key: string, value: string) => string): Scenario {
  return mapPolicies(s, (policy) => ({
    ...policy,
    Statement: policy.Statement.map((st) => {
      const condition = st['Condition'] as ConditionBlock | undefined;
      if (condition === undefined) return st;
      const mapped: ConditionBlock = {};
      for (const [operator, entries] of Object.entries(condition)) {
        mapped[operator] = Object.fromEntries(
          Object.entries(entries).map(([key, v]) => [key, typeof v === 'string' ? fn(operator, key, v) : v.map((x) => fn(operator, key, x))]),
        );
      }
      return { ...st, Condition: mapped };
    }),
  }));
}

/** Every (operator, key, value) of every condition of every policy. */
export function conditionValues(s: Scenario): { operator: string; key: string; value: string }[] {
  const out: { operator: string; key: string; value: string }[] = [];
  mapConditionValues(s, (operator, key, value) => {
    out.push({ operator, key, value });
    return value;
  });
  return out;
}

/** The names of the `${...}` variables in a string whose keys the context lacks (or holds as a list). */
export function unresolvedVariables(text: string, context: Scenario['context']): string[] {
  return [...text.matchAll(/\$\{([^}]+)\}/g)]
    .map((m) => m[1]!)
    .filter((name) => {
      const entry = Object.entries(context).find(([k]) => k.toLowerCase() === name.toLowerCase());
      return entry === undefined || typeof entry[1] !== 'string';
    });
}

const ARN_OPERATOR = /^(ForAnyValue:|ForAllValues:)?Arn/i;

/** Applies `fn` to every value of an Arn* condition operator (ArnLike, ArnEquals, ...) in every policy. */
export function mapArnConditionValues(s: Scenario, fn: (pattern: string) => string): Scenario {
  return mapConditionValues(s, (operator, _key, value) => (ARN_OPERATOR.test(operator) ? fn(value) : value));
}

/** Every value of an Arn* condition operator in every policy. */
export function arnConditionValues(s: Scenario): string[] {
  return conditionValues(s)
    .filter((c) => ARN_OPERATOR.test(c.operator))
    .map((c) => c.value);
}

/** Lower-cases the partition, service, region and account fields of an ARN pattern; leaves the resource part alone. */
export function lowerArnPrefix(pattern: string): string {
  if (!pattern.toLowerCase().startsWith('arn:')) return pattern;
  const parts = pattern.split(':');
  if (parts.length < 6) return pattern;
  return [...parts.slice(0, 5).map((p) => p.toLowerCase()), ...parts.slice(5)].join(':');
}

/** Replaces `${key}` by the context's value for every key the context has (a single string); leaves the others. */
export function substitutePresentVariables(pattern: string, context: Scenario['context']): string {
  return pattern.replace(/\$\{([^}]+)\}/g, (whole, name: string) => {
    const entry = Object.entries(context).find(([k]) => k.toLowerCase() === name.toLowerCase());
    return entry !== undefined && typeof entry[1] === 'string' ? entry[1] : whole;
  });
}

const IPV4_OUTSIDE = '198.51.100.0/24';
const IPV6_OUTSIDE = '2001:db9::/32';

/** Whether an address or CIDR is IPv6 (it has a colon). */
export function isIpv6(value: string): boolean {
  return value.includes(':');
}

/**
 * Rewrites NotIpAddress conditions on aws:SourceIp to name only ranges of the request
 * address's family: other-family values are dropped, and an emptied list gets one
 * same-family range that excludes every address the vocabulary uses.
 */
export function sameFamilyNotIpAddress(s: Scenario): Scenario {
  const ip = s.context['aws:SourceIp'];
  if (typeof ip !== 'string') return s;
  const v6 = isIpv6(ip);
  return mapPolicies(s, (policy) => ({
    ...policy,
    Statement: policy.Statement.map((st) => {
      const condition = st['Condition'] as ConditionBlock | undefined;
      if (condition === undefined) return st;
      const mapped: ConditionBlock = {};
      for (const [operator, entries] of Object.entries(condition)) {
        const isNotIp = /^(ForAnyValue:|ForAllValues:)?NotIpAddress/i.test(operator);
        mapped[operator] = Object.fromEntries(
          Object.entries(entries).map(([key, v]) => {
            if (!isNotIp || key.toLowerCase() !== 'aws:sourceip') return [key, v];
            const kept = [v].flat().filter((value) => isIpv6(value) === v6);
            return [key, kept.length > 0 ? kept : [v6 ? IPV6_OUTSIDE : IPV4_OUTSIDE]];
          }),
        );
      }
      return { ...st, Condition: mapped };
    }),
  }));
}

/** The role ARN behind an assumed-role session ARN, or undefined for other callers. */
export function roleOfSession(arn: string): string | undefined {
  const m = /^arn:([^:]+):sts::(\d{12}):assumed-role\/([^/]+)\/[^/]+$/.exec(arn);
  return m === null ? undefined : `arn:${m[1]}:iam::${m[2]}:role/${m[3]}`;
}

/** A Principal value that names the caller itself: `*`, `{"AWS": "*"}` or its own ARN (in a list or not). */
function namesCallerItself(principal: unknown, caller: string): boolean {
  if (principal === '*') return true;
  if (typeof principal !== 'object' || principal === null) return false;
  return [(principal as Record<string, unknown>)['AWS']].flat().some((e) => e === '*' || e === caller);
}

/**
 * For a role session with a session policy: the resource policy's Allow statements that
 * name the session itself (`*` or its ARN) name its role instead. AWS limits a grant to
 * the role by the session policy, and one to the session by nothing but denies
 * (access_policies.html#policies_session); undefined when the scenario has no such grant.
 */
export function sessionGrantsToRole(s: Scenario): Scenario | undefined {
  const role = roleOfSession(s.principal);
  const policy = s.resourcePolicy;
  if (role === undefined || s.session === undefined || policy === undefined) return undefined;
  if (s.principal.split(':')[4] !== s.resourceAccount) return undefined;
  let changed = false;
  const Statement = policy.Statement.map((st) => {
    if (st['Effect'] !== 'Allow' || !namesCallerItself(st['Principal'], s.principal)) return st;
    changed = true;
    return { ...st, Principal: { AWS: role } };
  });
  return changed ? { ...s, resourcePolicy: { ...policy, Statement } } : undefined;
}

/**
 * Whether an ARN pattern's resource field (after the fifth colon) has a policy variable
 * before any `/` or `:` of its own, so that the first separator is inside `${...}`.
 */
export function variableHidesResourceType(pattern: string): boolean {
  const parts = pattern.split(':');
  if (parts.length < 6 || parts[0]!.toLowerCase() !== 'arn') return false;
  const resource = parts.slice(5).join(':');
  const variable = resource.indexOf('${');
  if (variable < 0) return false;
  return !/[/:]/.test(resource.slice(0, variable));
}
