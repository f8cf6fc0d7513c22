// Decides a batch of checks for one verified caller with the engine: the caller's identity
// policies, boundary and session policies, plus each check's resource-based policy and owning
// account, under the global condition keys computed as for IAM calls and the service's own
// keys. Each answer: the decision, the statements that decided, AWS's AccessDenied message and
// the sealed authorization message DecodeAuthorizationMessage opens.

import type { Caller } from '../../auth/caller.js';
import { authorize } from '../../policy/authorize/authorize.js';
import type { PolicySet } from '../../policy/authorize/policy-set.js';
import { contextKeys, type ContextValue } from '../../policy/context.js';
import { parsePolicy } from '../../policy/document/parse-policy.js';
import { compilePolicy, type CompiledPolicy } from '../../policy/evaluate/compile-policy.js';
import type { DecisionKind, MatchedStatement } from '../../policy/evaluate/types.js';
import { accessDeniedMessage } from '../../services/authorize-call.js';
import { authorizationMessage, type AuthorizationMessage } from '../../services/sts/authz-message-build.js';
import type { DefinedAction, ServiceDefinition } from '../definition/service-definition.js';
import { checkContext } from './check-context.js';

/** Most checks in one call. */
export const MAX_CHECKS = 100;

export interface Check {
  /** `GetNote` or `notes:GetNote`: an action of the asking service. */
  readonly action: string;
  /** The resource ARN, or `*`. */
  readonly resource: string;
  /** The service's own condition keys (and declared `aws:` request or resource tag keys). */
  readonly context?: Readonly<Record<string, string | readonly string[]>>;
  /** The resource-based policy the service keeps for the resource (JSON text). */
  readonly resourcePolicy?: string;
  /** The account that owns the resource; default the ARN's account field, then the service's account. */
  readonly resourceAccount?: string;
  /** Echoed in the answer. */
  readonly correlationId?: string;
}

export interface CheckDecision {
  readonly correlationId?: string;
  /** `notes:GetNote`, as the definition spells it. */
  readonly action: string;
  readonly resource: string;
  readonly decision: DecisionKind;
  readonly matchedStatements: readonly MatchedStatement[];
  readonly missingContextKeys: readonly string[];
  /** AWS's AccessDenied message, for denials. */
  readonly message?: string;
  /** The sealed authorization message (denials), which DecodeAuthorizationMessage opens for the caller's account. */
  readonly encodedMessage?: string;
}

/** A check the service got wrong: the whole call is refused (AWS's ValidationError). */
export class InvalidCheckError extends Error {
  override readonly name = 'InvalidCheckError';
}

export interface DecideEnv {
  readonly definition: ServiceDefinition;
  /** The account that owns the service definition. */
  readonly serviceAccount: string;
  readonly seal: (accountId: string, message: AuthorizationMessage) => string;
}

const compiled = new Map<string, CompiledPolicy>();

/** Resource policies are sent with every check: compiled once per distinct text. */
function resourcePolicy(text: string, at: string): CompiledPolicy {
  const hit = compiled.get(text);
  if (hit !== undefined) return hit;
  const parsed = parsePolicy(text, { kind: 'resource' });
  if (!parsed.ok) throw new InvalidCheckError(`${at}.resourcePolicy: ${parsed.message}`);
  const policy = compilePolicy(parsed.document, { id: 'resource-policy', type: 'resource' });
  if (compiled.size >= 1000) compiled.clear();
  compiled.set(text, policy);
  return policy;
}

/** Each definition's actions by lower-cased name, indexed once per definition (a batch looks up every check's). */
const actionIndexes = new WeakMap<ServiceDefinition, ReadonlyMap<string, DefinedAction>>();

function actionNamed(definition: ServiceDefinition, name: string): DefinedAction | undefined {
  let index = actionIndexes.get(definition);
  if (index === undefined) {
    const byName = new Map<string, DefinedAction>();
    // The first of a name wins, as a search in order would find it.
    for (const a of definition.Actions) if (!byName.has(a.Name.toLowerCase())) byName.set(a.Name.toLowerCase(), a);
    index = byName;
    actionIndexes.set(definition, index);
  }
  return index.get(name.toLowerCase());
}

