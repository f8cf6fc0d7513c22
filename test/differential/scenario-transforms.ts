// Rewrites of a scenario used to test a divergence category counterfactually:
// remove one feature, re-run both engines, and see whether they then agree.

import type { PolicyJson, Scenario, StatementJson } from './scenario.js';

const RESOURCE_ELEMENTS = ['Resource', 'NotResource'] as const;

function mapStatement(st: StatementJson, fn: (pattern: string) => string): StatementJson {
  const out: Record<string, unknown> = { ...st };
  for (const element of RESOURCE_ELEMENTS) {
    const value = st[element];
    if (typeof value === 'string') out[element] = fn(value);
    else if (Array.isArray(value)) out[element] = value.map((v) => (typeof v === 'string' ? fn(v) : v));
  }
  return out;
}

function mapPolicy(policy: PolicyJson, fn: (pattern: string) => string): PolicyJson {
  return { ...policy, Statement: policy.Statement.map((st) => mapStatement(st, fn)) };
}

/** Applies `fn` to every Resource and NotResource pattern of every policy. */
export function mapResourcePatterns(s: Scenario, fn: (pattern: string) => string): Scenario {
  return {
    ...s,
    identity: s.identity.map((p) => mapPolicy(p, fn)),
    ...(s.boundary ? { boundary: mapPolicy(s.boundary, fn) } : {}),
    ...(s.session ? { session: mapPolicy(s.session, fn) } : {}),
    ...(s.resourcePolicy ? { resourcePolicy: mapPolicy(s.resourcePolicy, fn) } : {}),
  };
}

/** Every Resource and NotResource pattern of every policy. */
export function resourcePatterns(s: Scenario): string[] {
  const out: string[] = [];
  mapResourcePatterns(s, (p) => {
    out.push(p);
    return p;
  });
  return out;
}

function mapArnConditions(policy: PolicyJson, fn: (pattern: string) => string): PolicyJson {
  const statement = policy.Statement.map((st) => {
    const condition = st['Condition'] as Record<string, Record<string, string | string[]>> | undefined;
    if (condition === undefined) return st;
    const mapped: Record<string, Record<string, string | string[]>> = {};
    for (const [operator, entries] of Object.entries(condition)) {
      const isArn = /^(For(Any|All)Value:)?Arn/i.test(operator);
      mapped[operator] = Object.fromEntries(
        Object.entries(entries).map(([key, v]) => [key, !isArn ? v : typeof v === 'string' ? fn(v) : v.map(fn)]),
      );
    }
    return { ...st, Condition: mapped };
  });
  return { ...policy, Statement: statement };
}

/** Applies `fn` to every value of an Arn* condition operator (ArnLike, ArnEquals, ...) in every policy. */
export function mapArnConditionValues(s: Scenario, fn: (pattern: string) => string): Scenario {
  return {
    ...s,
    identity: s.identity.map((p) => mapArnConditions(p, fn)),
    ...(s.boundary ? { boundary: mapArnConditions(s.boundary, fn) } : {}),
    ...(s.session ? { session: mapArnConditions(s.session, fn) } : {}),
    ...(s.resourcePolicy ? { resourcePolicy: mapArnConditions(s.resourcePolicy, fn) } : {}),
  };
}

/** Every value of an Arn* condition operator in every policy. */
export function arnConditionValues(s: Scenario): string[] {
  const out: string[] = [];
  mapArnConditionValues(s, (p) => {
    out.push(p);
    return p;
  });
  return out;
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
