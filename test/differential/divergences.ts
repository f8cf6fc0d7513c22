// Known divergences between Keyward and iam-simulate where AWS's documentation
// shows Keyward right: each category of known-divergences.json has a predicate
// here that recognises exactly its disagreements (by structure, then by a
// counterfactual re-run without the feature in question).

import type { Decision } from '../../src/policy/index.js';
import type { PeerResult } from './run-iam-simulate.js';
import type { Scenario } from './scenario.js';
import {
  arnConditionValues,
  conditionValues,
  lowerArnPrefix,
  mapArnConditionValues,
  mapConditionValues,
  mapResourcePatterns,
  resourcePatterns,
  sameFamilyNotIpAddress,
  substitutePresentVariables,
  unresolvedVariables,
} from './scenario-transforms.js';

export interface Disagreement {
  readonly scenario: Scenario;
  readonly keyward: Decision;
  readonly peer: PeerResult;
}

/** Re-runs both engines on a rewritten scenario: the disagreement, or undefined when they agree. */
export type Rerun = (s: Scenario) => Promise<Disagreement | undefined>;

/**
 * A category is recognised either by a counterfactual (`rewrite` removes the
 * feature in an AWS-equivalent way; the engines must then agree) or, where no
 * such rewrite exists, by the shape of the disagreement (`recognises`).
 */
export interface DivergenceCategory {
  readonly id: string;
  readonly rewrite?: (d: Disagreement) => Scenario | undefined;
  readonly recognises?: (d: Disagreement) => boolean;
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

/** An ARN no scenario's request names. */
const NOWHERE_ARN = 'arn:aws:s3:::keyward-differential-nowhere/none';
/** A literal no request value in the vocabulary equals or is like. */
const NULL_STAND_IN = 'keyward-differential-null';
const NEGATED_STRING = /^(ForAnyValue:|ForAllValues:)?StringNot/i;

const rewriteIf = (changed: boolean, s: Scenario): Scenario | undefined => (changed ? s : undefined);

export const CATEGORIES: readonly DivergenceCategory[] = [
  {
    id: 'arn-prefix-case',
    rewrite({ scenario }) {
      const patterns = [...resourcePatterns(scenario), ...arnConditionValues(scenario)];
      const lowered = mapArnConditionValues(mapResourcePatterns(scenario, lowerArnPrefix), lowerArnPrefix);
      return rewriteIf(patterns.some((p) => lowerArnPrefix(p) !== p), lowered);
    },
  },
  {
    id: 'session-policy-limits-session-arn-grant',
    recognises(d) {
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
    rewrite({ scenario, peer }) {
      const split = peerResourceExplains(peer).some((e) => e.mismatchReason === 'productMismatch' && e.resource.includes('${'));
      return rewriteIf(split, mapResourcePatterns(scenario, (p) => substitutePresentVariables(p, scenario.context)));
    },
  },
  {
    id: 'unresolved-variable-in-not-resource',
    rewrite({ scenario }) {
      const unresolved = (p: string): boolean => unresolvedVariables(p, scenario.context).length > 0;
      // AWS: such an entry "will not match any resource", exactly as an ARN naming nothing.
      const rewritten = mapResourcePatterns(scenario, (p) => (unresolved(p) ? NOWHERE_ARN : p), ['NotResource']);
      return rewriteIf(resourcePatterns(scenario, ['NotResource']).some(unresolved), rewritten);
    },
  },
  {
    id: 'negated-operator-unresolved-variable',
    rewrite({ scenario }) {
      const hit = (operator: string, value: string): boolean =>
        NEGATED_STRING.test(operator) && unresolvedVariables(value, scenario.context).length > 0;
      // AWS: the variable is "effectively null", which no request value equals or is like.
      const rewritten = mapConditionValues(scenario, (operator, _key, value) => (hit(operator, value) ? NULL_STAND_IN : value));
      return rewriteIf(conditionValues(scenario).some((c) => hit(c.operator, c.value)), rewritten);
    },
  },
  {
    id: 'not-ip-address-other-family',
    rewrite({ scenario }) {
      const rewritten = sameFamilyNotIpAddress(scenario);
      return rewriteIf(JSON.stringify(rewritten) !== JSON.stringify(scenario), rewritten);
    },
  },
];

/**
 * The categories that explain a disagreement, or undefined when they do not.
 * First each category alone; then, for a scenario that mixes several, every
 * applicable rewrite at once, with the structural categories checked last.
 */
export async function classify(d: Disagreement, rerun: Rerun): Promise<readonly string[] | undefined> {
  for (const category of CATEGORIES) {
    if (category.recognises?.(d) === true) return [category.id];
    const rewritten = category.rewrite?.(d);
    if (rewritten !== undefined && (await rerun(rewritten)) === undefined) return [category.id];
  }
  let current = d;
  const applied: string[] = [];
  for (const category of CATEGORIES) {
    const rewritten = category.rewrite?.(current);
    if (rewritten === undefined) continue;
    applied.push(category.id);
    const next = await rerun(rewritten);
    if (next === undefined) return applied;
    current = next;
  }
  const structural = CATEGORIES.find((c) => c.recognises?.(current) === true);
  return structural !== undefined && applied.length > 0 ? [...applied, structural.id] : undefined;
}
