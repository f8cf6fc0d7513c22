// Differential test: thousands of random, valid scenarios decided by Keyward and by
// @cloud-copilot/iam-simulate. Every disagreement must belong to a documented
// category of known-divergences.json; anything else fails, with a minimised
// reproducer. On the fixed seed the count per category is pinned; KEYWARD_DIFF_SEED
// runs another seed (a rotating run), where only the categories are checked.

import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compare, disagreement, UNEXPLAINED } from './compare.js';
import { CATEGORIES } from './divergences.js';
import { minimizeScenario } from './minimize-scenario.js';
import type { Scenario } from './scenario.js';
import { scenarioArb } from './scenario-arbitrary.js';

const FIXED_SEED = 20_240_917;
const RUNS = 3000;

/**
 * Divergences per category (ids joined by `+` for a scenario that mixes several) on
 * the fixed seed. A change of either engine or of the generators that moves a count
 * fails here: update the number in the same commit and say why it moved.
 */
const PINNED: Readonly<Record<string, number>> = {
  'arn-prefix-case': 61,
  'session-policy-limits-session-arn-grant': 12,
  'variable-in-resource-id-without-type': 1,
  'unresolved-variable-in-not-resource': 9,
  'negated-operator-unresolved-variable': 4,
  'not-ip-address-other-family': 2,
};

/** The seed of this run: KEYWARD_DIFF_SEED (an integer) for a rotating run, else the fixed one. */
function seedOf(env: string | undefined): number {
  if (env === undefined || env === '') return FIXED_SEED;
  if (!/^-?\d+$/.test(env)) throw new Error(`KEYWARD_DIFF_SEED must be an integer, not ${JSON.stringify(env)}`);
  return Number(env);
}
const SEED = seedOf(process.env['KEYWARD_DIFF_SEED']);

interface KnownCategory {
  readonly id: string;
  readonly aws: readonly { readonly url: string; readonly quote: string }[];
}

const known = JSON.parse(readFileSync(new URL('./known-divergences.json', import.meta.url), 'utf8')) as {
  readonly categories: readonly KnownCategory[];
};

describe('Keyward against iam-simulate', () => {
  it('documents every known divergence category, and only those with a predicate', () => {
    expect(known.categories.map((c) => c.id).sort()).toEqual(CATEGORIES.map((c) => c.id).sort());
    for (const c of known.categories) {
      expect(c.aws.length, c.id).toBeGreaterThan(0);
      for (const source of c.aws) {
        expect(source.url, c.id).toMatch(/^https:\/\/docs\.aws\.amazon\.com\//);
        expect(source.quote.length, c.id).toBeGreaterThan(20);
      }
    }
  });

  it(`agrees on ${RUNS} random scenarios except for documented divergences`, { timeout: 240_000 }, async () => {
    const scenarios = fc.sample(scenarioArb, { numRuns: RUNS, seed: SEED });
    expect(scenarios.length).toBe(RUNS);
    const verdicts = new Map<string, number>();
    const categories = new Map<string, number>();
    const unexplained: Scenario[] = [];
    const started = performance.now();
    for (const scenario of scenarios) {
      const result = await compare(scenario);
      verdicts.set(result.peer, (verdicts.get(result.peer) ?? 0) + 1);
      if (result.divergence === undefined) continue;
      categories.set(result.divergence, (categories.get(result.divergence) ?? 0) + 1);
      if (result.divergence === UNEXPLAINED) unexplained.push(scenario);
    }
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    const agreed = RUNS - [...categories.values()].reduce((a, b) => a + b, 0);
    const lines = [
      `differential: ${RUNS} scenarios (seed ${SEED}, ${SEED === FIXED_SEED ? "fixed: counts pinned" : "rotating: counts not pinned"}) in ${seconds} s; ${agreed} agree`,
      `  iam-simulate verdicts: ${[...verdicts].map(([k, n]) => `${k} ${n}`).join(', ')}`,
      ...CATEGORIES.map((c) => `  known divergence ${c.id}: ${categories.get(c.id) ?? 0}`),
      ...[...categories]
        .filter(([id]) => id.includes('+'))
        .map(([id, n]) => `  known divergences together ${id}: ${n}`),
      `  unexplained: ${unexplained.length}`,
    ];
    console.log(lines.join('\n'));

    // The generator must keep producing all three outcomes, or agreement proves little.
    for (const verdict of ['Allow', 'ExplicitDeny', 'ImplicitDeny']) expect(verdicts.get(verdict) ?? 0).toBeGreaterThan(RUNS / 10);

    const reproducers: string[] = [];
    for (const scenario of unexplained.slice(0, 3)) {
      const minimal = await minimizeScenario(scenario, disagreement);
      reproducers.push(`${await disagreement(minimal)} (keyward/iam-simulate): ${JSON.stringify(minimal)}`);
    }
    expect(reproducers, `unexplained disagreements (${unexplained.length}); first ones minimised`).toEqual([]);
    if (SEED === FIXED_SEED) expect(Object.fromEntries(categories), 'divergences per category on the fixed seed').toEqual(PINNED);
  });
});
