// The Keyward policy engine: parse, compile and evaluate AWS IAM policies.
// Pure TypeScript with no Node.js imports, so it also runs in a browser.

export type { ContextKeys, ContextValue, PrincipalType, RequestContext, RequestPrincipal } from './context.js';
export { contextKeys } from './context.js';
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
} from './document/types.js';
export { parsePolicy } from './document/parse-policy.js';
export type { CompiledPolicy, CompiledStatement, CompilePolicyOptions } from './evaluate/compile-policy.js';
export { compilePolicy } from './evaluate/compile-policy.js';
export type { Decision, DecisionKind, MatchedStatement, PolicyType } from './evaluate/types.js';
export type { PolicySet, PreparedPolicySet } from './authorize/policy-set.js';
export { preparePolicySet } from './authorize/policy-set.js';
export { authorize } from './authorize/authorize.js';
export type { Explanation, FailedCondition, Mismatch, StatementExplanation } from './explain/explain.js';
export { explain } from './explain/explain.js';
export type { PrincipalKeyOptions } from './principal-from-arn.js';
export { principalFromArn, principalKeys } from './principal-from-arn.js';
