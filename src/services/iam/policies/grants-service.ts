// Whether a parsed permissions policy can grant some action of one service, as
// ListPoliciesGrantingServiceAccess asks: an Allow statement whose Action (or NotAction)
// admits at least one of the service's actions. Resources and conditions are not weighed,
// as AWS "only applies permissions policy logic" to the policy's actions.

import { actionPatternMatches } from '../../../policy/document/action.js';
import type { PolicyDocument, PolicyStatement } from '../../../policy/document/types.js';
import { compileActionMatcher, type ActionMatcher } from '../../../policy/match/action-matcher.js';

/** The engine's compiled matcher per statement pattern list: exact names in a Set, no re-scan per action. */
const matchers = new WeakMap<readonly string[], ActionMatcher>();

function matcherFor(patterns: readonly string[]): ActionMatcher {
  let matcher = matchers.get(patterns);
  if (matcher === undefined) {
    matcher = compileActionMatcher(patterns);
    matchers.set(patterns, matcher);
  }
  return matcher;
}

/** A service namespace and, when known, the names of its actions (`GetObject`, ...). */
export interface ServiceActions {
  readonly namespace: string;
  readonly actions?: readonly string[];
}

function vendorOf(pattern: string): string {
  const colon = pattern.indexOf(':');
  return colon < 0 ? pattern : pattern.slice(0, colon);
}

function someActionMatches(patterns: readonly string[], service: ServiceActions): boolean {
  const ns = service.namespace;
  if (service.actions === undefined) {
    // Unknown service: any pattern whose service part covers the namespace may match one.
    return patterns.some((p) => actionPatternMatches(vendorOf(p), ns));
  }
  const matcher = matcherFor(patterns);
  const prefix = `${ns.toLowerCase()}:`;
  return service.actions.some((a) => matcher.matches(prefix + a.toLowerCase()));
}

function someActionEscapes(patterns: readonly string[], service: ServiceActions): boolean {
  const ns = service.namespace;
  if (service.actions === undefined) {
    // Unknown service: it escapes unless a pattern excludes the whole namespace.
    return !patterns.some((p) => actionPatternMatches(p, `${ns}:*`) && (p === '*' || p.endsWith(':*')));
  }
  const matcher = matcherFor(patterns);
  const prefix = `${ns.toLowerCase()}:`;
  return service.actions.some((a) => !matcher.matches(prefix + a.toLowerCase()));
}

export function statementGrantsService(statement: PolicyStatement, service: ServiceActions): boolean {
  if (statement.effect !== 'Allow') return false;
  if (statement.action !== undefined) return someActionMatches(statement.action, service);
  if (statement.notAction !== undefined) return someActionEscapes(statement.notAction, service);
  return false;
}

export function documentGrantsService(document: PolicyDocument, service: ServiceActions): boolean {
  return document.statements.some((s) => statementGrantsService(s, service));
}
