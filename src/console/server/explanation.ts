// The console's account of a denied request: the engine's authorization message of the signed-in
// principal's own call (the AccessDenied carries it sealed, authz-message-seal.ts), opened on the
// server and reduced to what the "why" page shows: which policy types were evaluated, the deny
// statements that matched or "no statement allows", and where a boundary, session policy or SCP cut.

import type { SecretBox } from '../../auth/secret-box.js';
import type { AuthorizationMessage, KeywardStatement } from '../../services/sts/authz-message-build.js';
import { openMessageText } from '../../services/sts/authz-message-seal.js';

export interface DenialExplanation {
  readonly requestId: string;
  readonly principal: string;
  readonly action: string;
  readonly resource: string;
  readonly decision: 'ExplicitDeny' | 'ImplicitDeny';
  /** The kind of policy that denied: identity, resource, boundary, session, scp, rcp, trust. */
  readonly deniedBy: string;
  /** One sentence. */
  readonly summary: string;
  /** Every policy type that had statements in the evaluation. */
  readonly policyTypesEvaluated: readonly string[];
  /** The deny statements that matched (explicit deny), as policy id and statement. */
  readonly matchedDenyStatements: readonly KeywardStatement[];
  /** Every statement considered and why it did or did not apply. */
  readonly statements: readonly KeywardStatement[];
  readonly missingContextKeys: readonly string[];
  readonly truncated?: boolean;
}

const TYPE_WORDS: Readonly<Record<string, string>> = {
  identity: 'identity-based policy',
  resource: 'resource-based policy',
  trust: "role's trust policy",
  boundary: 'permissions boundary',
  session: 'session policy',
  scp: 'service control policy',
  rcp: 'resource control policy',
};

function summaryOf(message: AuthorizationMessage, deniedBy: string, denies: readonly KeywardStatement[]): string {
  const words = TYPE_WORDS[deniedBy] ?? deniedBy;
  if (message.keyward.decision === 'ExplicitDeny') {
    const named = denies.map((s) => `${s.policyId}${s.sid !== undefined ? ` (${s.sid})` : ''}`).join(', ');
    return `An explicit Deny in a ${words} matched the request${named === '' ? '' : `: ${named}`}.`;
  }
  if (deniedBy === 'identity') return `No statement in the identity-based policies allows ${message.context.action} on ${message.context.resource}.`;
  return `The ${words} does not allow ${message.context.action} on ${message.context.resource}, so it cuts what the other policies allow.`;
}

/** Opens the sealed message of an AccessDenied for `accountId`; undefined when it does not open. */
export function explainDenial(master: SecretBox, accountId: string, encoded: string, requestId: string): DenialExplanation | undefined {
  const text = openMessageText(master, accountId, encoded);
  return text === undefined ? undefined : explainMessageText(text, requestId);
}

/** The explanation of a decoded authorization message (DecodeAuthorizationMessage's text); undefined when it is not one. */
export function explainMessageText(text: string, requestId: string): DenialExplanation | undefined {
  let message: AuthorizationMessage;
  try {
    message = JSON.parse(text) as AuthorizationMessage;
  } catch {
    return undefined;
  }
  const k = message.keyward;
  if (typeof k !== 'object' || k === null || !Array.isArray(k.statements)) return undefined;
  const deniedBy = k.deniedBy ?? 'identity';
  const denies = k.statements.filter((s) => s.matched && s.effect === 'Deny');
  return {
    requestId,
    principal: message.context.principal.arn,
    action: message.context.action,
    resource: message.context.resource,
    decision: k.decision === 'ExplicitDeny' ? 'ExplicitDeny' : 'ImplicitDeny',
    deniedBy,
    summary: summaryOf(message, deniedBy, denies),
    policyTypesEvaluated: [...new Set(k.statements.map((s) => s.policyType))],
    matchedDenyStatements: denies,
    statements: k.statements,
    missingContextKeys: k.missingContextKeys,
    ...(k.truncated === true && { truncated: true }),
  };
}
