// Inputs and outputs of an authorization decision. Decisions are data: the
// decision, the statements that decided it and the context keys it missed.

import type { Effect } from '../document/types.js';

/** Which door a policy comes in by; `scp` and `rcp` are Organizations policies. */
export type PolicyType = 'identity' | 'resource' | 'boundary' | 'session' | 'scp' | 'rcp' | 'trust';

export type DecisionKind = 'Allow' | 'ExplicitDeny' | 'ImplicitDeny';

/** A statement that matched the request (action, resource, principal and every condition). */
export interface MatchedStatement {
  /** The id the caller gave the policy (a name or ARN). */
  readonly policyId: string;
  readonly policyType: PolicyType;
  readonly sid?: string;
  /** Position in the policy's `Statement` array. */
  readonly index: number;
  readonly effect: Effect;
}

export interface Decision {
  readonly decision: DecisionKind;
  /** The statements that decided: the matching denies for ExplicitDeny, the allows that granted for Allow, empty for ImplicitDeny. */
  readonly matched: readonly MatchedStatement[];
  /** Context keys that conditions asked for and the request did not have (as written in the policies). */
  readonly missingContextKeys: readonly string[];
  /** For denials: which kind of policy denied (explicitly, or by not allowing). */
  readonly deniedBy?: PolicyType;
  /** The decision of each policy type that was present. */
  readonly byType: Readonly<Partial<Record<PolicyType, DecisionKind>>>;
}
