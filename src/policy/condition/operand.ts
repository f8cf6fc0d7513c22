// The contract between an operator family (string, numeric, ip, ...) and the
// condition compiler: policy values compiled once, then compared with one
// request value at a time, answering with an allocation-free outcome code.

import type { ContextKeys } from '../context.js';

/** Every policy value was compared with the request value and none matched. */
export const NO_MATCH = 0;
/** At least one policy value matched the request value. */
export const MATCH = 1;
/** None matched, and at least one policy value could not be compared (bad value, unresolvable variable). */
export const INCOMPARABLE = 2;
/** The request value is not of the operator's type (`"abc"` for a numeric operator). */
export const INVALID = 3;
/** None matched, and a policy value's variable had no value in the request (AWS: such a value does not match). */
export const UNRESOLVED = 4;

export type Outcome = typeof NO_MATCH | typeof MATCH | typeof INCOMPARABLE | typeof INVALID | typeof UNRESOLVED;

/** A policy value that can never match, found at compile time (for the linter). */
export interface BadValue {
  /** Position in the condition's value list. */
  readonly index: number;
  readonly message: string;
}

export interface CompiledOperand {
  /** Compares one request value with every policy value, in the operator's positive sense (`StringEquals` for `StringNotEquals`). */
  test(value: string, keys: ContextKeys): Outcome;
  /** What a valid request value is, for trace messages: `request value "x" is not ${expects}`. */
  readonly expects: string;
  readonly badValues: readonly BadValue[];
}

export interface OperandOptions {
  /** Policy variables (`${aws:username}`) are substituted; false for 2008-10-17 documents. */
  readonly variables: boolean;
}

export type OperandCompiler = (values: readonly string[], options: OperandOptions) => CompiledOperand;

/** Quotes a value for a message, as JSON does, so control characters stay visible. */
export function quote(value: string): string {
  return JSON.stringify(value);
}
