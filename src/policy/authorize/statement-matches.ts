// Whether one compiled statement applies to a request: action, resource,
// principal and every condition. The hot path of every decision; the action part
// is decided once per distinct action and cached by the prepared policy set.

import type { RequestContext } from '../context.js';
import type { ConditionTrace } from '../condition/types.js';
import type { CompiledStatement } from '../evaluate/compile-policy.js';

export function actionMatches(st: CompiledStatement, lowerAction: string): boolean {
  if (st.action !== undefined) return st.action.matches(lowerAction);
  return st.notAction === undefined || !st.notAction.matches(lowerAction);
}

/** Resource, principal and conditions, for a statement whose action already matched. */
export function restMatches(
  st: CompiledStatement,
  request: RequestContext,
  trace: ConditionTrace | null,
  boundaryPresent: boolean,
): boolean {
  if (st.resource !== undefined) {
    if (!st.resource.matches(request.resource, request.keys)) return false;
  } else if (st.notResource !== undefined && st.notResource.matches(request.resource, request.keys)) return false;

  if (st.principal !== undefined) {
    if (!st.principal.matches(request.principal)) return false;
  } else if (st.notPrincipal !== undefined && st.notPrincipal.matches(request.principal)) {
    // AWS: a Deny with NotPrincipal always denies a principal that has a permissions boundary,
    // whatever NotPrincipal names.
    if (!(st.deny && boundaryPresent)) return false;
  }

  const conditions = st.conditions;
  for (let i = 0; i < conditions.length; i++) {
    if (!conditions[i]!.test(request.keys, trace)) return false;
  }
  return true;
}

export function statementMatches(
  st: CompiledStatement,
  request: RequestContext,
  lowerAction: string,
  trace: ConditionTrace | null,
  boundaryPresent = false,
): boolean {
  return actionMatches(st, lowerAction) && restMatches(st, request, trace, boundaryPresent);
}
