// Explains a decision: the decision itself plus, for every statement of every
// policy, whether it matched and if not the first element that did not. Slower
// than authorize() and meant for people (simulator, CLI, console, denial messages).

import type { ContextValue, RequestContext } from '../context.js';
import type { ConditionTrace } from '../condition/types.js';
import { authorize } from '../authorize/authorize.js';
import type { PolicySet } from '../authorize/policy-set.js';
import type { CompiledPolicy, CompiledStatement } from '../evaluate/compile-policy.js';
import type { Decision, PolicyType } from '../evaluate/types.js';
import type { Effect } from '../document/types.js';

/** The first element of a statement that did not match the request. */
export type Mismatch = 'action' | 'resource' | 'principal' | 'condition';

export interface FailedCondition {
  readonly operator: string;
  readonly key: string;
  readonly values: readonly string[];
  /** What the request had for the key; undefined when it was missing. */
  readonly requestValue?: ContextValue;
  /** Set when the request value could not be read as the operator's type. */
  readonly invalid?: string;
}

export interface StatementExplanation {
  readonly policyId: string;
  readonly policyType: PolicyType;
  readonly index: number;
  readonly sid?: string;
  readonly effect: Effect;
  readonly matched: boolean;
  readonly mismatch?: Mismatch;
  readonly failedCondition?: FailedCondition;
}

export interface Explanation extends Decision {
  readonly statements: readonly StatementExplanation[];
  /** Every condition key the relevant statements use that the request lacked (as the simulator reports them). */
  readonly allMissingContextKeys: readonly string[];
}

class Recorder implements ConditionTrace {
  missing: string[] = [];
  invalid: string | undefined;
  missingKey(key: string): void {
    if (!this.missing.includes(key)) this.missing.push(key);
  }
  invalidValue(_key: string, message: string): void {
    this.invalid = message;
  }
}

export function explain(request: RequestContext, policies: PolicySet): Explanation {
  const decision = authorize(request, policies);
  const lowerAction = request.action.toLowerCase();
  const recorder = new Recorder();
  const statements: StatementExplanation[] = [];
  for (const policy of allPolicies(policies)) {
    for (const st of policy.statements) statements.push(explainStatement(st, request, lowerAction, recorder));
  }
  return { ...decision, statements, allMissingContextKeys: recorder.missing };
}

function* allPolicies(set: PolicySet): Generator<CompiledPolicy> {
  yield* set.identity;
  if (set.resource) yield* set.resource;
  if (set.boundary) yield set.boundary;
  if (set.session) yield* set.session;
  for (const level of set.scp ?? []) yield* level;
  for (const level of set.rcp ?? []) yield* level;
}

function explainStatement(
  st: CompiledStatement,
  request: RequestContext,
  lowerAction: string,
  recorder: Recorder,
): StatementExplanation {
  const base = {
    policyId: st.policyId,
    policyType: st.policyType,
    index: st.source.index,
    effect: st.source.effect,
    ...(st.source.sid !== undefined && { sid: st.source.sid }),
  };
  const actionOk = st.action ? st.action.matches(lowerAction) : !st.notAction?.matches(lowerAction);
  if (!actionOk) return { ...base, matched: false, mismatch: 'action' };
  const resourceOk = st.resource
    ? st.resource.matches(request.resource, request.keys)
    : !st.notResource?.matches(request.resource, request.keys);
  if (!resourceOk) return { ...base, matched: false, mismatch: 'resource' };
  const principalOk = st.principal
    ? st.principal.matches(request.principal)
    : !st.notPrincipal?.matches(request.principal);
  if (!principalOk) return { ...base, matched: false, mismatch: 'principal' };
  let failed: FailedCondition | undefined;
  // Evaluate every condition (not just up to the first failure) so all missing keys are seen.
  for (const condition of st.conditions) {
    recorder.invalid = undefined;
    const ok = condition.test(request.keys, recorder);
    if (!ok && failed === undefined) {
      const requestValue = request.keys.get(condition.key.toLowerCase());
      failed = {
        operator: condition.operator,
        key: condition.key,
        values: condition.values,
        ...(requestValue !== undefined && { requestValue }),
        ...(recorder.invalid !== undefined && { invalid: recorder.invalid }),
      };
    }
  }
  if (failed) return { ...base, matched: false, mismatch: 'condition', failedCondition: failed };
  return { ...base, matched: true };
}
