// Known divergences between Keyward and iam-simulate where AWS's documentation
// shows Keyward right. Each category of known-divergences.json has a counterfactual
// here: a rewrite of the scenario's inputs that removes the feature in question;
// the disagreement belongs to the category when the engines agree on the rewrite.
// Nothing here reads either engine's explanation of its decision.

import type { Scenario, Verdict } from './scenario.js';
import {
  lowerArnPrefix,
  mapArnConditionValues,
  mapConditionValues,
  mapResourcePatterns,
  sameFamilyNotIpAddress,
  sessionGrantsToRole,
  substitutePresentVariables,
  unresolvedVariables,
  variableHidesResourceType,
} from './scenario-transforms.js';

/** Both engines' verdicts on one scenario. */
export interface Outcome {
  readonly keyward: Verdict;
  readonly peer: Verdict;
}

/** Runs both engines on a (rewritten) scenario. */
export type Rerun = (s: Scenario) => Promise<Outcome>;

/**
 * A category: `rewrite` returns the scenario without the feature (undefined when the
 * scenario does not have it); the engines must agree on the result.
 */
export interface DivergenceCategory {
  readonly id: string;
  readonly rewrite: (s: Scenario) => Scenario | undefined;
}

/** An ARN no scenario's request names. */
const NOWHERE_ARN = 'arn:aws:s3:::keyward-differential-nowhere/none';
/** A literal no request value in the vocabulary equals or is like. */
const NULL_STAND_IN = 'keyward-differential-null';
const NEGATED_STRING = /^(ForAnyValue:|ForAllValues:)?StringNot/i;

const unchangedOr = (before: Scenario, after: Scenario): Scenario | undefined =>
  JSON.stringify(after) === JSON.stringify(before) ? undefined : after;

export const CATEGORIES: readonly DivergenceCategory[] = [
  {
    id: 'arn-prefix-case',
    rewrite(s) {
      return unchangedOr(s, mapArnConditionValues(mapResourcePatterns(s, lowerArnPrefix), lowerArnPrefix));
    },
  },
  {
    id: 'session-policy-limits-session-arn-grant',
    // The grant names the role instead of the session: AWS then limits it by the session policy too.
    rewrite: sessionGrantsToRole,
  },
  {
    id: 'variable-in-resource-id-without-type',
    rewrite(s) {
      const fix = (p: string): string => (variableHidesResourceType(p) ? substitutePresentVariables(p, s.context) : p);
      return unchangedOr(s, mapResourcePatterns(s, fix));
    },
  },
  {
    id: 'unresolved-variable-in-not-resource',
    rewrite(s) {
      const unresolved = (p: string): boolean => unresolvedVariables(p, s.context).length > 0;
      // AWS: such an entry "will not match any resource", exactly as an ARN naming nothing.
      return unchangedOr(s, mapResourcePatterns(s, (p) => (unresolved(p) ? NOWHERE_ARN : p), ['NotResource']));
    },
  },
  {
    id: 'negated-operator-unresolved-variable',
    rewrite(s) {
      const hit = (operator: string, value: string): boolean => NEGATED_STRING.test(operator) && unresolvedVariables(value, s.context).length > 0;
      // AWS: the variable is "effectively null", which no request value equals or is like.
      return unchangedOr(s, mapConditionValues(s, (operator, _key, value) => (hit(operator, value) ? NULL_STAND_IN : value)));
    },
  },
  {
    id: 'not-ip-address-other-family',
    rewrite(s) {
      return unchangedOr(s, sameFamilyNotIpAddress(s));
    },
  },
];

const agree = (o: Outcome): boolean => o.keyward === o.peer;

/**
 * The categories that explain a disagreement on `scenario`, or undefined when they
 * do not: first each category's rewrite alone; then, for a scenario that mixes
 * several features, the applicable rewrites one after the other.
 */
export async function classify(scenario: Scenario, rerun: Rerun): Promise<readonly string[] | undefined> {
  for (const category of CATEGORIES) {
    const rewritten = category.rewrite(scenario);
    if (rewritten !== undefined && agree(await rerun(rewritten))) return [category.id];
  }
  let current = scenario;
  const applied: string[] = [];
  for (const category of CATEGORIES) {
    const rewritten = category.rewrite(current);
    if (rewritten === undefined) continue;
    applied.push(category.id);
    current = rewritten;
    if (applied.length > 1 && agree(await rerun(current))) return applied;
  }
  return undefined;
}
