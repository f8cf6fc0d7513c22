// How one operator meets a request value: a plain operator takes one string,
// ForAnyValue / ForAllValues take a set (a single string is a set of one).
// Negation is per request value: ForAnyValue:StringNotEquals holds when some
// request value equals none of the policy values.

import type { ContextKeys, ContextValue } from '../context.js';
import type { ConditionTrace } from './types.js';
import { INVALID, MATCH, NO_MATCH, quote, UNRESOLVED, type CompiledOperand } from './operand.js';

export interface ValueTest {
  /** The key as written, for traces. */
  readonly key: string;
  readonly operand: CompiledOperand;
  readonly negated: boolean;
}

/**
 * The verdict for one request value. A policy variable with no value simply does
 * not match, so the negated operators hold (AWS documents this for
 * StringNotEquals/StringNotLike). A bad policy literal or a request value of the
 * wrong type satisfies neither the operator nor its negation, so a typo never
 * widens what a statement covers; bad request values are reported.
 */
export function testOne(t: ValueTest, value: string, keys: ContextKeys, trace: ConditionTrace | null): boolean {
  const outcome = t.operand.test(value, keys);
  if (outcome === MATCH) return !t.negated;
  if (outcome === NO_MATCH || outcome === UNRESOLVED) return t.negated;
  if (outcome === INVALID && trace !== null) trace.invalidValue(t.key, `request value ${quote(value)} is not ${t.operand.expects}`);
  return false;
}

/**
 * A plain operator on a present key. A multivalued request value never
 * matches, negated or not: AWS requires a set operator for multivalued keys
 * (the bare operator was observed to fail with more than one value, and
 * iam-simulate reports this confirmed by AWS), so we do not guess a set semantics.
 */
export function testUnqualified(t: ValueTest, value: ContextValue, keys: ContextKeys, trace: ConditionTrace | null): boolean {
  if (typeof value === 'string') return testOne(t, value, keys, trace);
  if (trace !== null) trace.invalidValue(t.key, 'a multivalued context key needs ForAnyValue: or ForAllValues:');
  return false;
}

/** ForAnyValue: some request value satisfies the operator; an empty set (or empty string) is false. */
export function testForAnyValue(t: ValueTest, value: ContextValue, keys: ContextKeys, trace: ConditionTrace | null): boolean {
  if (typeof value === 'string') return value !== '' && testOne(t, value, keys, trace);
  for (let i = 0; i < value.length; i++) if (testOne(t, value[i] as string, keys, trace)) return true;
  return false;
}

/** ForAllValues: every request value satisfies the operator; an empty set (or empty string) is true, as AWS documents. */
export function testForAllValues(t: ValueTest, value: ContextValue, keys: ContextKeys, trace: ConditionTrace | null): boolean {
  if (typeof value === 'string') return value === '' || testOne(t, value, keys, trace);
  for (let i = 0; i < value.length; i++) if (!testOne(t, value[i] as string, keys, trace)) return false;
  return true;
}
