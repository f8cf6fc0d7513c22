// Runs a differential scenario through Keyward: parse (failing loudly on a document
// the generator should not have produced), compile, authorize. A request for an STS
// action goes through the same check AssumeRole makes (services/authorize-call.ts),
// where the role's trust policy must allow by itself.

import type { Caller } from '../../src/auth/caller.js';
import { authorize, compilePolicy, contextKeys, parsePolicy, principalFromArn } from '../../src/policy/index.js';
import type { CompiledPolicy, PolicyKind, PolicySet, RequestPrincipal } from '../../src/policy/index.js';
import { IamError } from '../../src/protocol/errors.js';
import { enforce } from '../../src/services/authorize-call.js';
import { RCP_FULL_AWS_ACCESS } from './organization-policy-arbitrary.js';
import { isTrustScenario, type PolicyJson, type Scenario, type Verdict } from './scenario.js';

function compile(policy: PolicyJson, kind: PolicyKind, id: string): CompiledPolicy {
  const parsed = parsePolicy(JSON.stringify(policy), { kind });
  if (!parsed.ok) throw new Error(`keyward rejects ${kind} policy ${id}: ${parsed.message}`);
  const compiled = compilePolicy(parsed.document, { id, type: kind === 'trust' ? 'resource' : kind });
  if (compiled.problems.length > 0) throw new Error(`keyward cannot use ${kind} policy ${id}: ${compiled.problems[0]!.message}`);
  return compiled;
}

/** Keyward's policy set for a scenario; every RCP level also holds RCPFullAWSAccess, as in AWS. */
export function keywardPolicySet(s: Scenario): PolicySet {
  const rcpFull = s.rcp === undefined ? undefined : compile(RCP_FULL_AWS_ACCESS, 'rcp', 'RCPFullAWSAccess');
  return {
    identity: s.identity.map((p, i) => compile(p, 'identity', `identity${i}`)),
    ...(s.boundary ? { boundary: compile(s.boundary, 'boundary', 'boundary') } : {}),
    ...(s.session ? { session: [compile(s.session, 'session', 'session')] } : {}),
    ...(s.resourcePolicy ? { resource: [compile(s.resourcePolicy, isTrustScenario(s) ? 'trust' : 'resource', 'resource')] } : {}),
    ...(s.scp ? { scp: s.scp.map((level, i) => level.map((p, j) => compile(p, 'scp', `scp${i}.${j}`))) } : {}),
    ...(s.rcp ? { rcp: s.rcp.map((level, i) => [rcpFull!, ...level.map((p, j) => compile(p, 'rcp', `rcp${i}.${j}`))]) } : {}),
  };
}

function callerPrincipal(s: Scenario): RequestPrincipal {
  const principal = principalFromArn(s.principal);
  if (principal === undefined) throw new Error(`keyward cannot parse caller ${s.principal}`);
  return principal;
}

/** The service-layer check of an STS call: AccessDenied's message says whether the deny was explicit. */
function trustVerdict(s: Scenario, principal: RequestPrincipal, policies: PolicySet): Verdict {
  const caller: Caller = { accountId: principal.account, principal, userId: 'AIDADIFFERENTIAL', accessKeyId: 'AKIADIFFERENTIAL' };
  const { resource: trust = [], ...callerPolicies } = policies;
  const check = { action: s.action, resource: s.resource, resourcePolicies: trust, resourceMustAllow: true };
  try {
    enforce(caller, callerPolicies, [check], s.action, s.context);
    return 'Allow';
  } catch (err) {
    if (!(err instanceof IamError) || err.code !== 'AccessDenied') throw err;
    return err.message.includes(' with an explicit deny in ') ? 'ExplicitDeny' : 'ImplicitDeny';
  }
}

/** Keyward's verdict on a scenario. */
export function runKeyward(s: Scenario): Verdict {
  const principal = callerPrincipal(s);
  const policies = keywardPolicySet(s);
  if (isTrustScenario(s)) return trustVerdict(s, principal, policies);
  return authorize({ principal, action: s.action, resource: s.resource, resourceAccount: s.resourceAccount, keys: contextKeys(s.context) }, policies).decision;
}
