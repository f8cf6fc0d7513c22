// Runs one scenario through both engines and, on a disagreement, names the known
// divergence category that explains it (or none).

import { classify, type Disagreement } from './divergences.js';
import { runIamSimulate } from './run-iam-simulate.js';
import { runKeyward } from './run-keyward.js';
import type { Scenario } from './scenario.js';

export interface Comparison {
  readonly keyward: string;
  readonly peer: string;
  /** Undefined when the engines agree; the category ids joined by `+`, or `unexplained`, when they do not. */
  readonly divergence?: string;
}

export const UNEXPLAINED = 'unexplained';

/** Both verdicts as `keyward/peer` when they differ, else undefined (also when the peer rejects a rewrite). */
export async function disagreement(s: Scenario): Promise<string | undefined> {
  let peer: string;
  try {
    peer = (await runIamSimulate(s)).verdict;
  } catch {
    return undefined;
  }
  const keyward = runKeyward(s).decision;
  return keyward === peer ? undefined : `${keyward}/${peer}`;
}

async function rerun(scenario: Scenario): Promise<Disagreement | undefined> {
  const keyward = runKeyward(scenario);
  const peer = await runIamSimulate(scenario);
  return keyward.decision === peer.verdict ? undefined : { scenario, keyward, peer };
}

export async function compare(scenario: Scenario): Promise<Comparison> {
  const keyward = runKeyward(scenario);
  const peer = await runIamSimulate(scenario);
  if (keyward.decision === peer.verdict) return { keyward: keyward.decision, peer: peer.verdict };
  const categories = await classify({ scenario, keyward, peer }, rerun);
  return { keyward: keyward.decision, peer: peer.verdict, divergence: categories?.join('+') ?? UNEXPLAINED };
}
