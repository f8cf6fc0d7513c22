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
import { crossAccountScenarioArb, organizationScenarioArb, scenarioArb, trustScenarioArb } from './scenario-arbitrary.js';

const FIXED_SEED = 20_240_917;

/** The scenario families and how many of each a run draws (family i samples with seed + i). */
const FAMILIES: readonly { readonly id: string; readonly arb: fc.Arbitrary<Scenario>; readonly runs: number }[] = [
  { id: 'one-account', arb: scenarioArb, runs: 2100 },
  { id: 'organizations', arb: organizationScenarioArb, runs: 300 },
  { id: 'trust', arb: trustScenarioArb, runs: 300 },
  { id: 'cross-account', arb: crossAccountScenarioArb, runs: 300 },
];
const RUNS = FAMILIES.reduce((n, f) => n + f.runs, 0);

/**
 * Divergences per family and category (ids joined by `+` for a scenario that mixes
 * several) on the fixed seed. A change of either engine or of the generators that
 * moves a count fails here: update the number in the same commit and say why it moved.
 */
const PINNED: Readonly<Record<string, number>> = {
  'one-account: arn-prefix-case': 35,
  'one-account: negated-operator-unresolved-variable': 4,
  'one-account: not-ip-address-other-family': 2,
  'one-account: session-policy-limits-session-arn-grant': 6,
  'one-account: unresolved-variable-in-not-resource': 6,
  'one-account: variable-in-resource-id-without-type': 1,
  'organizations: arn-prefix-case': 5,
  'organizations: unresolved-variable-in-not-resource': 1,
  'trust: arn-prefix-case': 12,
  'trust: negated-operator-unresolved-variable': 1,
  'trust: not-ip-address-other-family': 1,
  'trust: session-policy-limits-session-arn-grant': 1,
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
    const verdicts = new Map<string, number>();
    const categories = new Map<string, number>();
    const unexplained: Scenario[] = [];
    const started = performance.now();
    const timings: string[] = [];
    for (const [i, family] of FAMILIES.entries()) {
      const familyStarted = performance.now();
      const scenarios = fc.sample(family.arb, { numRuns: family.runs, seed: SEED + i });
      expect(scenarios.length).toBe(family.runs);
      for (const scenario of scenarios) {
        const result = await compare(scenario);
        for (const key of [result.peer, `${family.id} ${result.peer}`]) verdicts.set(key, (verdicts.get(key) ?? 0) + 1);
        if (result.divergence === undefined) continue;
        const key = `${family.id}: ${result.divergence}`;
        categories.set(key, (categories.get(key) ?? 0) + 1);
        if (result.divergence === UNEXPLAINED) unexplained.push(scenario);
      }
      timings.push(`${family.id} ${family.runs} in ${((performance.now() - familyStarted) / 1000).toFixed(1)} s`);
    }
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    const agreed = RUNS - [...categories.values()].reduce((a, b) => a + b, 0);
    const lines = [
      `differential: ${RUNS} scenarios (seed ${SEED}, ${SEED === FIXED_SEED ? 'fixed: counts pinned' : 'rotating: counts not pinned'}) in ${seconds} s; ${agreed} agree`,
      `  families: ${timings.join(', ')}`,
      `  iam-simulate verdicts: ${[...verdicts].map(([k, n]) => `${k} ${n}`).join(', ')}`,
      ...[...categories].sort().map(([id, n]) => `  ${id}: ${n}`),
      `  unexplained: ${unexplained.length}`,
    ];
    console.log(lines.join('\n'));

    // Every family must keep producing all three outcomes, or agreement proves little
    // (cross-account Allow is the rarest: about 5% of that family on the seeds tried).
    for (const verdict of ['Allow', 'ExplicitDeny', 'ImplicitDeny']) {
      expect(verdicts.get(verdict) ?? 0, verdict).toBeGreaterThan(RUNS / 10);
      for (const family of FAMILIES) expect(verdicts.get(`${family.id} ${verdict}`) ?? 0, `${family.id} ${verdict}`).toBeGreaterThan(family.runs / 40);
    }

    const reproducers: string[] = [];
    for (const scenario of unexplained.slice(0, 3)) {
      const minimal = await minimizeScenario(scenario, disagreement);
      reproducers.push(`${await disagreement(minimal)} (keyward/iam-simulate): ${JSON.stringify(minimal)}`);
    }
    expect(reproducers, `unexplained disagreements (${unexplained.length}); first ones minimised`).toEqual([]);
    if (SEED === FIXED_SEED) expect(Object.fromEntries(categories), 'divergences per category on the fixed seed').toEqual(PINNED);
  });
});