function accountOfArn(arn: string): string | undefined {
  const fields = arn.split(':');
  const account = fields[4];
  return fields[0] === 'arn' && account !== undefined && account !== '' ? account : undefined;
}

interface Prepared {
  readonly check: Check;
  readonly action: string;
  readonly keys: Record<string, ContextValue>;
  readonly policies: PolicySet;
  readonly resourceAccount: string;
}

/** Checks every entry first: one malformed check refuses the call before anything is decided. */
function prepare(env: DecideEnv, checks: readonly Check[], base: PolicySet): Prepared[] {
  if (checks.length === 0) throw new InvalidCheckError('checks: at least one check is required');
  if (checks.length > MAX_CHECKS) throw new InvalidCheckError(`checks: at most ${MAX_CHECKS} checks are allowed in one call`);
  const d = env.definition;
  return checks.map((check, i) => {
    const at = `checks[${i}]`;
    if (typeof check.action !== 'string' || typeof check.resource !== 'string' || check.resource === '') {
      throw new InvalidCheckError(`${at}: action and resource are required strings`);
    }
    const colon = check.action.indexOf(':');
    const prefix = colon < 0 ? d.Name : check.action.slice(0, colon);
    const name = colon < 0 ? check.action : check.action.slice(colon + 1);
    if (prefix.toLowerCase() !== d.Name) throw new InvalidCheckError(`${at}.action: ${check.action} is not an action of service ${d.Name}`);
    const action = actionNamed(d, name);
    if (action === undefined) throw new InvalidCheckError(`${at}.action: ${check.action} is not an action of service ${d.Name}`);
    const context = checkContext(d, action, check.context, `${at}.context`);
    if (!context.ok) throw new InvalidCheckError(context.message);
    const resourceAccount = check.resourceAccount ?? accountOfArn(check.resource) ?? env.serviceAccount;
    if (!/^\d{12}$/.test(resourceAccount)) throw new InvalidCheckError(`${at}.resourceAccount: must be a 12-digit account id`);
    const policies = check.resourcePolicy === undefined ? base : { ...base, resource: [resourcePolicy(check.resourcePolicy, at)] };
    return { check, action: `${d.Name}:${action.Name}`, keys: { ...context.keys, 'aws:ResourceAccount': resourceAccount }, policies, resourceAccount };
  });
}

/** Decides every check (in order) for `caller`; `globals` are the request's global condition keys. */
export function decideChecks(
  env: DecideEnv,
  caller: Caller,
  policies: PolicySet,
  globals: Readonly<Record<string, ContextValue>>,
  checks: readonly Check[],
): CheckDecision[] {
  const prepared = prepare(env, checks, policies);
  // The request's keys are the same for every check: lower-cased once per batch, copied per check.
  const globalKeys = contextKeys(globals);
  return prepared.map((p) => {
    const keys = new Map(globalKeys);
    // The service's keys never replace the ones Keyward computed.
    for (const [name, value] of Object.entries(p.keys)) {
      const lower = name.toLowerCase();
      if (!globalKeys.has(lower)) keys.set(lower, value);
    }
    const request = { principal: caller.principal, action: p.action, resource: p.check.resource, resourceAccount: p.resourceAccount, keys };
    const decision = authorize(request, p.policies);
    const base = {
      ...(p.check.correlationId !== undefined && { correlationId: p.check.correlationId }),
      action: p.action,
      resource: p.check.resource,
      decision: decision.decision,
      matchedStatements: decision.matched,
      missingContextKeys: decision.missingContextKeys,
    };
    if (decision.decision === 'Allow') return base;
    const message = accessDeniedMessage(caller, p.action, p.check.resource, decision);
    // Built only on denial: explaining every statement costs more than deciding.
    const named = { ...p.keys, ...globals };
    const encodedMessage = env.seal(caller.accountId, authorizationMessage({ caller, request, keys: named, policies: p.policies, decision }));
    return { ...base, message, encodedMessage };
  });
}
