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
