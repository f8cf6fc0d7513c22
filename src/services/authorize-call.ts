// Authorizes one call the way AWS does: the caller's policies, the global condition
// keys of the request, and the action's own keys; AWS's AccessDenied message on denial.

import { principalTags, type Caller } from '../auth/caller.js';
import { authorize } from '../policy/authorize/authorize.js';
import type { PolicySet } from '../policy/authorize/policy-set.js';
import { contextKeys, type ContextValue } from '../policy/context.js';
import type { Decision, PolicyType } from '../policy/evaluate/types.js';
import { principalKeys } from '../policy/principal-from-arn.js';
import { IamError } from '../protocol/errors.js';
import type { AuthCheck } from './operation.js';
import { authorizationMessage, type AuthorizationMessage, type DeniedRequest } from './sts/authz-message-build.js';
import { ENCODED_MESSAGE_HEADER } from './sts/authz-message-seal.js';
import { sessionContextKeys } from './sts/session-context-keys.js';

export interface RequestFacts {
  readonly sourceIp: string;
  readonly secureTransport: boolean;
  readonly now: Date;
  readonly region: string;
  readonly userAgent?: string;
}

/** The global condition keys AWS sets on every request from this caller. */
export function globalKeys(caller: Caller, facts: RequestFacts): Record<string, ContextValue> {
  const tags: Record<string, string> = {};
  const tagList = principalTags(caller);
  for (const t of tagList) tags[t.key] = t.value;
  const keys = principalKeys(caller.principal, { userId: caller.userId, tags });
  keys['aws:CurrentTime'] = facts.now.toISOString().replace(/\.\d{3}Z$/, 'Z');
  keys['aws:EpochTime'] = String(Math.floor(facts.now.getTime() / 1000));
  keys['aws:SourceIp'] = facts.sourceIp;
  keys['aws:SecureTransport'] = String(facts.secureTransport);
  keys['aws:RequestedRegion'] = facts.region;
  keys['aws:ViaAWSService'] = 'false';
  if (facts.userAgent !== undefined) keys['aws:UserAgent'] = facts.userAgent;
  if (tagList.length > 0) keys['aws:PrincipalTagKeys'] = tagList.map((t) => t.key);
  if (caller.session !== undefined) Object.assign(keys, sessionContextKeys(caller.session, facts.now));
  return keys;
}

export interface EnforceOptions {
  /** Seals a denial's authorization message; the AccessDenied then carries it in the x-keyward-encoded-authorization-message header. */
  readonly sealMessage?: (message: AuthorizationMessage) => string;
  /** Told each check's final decision (the server's metrics count them). */
  readonly onDecision?: (decision: 'Allow' | 'ExplicitDeny' | 'ImplicitDeny') => void;
}

/** Runs every check; throws AccessDenied (with AWS's message) on the first that is not allowed. */
export function enforce(
  caller: Caller,
  policies: PolicySet,
  checks: readonly AuthCheck[],
  defaultAction: string,
  base: Readonly<Record<string, ContextValue>>,
  options: EnforceOptions = {},
): void {
  for (const check of checks) {
    const keys = check.keys === undefined ? base : { ...base, ...check.keys };
    const request = { principal: caller.principal, action: check.action ?? defaultAction, resource: check.resource, keys: contextKeys(keys) };
    const set = check.resourcePolicies === undefined ? policies : { ...policies, resource: check.resourcePolicies };
    const decision = authorize(request, set);
    if (decision.decision !== 'Allow') {
      options.onDecision?.(decision.decision);
      throw denial({ caller, request, keys, policies: set, decision }, options);
    }
    // A role's trust policy must itself allow, even where an identity policy alone would do.
    if (check.resourceMustAllow === true && decision.byType.resource !== 'Allow') {
      options.onDecision?.('ImplicitDeny');
      throw denial({ caller, request, keys, policies: set, decision: { ...decision, decision: 'ImplicitDeny', deniedBy: 'resource' } }, options);
    }
    options.onDecision?.('Allow');
  }
}

function denial(denied: DeniedRequest, options: EnforceOptions): IamError {
  const error = accessDenied(denied.caller, denied.request.action, denied.request.resource, denied.decision);
  if (options.sealMessage === undefined) return error;
  // Built only on denial: explaining every statement costs more than deciding.
  const sealed = options.sealMessage(authorizationMessage(denied));
  return new IamError(error.code, error.message, { headers: { [ENCODED_MESSAGE_HEADER]: sealed } });
}

const POLICY_WORDS: Readonly<Record<PolicyType, [string, string]>> = {
  identity: ['an identity-based policy', 'identity-based policy'],
  resource: ['a resource-based policy', 'resource-based policy'],
  boundary: ['a permissions boundary', 'permissions boundary'],
  session: ['a session policy', 'session policy'],
  scp: ['a service control policy', 'service control policy'],
  rcp: ['a resource control policy', 'resource control policy'],
  trust: ['a resource-based policy', 'resource-based policy'],
};

/** AWS's AccessDenied message alone (the decision API answers it per check, with no error to throw). */
export function accessDeniedMessage(caller: Caller, action: string, resource: string, decision: Pick<Decision, 'decision' | 'deniedBy'>): string {
  const [explicit, implicit] = POLICY_WORDS[decision.deniedBy ?? 'identity'];
  const why =
    decision.decision === 'ExplicitDeny'
      ? `with an explicit deny in ${explicit}`
      : `because no ${implicit} allows the ${action} action`;
  return `User: ${caller.principal.arn} is not authorized to perform: ${action} on resource: ${resource} ${why}`;
}

export function accessDenied(caller: Caller, action: string, resource: string, decision: Decision): IamError {
  return new IamError('AccessDenied', accessDeniedMessage(caller, action, resource, decision));
}
