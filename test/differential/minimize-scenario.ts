// Greedy shrinking of a disagreeing scenario to a minimal reproducer: drop
// policies, statements, condition entries, list values and context keys for as
// long as the two engines still disagree in the same way.

import type { Scenario } from './scenario.js';

type Json = Record<string, unknown>;
type Step = (s: Json) => void;

const clone = (s: Json): Json => JSON.parse(JSON.stringify(s)) as Json;
const obj = (v: unknown): Json => v as Json;
const arr = (v: unknown): unknown[] => v as unknown[];

/** Steps that shorten one list-or-string element: remove one entry, or collapse a one-entry list to a string. */
function shortenings(holder: Json, key: string, path: (s: Json) => Json): Step[] {
  const value = holder[key];
  if (!Array.isArray(value)) return [];
  return value.map((_, i) => (s: Json) => {
    const list = arr(path(s)[key]);
    path(s)[key] = list.length > 1 ? list.filter((__, j) => j !== i) : list[0];
  });
}

function policyPaths(s: Json): ((x: Json) => Json)[] {
  const paths: ((x: Json) => Json)[] = arr(s['identity']).map((_, i) => (x: Json) => obj(arr(x['identity'])[i]));
  for (const field of ['boundary', 'session', 'resourcePolicy']) if (s[field] !== undefined) paths.push((x) => obj(x[field]));
  for (const field of ['scp', 'rcp']) {
    const levels = s[field] === undefined ? [] : arr(s[field]);
    levels.forEach((level, i) => arr(level).forEach((_, j) => paths.push((x) => obj(arr(arr(x[field])[i])[j]))));
  }
  return paths;
}

function statementSteps(s: Json, policy: (x: Json) => Json): Step[] {
  const steps: Step[] = [];
  const statements = arr(policy(s)['Statement']);
  statements.forEach((raw, i) => {
    const st = obj(raw);
    const at = (x: Json): Json => obj(arr(policy(x)['Statement'])[i]);
    if (statements.length > 1) steps.push((x) => void arr(policy(x)['Statement']).splice(i, 1));
    const condition = st['Condition'] as Record<string, Json> | undefined;
    if (condition !== undefined) {
      steps.push((x) => void delete at(x)['Condition']);
      for (const [operator, entries] of Object.entries(condition)) {
        const block = (x: Json): Json => obj(obj(at(x)['Condition'])[operator]);
        if (Object.keys(condition).length > 1) steps.push((x) => void delete obj(at(x)['Condition'])[operator]);
        for (const key of Object.keys(entries)) {
          if (Object.keys(entries).length > 1) steps.push((x) => void delete block(x)[key]);
          steps.push(...shortenings(entries, key, block));
        }
      }
    }
    for (const element of ['Action', 'NotAction', 'Resource', 'NotResource']) steps.push(...shortenings(st, element, at));
    for (const element of ['Principal', 'NotPrincipal']) {
      const spec = st[element];
      if (typeof spec === 'object' && spec !== null) {
        for (const key of Object.keys(spec)) steps.push(...shortenings(obj(spec), key, (x) => obj(at(x)[element])));
      }
    }
  });
  return steps;
}

function steps(s: Json): Step[] {
  const out: Step[] = [];
  for (const field of ['boundary', 'session', 'resourcePolicy', 'scp', 'rcp']) if (s[field] !== undefined) out.push((x) => void delete x[field]);
  for (const field of ['scp', 'rcp']) {
    const levels = s[field] === undefined ? [] : arr(s[field]);
    levels.forEach((level, i) => arr(level).forEach((_, j) => out.push((x) => void arr(arr(x[field])[i]).splice(j, 1))));
  }
  arr(s['identity']).forEach((_, i) => out.push((x) => void arr(x['identity']).splice(i, 1)));
  const context = obj(s['context']);
  for (const key of Object.keys(context)) {
    out.push((x) => void delete obj(x['context'])[key]);
    const value = context[key];
    if (Array.isArray(value) && value.length > 1) {
      value.forEach((_, i) => out.push((x) => void (obj(x['context'])[key] = arr(obj(x['context'])[key]).filter((__, j) => j !== i))));
    }
  }
  for (const policy of policyPaths(s)) out.push(...statementSteps(s, policy));
  return out;
}

/**
 * Shrinks `scenario` while `outcome` (for example "Allow/ImplicitDeny") stays the same.
 * `outcome` returns undefined when the engines agree or a rewrite is invalid.
 */
export async function minimizeScenario(scenario: Scenario, outcome: (s: Scenario) => Promise<string | undefined>): Promise<Scenario> {
  const target = await outcome(scenario);
  if (target === undefined) return scenario;
  let current = clone(scenario as unknown as Json);
  for (let changed = true; changed; ) {
    changed = false;
    for (const step of steps(current)) {
      const candidate = clone(current);
      step(candidate);
      if ((await outcome(candidate as unknown as Scenario)) === target) {
        current = candidate;
        changed = true;
        break;
      }
    }
  }
  return current as unknown as Scenario;
}
