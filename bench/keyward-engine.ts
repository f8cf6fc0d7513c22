// The workload in Keyward's terms: policies parsed and compiled once, one prepared
// policy set, and a ready request context per request, so that the timed loop
// measures authorize() alone.

import type { DecisionKind, PreparedPolicySet, RequestContext } from '../src/policy/index.js';
import type { PolicyEngine } from './compile-engine.js';
import type { Workload } from './engine-workload.js';

export interface KeywardWorkload {
  readonly authorize: PolicyEngine['authorize'];
  readonly policies: PreparedPolicySet;
  readonly requests: readonly RequestContext[];
  /** Time spent parsing, compiling and preparing, in milliseconds. */
  readonly setupMs: number;
}

export function keywardWorkload(engine: PolicyEngine, workload: Workload): KeywardWorkload {
  const started = performance.now();
  const identity = workload.policies.map((p) => {
    const parsed = engine.parsePolicy(JSON.stringify(p.document), { kind: 'identity', managed: true });
    if (!parsed.ok) throw new Error(`policy ${p.name} does not parse: ${parsed.message}`);
    return engine.compilePolicy(parsed.document, { id: p.name, type: 'identity' });
  });
  const policies = engine.preparePolicySet({ identity });
  const setupMs = performance.now() - started;
  const principal = engine.principalFromArn(workload.principalArn);
  if (principal === undefined) throw new Error(`not a caller ARN: ${workload.principalArn}`);
  const requests = workload.requests.map(
    (r): RequestContext => ({ principal, action: r.action, resource: r.resource, keys: engine.contextKeys(r.context) }),
  );
  return { authorize: engine.authorize, policies, requests, setupMs };
}

export function keywardDecision(w: KeywardWorkload, i: number): DecisionKind {
  return w.authorize(w.requests[i]!, w.policies).decision;
}
