// Runs one corpus case through the engine: parse and compile its policies, build
// the request context, authorize, and project the decision onto what the case expects.

import { contextKeys, type RequestContext } from '../../src/policy/context.js';
import { parsePolicy } from '../../src/policy/document/parse-policy.js';
import { compilePolicy, type CompiledPolicy } from '../../src/policy/evaluate/compile-policy.js';
import { authorize } from '../../src/policy/authorize/authorize.js';
import type { PolicySet } from '../../src/policy/authorize/policy-set.js';
import type { Decision } from '../../src/policy/evaluate/types.js';
import type { CaseExpect, CorpusCase } from './case-types.js';

/** The decision reduced to comparable values: sorted statement refs, lower-cased keys. */
export interface Outcome {
  readonly decision: string;
  readonly matched?: readonly string[];
  readonly missingContextKeys?: readonly string[];
  readonly deniedBy?: string | undefined;
}

export class PolicyParseError extends Error {
  constructor(policyId: string, message: string) {
    super(`policy "${policyId}" does not parse: ${message}`);
    this.name = 'PolicyParseError';
  }
}

/** Builds the engine's policy set; a policy that does not parse throws. */
export function buildPolicySet(c: CorpusCase): PolicySet {
  const compiled = c.policies.map((p) => {
    const text = typeof p.document === 'string' ? p.document : JSON.stringify(p.document);
    const parsed = parsePolicy(text, { kind: p.type });
    if (!parsed.ok) throw new PolicyParseError(p.id, parsed.message);
    return { source: p, policy: compilePolicy(parsed.document, { id: p.id, type: p.type }) };
  });
  const of = (type: string): CompiledPolicy[] => compiled.filter((x) => x.source.type === type).map((x) => x.policy);
  const byLevel = (type: 'scp' | 'rcp'): CompiledPolicy[][] | undefined => {
    const entries = compiled.filter((x) => x.source.type === type);
    if (entries.length === 0) return undefined;
    const levels: CompiledPolicy[][] = [];
    for (const x of entries) (levels[x.source.level ?? 0] ??= []).push(x.policy);
    return Array.from(levels, (l) => l ?? []);
  };
  const resource = of('resource');
  const session = of('session');
  const scp = byLevel('scp');
  const rcp = byLevel('rcp');
  const [boundary] = of('boundary');
  return {
    identity: of('identity'),
    ...(resource.length > 0 ? { resource } : {}),
    ...(boundary ? { boundary } : {}),
    ...(session.length > 0 ? { session } : {}),
    ...(scp ? { scp } : {}),
    ...(rcp ? { rcp } : {}),
  };
}

export function buildRequest(c: CorpusCase): RequestContext {
  const r = c.request;
  return {
    principal: r.principal,
    action: r.action,
    resource: r.resource,
    ...(r.resourceAccount !== undefined ? { resourceAccount: r.resourceAccount } : {}),
    keys: contextKeys(r.context ?? {}),
  };
}

const refKey = (policyId: string, index: number): string => `${policyId}#${index}`;
const lowerSet = (keys: readonly string[]): string[] => [...new Set(keys.map((k) => k.toLowerCase()))].sort();

/** What the case expects, in the same shape as `project` gives for a decision. */
export function expectedOutcome(expect: CaseExpect): Outcome {
  return {
    decision: expect.decision,
    matched: (expect.matched ?? []).map((m) => refKey(m.policyId, m.index)).sort(),
    ...(expect.missingContextKeys ? { missingContextKeys: lowerSet(expect.missingContextKeys) } : {}),
    ...(expect.deniedBy ? { deniedBy: expect.deniedBy } : {}),
  };
}

/** Projects a decision onto the fields the case constrains, so a diff shows only what matters. */
export function project(decision: Decision, expect: CaseExpect): Outcome {
  return {
    decision: decision.decision,
    matched: decision.matched.map((m) => refKey(m.policyId, m.index)).sort(),
    ...(expect.missingContextKeys ? { missingContextKeys: lowerSet(decision.missingContextKeys) } : {}),
    ...(expect.deniedBy ? { deniedBy: decision.deniedBy } : {}),
  };
}

/** Runs the case; returns the projected actual outcome and the expected one. */
export function runCase(c: CorpusCase): { actual: Outcome; expected: Outcome } {
  const decision = authorize(buildRequest(c), buildPolicySet(c));
  return { actual: project(decision, c.expect), expected: expectedOutcome(c.expect) };
}
