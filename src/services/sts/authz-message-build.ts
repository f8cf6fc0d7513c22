// The authorization message of a denied call, in the JSON shape AWS's DecodeAuthorizationMessage
// returns (allowed, explicitDeny, matchedStatements, failures, context), plus Keyward's
// explanation of every statement under `keyward` (docs/authorization-messages.md).

import type { Caller } from '../../auth/caller.js';
import type { PolicySet } from '../../policy/authorize/policy-set.js';
import type { ContextValue, RequestContext } from '../../policy/context.js';
import type { CompiledPolicy, CompiledStatement } from '../../policy/evaluate/compile-policy.js';
import type { Decision, DecisionKind, PolicyType } from '../../policy/evaluate/types.js';
import { explain, type FailedCondition, type Mismatch, type StatementExplanation } from '../../policy/explain/explain.js';

/** AWS wraps every list in `{"items": [...]}` and every value in `{"value": ...}`. */
export interface Items<T> {
  readonly items: readonly T[];
}

export interface ValueItem {
  readonly value: string;
}

export interface ConditionItem {
  readonly key: string;
  readonly values: Items<ValueItem>;
}

export interface MessageStatement {
  readonly statementId: string;
  readonly effect: 'ALLOW' | 'DENY';
  readonly principals: Items<ValueItem>;
  readonly principalGroups: Items<ValueItem>;
  readonly actions: Items<ValueItem>;
  readonly resources: Items<ValueItem>;
  /** Keyward's: AWS's shape has no place for NotAction and NotResource. */
  readonly notActions?: Items<ValueItem>;
  readonly notResources?: Items<ValueItem>;
  readonly conditions: Items<ConditionItem>;
}

export interface MessagePrincipal {
  readonly id: string;
  /** IAM users only, as in AWS's messages. */
  readonly name?: string;
  readonly arn: string;
}

/** One statement of the caller's policies and why it did or did not apply. */
export interface KeywardStatement extends StatementExplanation {
  readonly reason: string;
}

export interface KeywardExplanation {
  readonly decision: DecisionKind;
  readonly deniedBy?: PolicyType;
  readonly statements: readonly KeywardStatement[];
  /** Condition keys the policies asked for that the request did not have. */
  readonly missingContextKeys: readonly string[];
  /** Set when statements were left out to keep the encoded message within 10240 characters. */
  readonly truncated?: boolean;
}

export interface AuthorizationMessage {
  readonly allowed: boolean;
  readonly explicitDeny: boolean;
  readonly matchedStatements: Items<MessageStatement>;
  readonly failures: Items<ValueItem>;
  readonly context: {
    readonly principal: MessagePrincipal;
    readonly action: string;
    readonly resource: string;
    readonly conditions: Items<ConditionItem>;
  };
  readonly keyward: KeywardExplanation;
}

export interface DeniedRequest {
  readonly caller: Caller;
  readonly request: RequestContext;
  /** The request's condition keys as named (the request context holds them lower-cased). */
  readonly keys: Readonly<Record<string, ContextValue>>;
  readonly policies: PolicySet;
  /** The decision that denied, which may differ from the engine's own (a trust policy that must allow by itself). */
  readonly decision: Decision;
}

const values = (v: ContextValue | readonly string[]): Items<ValueItem> => ({
  items: (typeof v === 'string' ? [v] : v).map((value) => ({ value })),
});

function* allPolicies(set: PolicySet): Generator<CompiledPolicy> {
  yield* set.identity;
  if (set.resource) yield* set.resource;
  if (set.boundary) yield set.boundary;
  if (set.session) yield* set.session;
  for (const level of set.scp ?? []) yield* level;
  for (const level of set.rcp ?? []) yield* level;
}

function findStatement(set: PolicySet, policyId: string, policyType: PolicyType, index: number): CompiledStatement | undefined {
  for (const policy of allPolicies(set)) {
    for (const st of policy.statements) {
      if (st.policyId === policyId && st.policyType === policyType && st.source.index === index) return st;
    }
  }
  return undefined;
}

/** AWS names the principal's unique id: AIDA... for users, the role id (without the session) for role sessions. */
function principalUniqueId(caller: Caller): string {
  return caller.principal.type === 'AssumedRole' ? (caller.userId.split(':')[0] ?? caller.userId) : caller.userId;
}

function messageStatement(st: CompiledStatement, caller: Caller): MessageStatement {
  const source = st.source;
  return {
    statementId: source.sid ?? '',
    effect: source.effect === 'Deny' ? 'DENY' : 'ALLOW',
    principals: values([principalUniqueId(caller)]),
    principalGroups: { items: [] },
    actions: values(source.action ?? []),
    resources: values(source.resource ?? []),
    ...(source.notAction !== undefined && { notActions: values(source.notAction) }),
    ...(source.notResource !== undefined && { notResources: values(source.notResource) }),
    conditions: { items: source.conditions.map((c) => ({ key: c.key, values: values(c.values) })) },
  };
}

const MISMATCH_WORDS: Readonly<Record<Mismatch, string>> = {
  action: 'the action does not match',
  resource: 'the resource does not match',
  principal: 'the principal does not match',
  condition: 'a condition is not met',
};

function conditionReason(c: FailedCondition): string {
  const had =
    c.requestValue === undefined
      ? 'the request has no such key'
      : `the request has ${JSON.stringify(c.requestValue)}${c.invalid === undefined ? '' : ` (${c.invalid})`}`;
  return `condition ${c.operator} ${c.key} ${JSON.stringify(c.values)} is not met: ${had}`;
}

function reasonOf(st: StatementExplanation): string {
  if (st.matched) return st.effect === 'Deny' ? 'matches the request and denies it' : 'matches the request and allows it';
  if (st.mismatch === 'condition' && st.failedCondition !== undefined) return conditionReason(st.failedCondition);
  return MISMATCH_WORDS[st.mismatch ?? 'action'];
}

export function authorizationMessage(denied: DeniedRequest): AuthorizationMessage {
  const { caller, request, decision } = denied;
  const explicitDeny = decision.decision === 'ExplicitDeny';
  const matched = explicitDeny
    ? decision.matched
        .filter((m) => m.effect === 'Deny')
        .map((m) => findStatement(denied.policies, m.policyId, m.policyType, m.index))
        .filter((st): st is CompiledStatement => st !== undefined)
        .map((st) => messageStatement(st, caller))
    : [];
  const explanation = explain(request, denied.policies);
  const user = caller.principal.type === 'User' ? caller.user : undefined;
  return {
    allowed: false,
    explicitDeny,
    matchedStatements: { items: matched },
    failures: { items: [] },
    context: {
      principal: { id: caller.userId, ...(user !== undefined && { name: user.name }), arn: caller.principal.arn },
      action: request.action,
      resource: request.resource,
      conditions: { items: Object.entries(denied.keys).map(([key, v]) => ({ key, values: values(v) })) },
    },
    keyward: {
      decision: decision.decision,
      ...(decision.deniedBy !== undefined && { deniedBy: decision.deniedBy }),
      statements: explanation.statements.map((st) => ({ ...st, reason: reasonOf(st) })),
      missingContextKeys: explanation.allMissingContextKeys,
    },
  };
}
