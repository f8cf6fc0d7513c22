// Known divergences between Keyward and iam-simulate where AWS's documentation
// shows Keyward right: each category of known-divergences.json has a predicate
// here that recognises exactly its disagreements (by structure, then by a
// counterfactual re-run without the feature in question).

import type { Decision } from '../../src/policy/index.js';
import type { PeerResult } from './run-iam-simulate.js';
import type { Scenario } from './scenario.js';
import {
  arnConditionValues,
  lowerArnPrefix,
  mapArnConditionValues,
  mapResourcePatterns,
  resourcePatterns,
  substitutePresentVariables,
} from './scenario-transforms.js';

export interface Disagreement {
  readonly scenario: Scenario;
  readonly keyward: Decision;
  readonly peer: PeerResult;
}

/** Re-runs both engines on a rewritten scenario; true when they agree on it. */
export type AgreeOn = (s: Scenario) => Promise<boolean>;

export interface DivergenceCategory {
  readonly id: string;
  explains(d: Disagreement, agreeOn: AgreeOn): Promise<boolean>;
}

interface ResourceExplainLike {
  readonly resource: string;
  readonly mismatchReason?: string;
}

/** Every Resource / NotResource explain iam-simulate gave, over every policy type it analysed. */
function peerResourceExplains(peer: PeerResult): ResourceExplainLike[] {
  const a = peer.analysis;
  const out: ResourceExplainLike[] = [];
  for (const analysis of [a.identityAnalysis, a.permissionBoundaryAnalysis, a.sessionAnalysis, a.resourceAnalysis]) {
    if (analysis === undefined) continue;
    for (const st of [...analysis.allowStatements, ...analysis.denyStatements, ...analysis.unmatchedStatements]) {
      for (const field of [st.explain.resources, st.explain.notResources]) {
        if (field === undefined) continue;
        out.push(...(Array.isArray(field) ? field : [field]));
      }
    }
  }
  return out;
}

function callerAccount(arn: string): string {
  return arn.split(':')[4] ?? '';
}

/** A resource-policy Principal that names the caller itself: its session ARN, or everyone. */
function namesSessionItself(principal: unknown, sessionArn: string): boolean {
  if (principal === '*') return true;
  if (typeof principal !== 'object' || principal === null) return false;
  const aws = (principal as Record<string, unknown>)['AWS'];
  const entries = Array.isArray(aws) ? aws : [aws];
  return entries.some((e) => e === '*' || e === sessionArn);
}

export const CATEGORIES: readonly DivergenceCategory[] = [
  {
    id: 'arn-prefix-case',
    async explains(d, agreeOn) {
      const patterns = [...resourcePatterns(d.scenario), ...arnConditionValues(d.scenario)];
      if (!patterns.some((p) => lowerArnPrefix(p) !== p)) return false;
      return agreeOn(mapArnConditionValues(mapResourcePatterns(d.scenario, lowerArnPrefix), lowerArnPrefix));
    },
  },
  {
    id: 'session-policy-limits-session-arn-grant',
    async explains(d) {
      const s = d.scenario;
      if (s.session === undefined || s.resourcePolicy === undefined) return false;
      if (d.keyward.decision !== 'Allow' || d.peer.verdict !== 'ImplicitDeny') return false;
      if (d.peer.analysis.sessionAnalysis?.result === 'Allowed') return false;
      if (callerAccount(s.principal) !== s.resourceAccount) return false;
      const statements = s.resourcePolicy.Statement;
      return d.keyward.matched.some(
        (m) => m.policyType === 'resource' && m.effect === 'Allow' && namesSessionItself(statements[m.index]?.['Principal'], s.principal),
      );
    },
  },
  {
    id: 'variable-in-resource-id-without-type',
    async explains(d, agreeOn) {
      const split = peerResourceExplains(d.peer).some((e) => e.mismatchReason === 'productMismatch' && e.resource.includes('${'));
      if (!split) return false;
      return agreeOn(mapResourcePatterns(d.scenario, (p) => substitutePresentVariables(p, d.scenario.context)));
    },
  },
];

/** The first category that explains a disagreement, or undefined when none does. */
export async function classify(d: Disagreement, agreeOn: AgreeOn): Promise<string | undefined> {
  for (const category of CATEGORIES) if (await category.explains(d, agreeOn)) return category.id;
  return undefined;
}
