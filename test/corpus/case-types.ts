// Shape of one golden decision case (test/corpus/cases/*.json): policies, a
// request and the decision AWS documents for it. See README.md for the contract.

import type { ContextValue, RequestPrincipal } from '../../src/policy/context.js';
import type { DecisionKind, PolicyType } from '../../src/policy/evaluate/types.js';

/** Policy types a case may hold; `trust` policies are written as `resource` (they sit in the same slot). */
export type CasePolicyType = Exclude<PolicyType, 'trust'>;

export interface CasePolicy {
  /** Unique within the case; `matched` refers to it. */
  readonly id: string;
  readonly type: CasePolicyType;
  /** Organization level (0 = root) for `scp` and `rcp`; absent for the others. */
  readonly level?: number;
  /** A policy object, or the exact JSON text of one. */
  readonly document: Readonly<Record<string, unknown>> | string;
}

export interface CaseRequest {
  readonly principal: RequestPrincipal;
  readonly action: string;
  readonly resource: string;
  readonly resourceAccount?: string;
  /** Context keys as given; nothing is filled in for the case. */
  readonly context?: Readonly<Record<string, ContextValue>>;
}

export interface StatementRef {
  readonly policyId: string;
  /** Position in the policy's `Statement` array (0 for a single statement object). */
  readonly index: number;
}

export interface CaseExpect {
  readonly decision: DecisionKind;
  /** Exact set of the deciding statements: every matching Deny for ExplicitDeny, every matching Allow for Allow. */
  readonly matched?: readonly StatementRef[];
  /** Compared as a set, ignoring case. */
  readonly missingContextKeys?: readonly string[];
  readonly deniedBy?: CasePolicyType;
}

export interface CorpusCase {
  readonly name: string;
  /** The AWS documentation page the expectation comes from (or a short reason). */
  readonly source: string;
  readonly policies: readonly CasePolicy[];
  readonly request: CaseRequest;
  readonly expect: CaseExpect;
}

/** A case together with the file it came from. */
export interface LoadedCase extends CorpusCase {
  /** File name without directory and `.json`, for example `condition-string`. */
  readonly file: string;
}
