// Whether a parsed permissions policy can grant some action of one service, as
// ListPoliciesGrantingServiceAccess asks: an Allow statement whose Action (or NotAction)
// admits at least one of the service's actions. Resources and conditions are not weighed,
// as AWS "only applies permissions policy logic" to the policy's actions.

import { actionPatternMatches } from '../../policy/document/action.js';
import type { PolicyDocument, PolicyStatement } from '../../policy/document/types.js';

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
  return service.actions.some((a) => patterns.some((p) => actionPatternMatches(p, `${ns}:${a}`)));
}

function someActionEscapes(patterns: readonly string[], service: ServiceActions): boolean {
  const ns = service.namespace;
  if (service.actions === undefined) {
    // Unknown service: it escapes unless a pattern excludes the whole namespace.
    return !patterns.some((p) => actionPatternMatches(p, `${ns}:*`) && (p === '*' || p.endsWith(':*')));
  }
  return service.actions.some((a) => !patterns.some((p) => actionPatternMatches(p, `${ns}:${a}`)));
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
