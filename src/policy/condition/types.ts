// A compiled condition: one (operator, key, values) entry ready to test against
// a request's context keys, many times, without re-parsing its values.

import type { ContextKeys } from '../context.js';

/** Receives what a test could not decide cleanly; passed only when explaining a decision. */
export interface ConditionTrace {
  /** The key was absent from the request (reported as a missing context value). */
  missingKey(key: string): void;
  /** A request value could not be read as the operator's type (for example "abc" for NumericEquals). */
  invalidValue(key: string, message: string): void;
}

export interface CompiledCondition {
  /** As written, for example `ForAnyValue:StringLikeIfExists`. */
  readonly operator: string;
  /** As written, for example `aws:PrincipalTag/Team`. */
  readonly key: string;
  readonly values: readonly string[];
  /** True when the request satisfies this condition. Never throws; must not allocate when `trace` is null and values need no variables. */
  test(keys: ContextKeys, trace: ConditionTrace | null): boolean;
}
