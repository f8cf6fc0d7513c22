// Runs one scenario through both engines and, on a disagreement, names the known
// divergence categories that explain it (or none), from the verdicts alone.

import { classify, type Outcome } from './divergences.js';
import { runIamSimulate } from './run-iam-simulate.js';
import { runKeyward } from './run-keyward.js';
import type { Scenario, Verdict } from './scenario.js';

export interface Comparison {
  readonly keyward: Verdict;
  readonly peer: Verdict;
  /** Undefined when the engines agree; the category ids joined by `+`, or `unexplained`, when they do not. */
  readonly divergence?: string;
}

export const UNEXPLAINED = 'unexplained';

/** Both engines' verdicts; throws when the peer rejects the scenario. */
export async function outcome(scenario: Scenario): Promise<Outcome> {
  const peer = await runIamSimulate(scenario);
  return { keyward: runKeyward(scenario), peer };
}

/** Both verdicts as `keyward/peer` when they differ, else undefined (also when the peer rejects a rewrite). */
export async function disagreement(s: Scenario): Promise<string | undefined> {
  let o: Outcome;
  try {
    o = await outcome(s);
  } catch {
    return undefined;
  }
  return o.keyward === o.peer ? undefined : `${o.keyward}/${o.peer}`;
}

export async function compare(scenario: Scenario): Promise<Comparison> {
  const o = await outcome(scenario);
  if (o.keyward === o.peer) return o;
  const categories = await classify(scenario, outcome);
  return { ...o, divergence: categories?.join('+') ?? UNEXPLAINED };
}
