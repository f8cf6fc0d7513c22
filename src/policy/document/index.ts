// The policy-document parser: JSON text in, typed statements or AWS-worded problems out.

export { parsePolicy } from './parse-policy.js';
export type { ParsePolicyOptions } from './parse-policy.js';
export { policySize } from './policy-size.js';
export { findDuplicateKeys } from './duplicate-keys.js';
export type {
  ConditionEntry,
  Effect,
  ParseResult,
  PolicyDocument,
  PolicyKind,
  PolicyProblem,
  PolicyStatement,
  PolicyVersion,
  PrincipalSpec,
} from './types.js';
