// Compiles a parsed policy once into matchers (actions, resources, principals,
// conditions) so that many requests can be evaluated without re-parsing.

import { compileCondition, isPolicyProblem } from '../condition/compile-condition.js';
import type { CompiledCondition } from '../condition/types.js';
import type { PolicyDocument, PolicyProblem, PolicyStatement } from '../document/types.js';
import { compileActionMatcher, type ActionMatcher } from '../match/action-matcher.js';
import { compilePrincipalMatcher, type PrincipalMatcher } from '../match/principal-matcher.js';
import { compileResourceMatcher, type ResourceMatcher } from '../match/resource-matcher.js';
import type { MatchedStatement, PolicyType } from './types.js';

export interface CompiledStatement {
  readonly policyId: string;
  readonly policyType: PolicyType;
  readonly deny: boolean;
  readonly source: PolicyStatement;
  /** The report for this statement, built once so that a decision never allocates it. */
  readonly report: MatchedStatement;
  readonly action?: ActionMatcher;
  readonly notAction?: ActionMatcher;
  readonly resource?: ResourceMatcher;
  readonly notResource?: ResourceMatcher;
  readonly principal?: PrincipalMatcher;
  readonly notPrincipal?: PrincipalMatcher;
  readonly conditions: readonly CompiledCondition[];
  /**
   * Lower-cased service prefixes this statement's actions can match, or undefined
   * when it can match any service (`*`, a wildcard service, or NotAction).
   */
  readonly services?: readonly string[];
}

export interface CompiledPolicy {
  readonly id: string;
  readonly type: PolicyType;
  readonly document: PolicyDocument;
  readonly statements: readonly CompiledStatement[];
  /** Values the engine could not use (a bad CIDR, a non-numeric NumericEquals value); such entries never match. */
  readonly problems: readonly PolicyProblem[];
}

export interface CompilePolicyOptions {
  readonly id: string;
  readonly type: PolicyType;
}

export function compilePolicy(document: PolicyDocument, options: CompilePolicyOptions): CompiledPolicy {
  const variables = document.version === '2012-10-17';
  const problems: PolicyProblem[] = [];
  const statements = document.statements.map((st) => compileStatement(st, options, variables, problems));
  return { id: options.id, type: options.type, document, statements, problems };
}

function compileStatement(
  st: PolicyStatement,
  options: CompilePolicyOptions,
  variables: boolean,
  problems: PolicyProblem[],
): CompiledStatement {
  const conditions: CompiledCondition[] = [];
  for (const entry of st.conditions) {
    const compiled = compileCondition(entry, { variables });
    if (isPolicyProblem(compiled)) {
      problems.push(compiled);
      conditions.push(neverMatches(entry.operator, entry.key, entry.values));
    } else {
      problems.push(...compiled.problems);
      conditions.push(compiled);
    }
  }
  const report: MatchedStatement =
    st.sid === undefined
      ? { policyId: options.id, policyType: options.type, index: st.index, effect: st.effect }
      : { policyId: options.id, policyType: options.type, sid: st.sid, index: st.index, effect: st.effect };
  const services = st.action === undefined ? undefined : servicesOf(st.action);
  return {
    policyId: options.id,
    policyType: options.type,
    deny: st.effect === 'Deny',
    source: st,
    report,
    ...(st.action && { action: compileActionMatcher(st.action) }),
    ...(st.notAction && { notAction: compileActionMatcher(st.notAction) }),
    ...(st.resource && { resource: compileResourceMatcher(st.resource, { variables }) }),
    ...(st.notResource && { notResource: compileResourceMatcher(st.notResource, { variables }) }),
    ...(st.principal && { principal: compilePrincipalMatcher(st.principal) }),
    ...(st.notPrincipal && { notPrincipal: compilePrincipalMatcher(st.notPrincipal) }),
    conditions,
    ...(services && { services }),
  };
}

/** The service prefixes a list of action patterns is confined to, or undefined if any may match every service. */
function servicesOf(actions: readonly string[]): string[] | undefined {
  const services = new Set<string>();
  for (const action of actions) {
    const colon = action.indexOf(':');
    if (colon < 0) return undefined;
    const service = action.slice(0, colon).toLowerCase();
    if (service.includes('*') || service.includes('?')) return undefined;
    services.add(service);
  }
  return [...services];
}

function neverMatches(operator: string, key: string, values: readonly string[]): CompiledCondition {
  return { operator, key, values, test: () => false };
}
