// Runs a differential scenario through Keyward's engine: parse (failing loudly on
// a document the generator should not have produced), compile, authorize.

import { authorize, compilePolicy, contextKeys, parsePolicy, principalFromArn } from '../../src/policy/index.js';
import type { CompiledPolicy, PolicyKind, PolicySet } from '../../src/policy/index.js';
import type { PolicyJson, Scenario, Verdict } from './scenario.js';

function compile(policy: PolicyJson, kind: PolicyKind, id: string): CompiledPolicy {
  const parsed = parsePolicy(JSON.stringify(policy), { kind });
  if (!parsed.ok) throw new Error(`keyward rejects ${kind} policy ${id}: ${parsed.message}`);
  const compiled = compilePolicy(parsed.document, { id, type: kind });
  if (compiled.problems.length > 0) throw new Error(`keyward cannot use ${kind} policy ${id}: ${compiled.problems[0]!.message}`);
  return compiled;
}

/** Keyward's policy set for a scenario. */
export function keywardPolicySet(s: Scenario): PolicySet {
  return {
    identity: s.identity.map((p, i) => compile(p, 'identity', `identity${i}`)),
    ...(s.boundary ? { boundary: compile(s.boundary, 'boundary', 'boundary') } : {}),
    ...(s.session ? { session: [compile(s.session, 'session', 'session')] } : {}),
    ...(s.resourcePolicy ? { resource: [compile(s.resourcePolicy, 'resource', 'resource')] } : {}),
  };
}

/** Keyward's verdict on a scenario. */
export function runKeyward(s: Scenario): Verdict {
  const principal = principalFromArn(s.principal);
  if (principal === undefined) throw new Error(`keyward cannot parse caller ${s.principal}`);
  return authorize(
    { principal, action: s.action, resource: s.resource, resourceAccount: s.resourceAccount, keys: contextKeys(s.context) },
    keywardPolicySet(s),
  ).decision;
}
