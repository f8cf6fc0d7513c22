// The catalogue of MalformedPolicyDocument messages. AWS validates with different
// engines, so one fault reads differently per dialect: IAM's identity-policy parser,
// the parser behind role trust policies and resource policies, and AWS Organizations.

export type Dialect = 'iam' | 'trust' | 'resource' | 'organizations';

export type ProblemCode =
  | 'invalid-json'
  | 'not-object'
  | 'syntax'
  | 'unknown-field'
  | 'version-invalid'
  | 'version-required'
  | 'statement-missing'
  | 'statement-empty'
  | 'effect-missing'
  | 'effect-invalid'
  | 'effect-case'
  | 'principal-forbidden'
  | 'principal-missing'
  | 'principal-invalid'
  | 'principal-star-string'
  | 'principal-empty'
  | 'not-principal-forbidden'
  | 'not-principal-allow'
  | 'action-missing'
  | 'action-no-vendor'
  | 'action-colons'
  | 'action-vendor'
  | 'action-invalid'
  | 'action-not-sts'
  | 'resource-missing'
  | 'resource-forbidden'
  | 'resource-invalid'
  | 'resource-format'
  | 'legacy'
  | 'sid-duplicate'
  | 'sid-format'
  | 'condition-operator'
  | 'kind-rule';

/** What a message may quote: an element name, a value, or a whole message (resource formats). */
export interface ProblemArgs {
  readonly name?: string;
  readonly value?: string;
}

export const IAM_SYNTAX = 'Syntax errors in policy.';
export const IAM_LEGACY = 'The policy failed legacy parsing';
export const IAM_VERSION_REQUIRED = 'Policy document must be version 2012-10-17 or greater.';
export const IAM_NO_PRINCIPAL = 'Policy document should not specify a principal.';
export const IAM_NO_ACTIONS = 'Policy statement must contain actions.';
export const IAM_NO_RESOURCES = 'Policy statement must contain resources.';
export const SID_DUPLICATE = 'Statement IDs (SID) in a single policy must be unique.';
export const SID_FORMAT =
  'Statement IDs (SID) must be alpha-numeric. Check that your input satisfies the regular expression [0-9A-Za-z]*';
export const ACTION_NO_VENDOR = 'Actions/Conditions must be prefaced by a vendor, e.g., iam, sdb, ec2, etc.';
export const ACTION_COLONS = 'Actions/Condition can contain only one colon.';
export const TRUST_ACTIONS = 'AssumeRole policy may only specify STS AssumeRole actions.';
export const ORGANIZATIONS_MALFORMED =
  'The provided policy document does not meet the requirements of the specified policy type.';

function iamMessage(code: ProblemCode, args: ProblemArgs): string {
  switch (code) {
    case 'effect-case':
    case 'legacy':
      return IAM_LEGACY;
    case 'version-required':
      return IAM_VERSION_REQUIRED;
    case 'principal-forbidden':
    case 'not-principal-forbidden':
      return IAM_NO_PRINCIPAL;
    case 'action-missing':
      return IAM_NO_ACTIONS;
    case 'resource-missing':
      return IAM_NO_RESOURCES;
    case 'action-no-vendor':
      return ACTION_NO_VENDOR;
    case 'action-colons':
      return ACTION_COLONS;
    case 'action-vendor':
      return `Vendor ${args.value ?? ''} is not valid`;
    case 'resource-format':
      return args.value ?? IAM_SYNTAX;
    case 'sid-duplicate':
      return SID_DUPLICATE;
    case 'sid-format':
      return SID_FORMAT;
    default:
      return IAM_SYNTAX;
  }
}

// Shared by trust and resource policies (the same engine answers both in AWS).
function policyEngineMessage(code: ProblemCode, args: ProblemArgs, syntax: string): string | undefined {
  switch (code) {
    case 'invalid-json':
      return 'This policy contains invalid Json';
    case 'syntax':
      return syntax;
    case 'unknown-field':
      return `Unknown field ${args.name ?? ''}`;
    case 'version-invalid':
      return 'The policy must contain a valid version string';
    case 'version-required':
      return IAM_VERSION_REQUIRED;
    case 'statement-missing':
      return 'Missing required field Statement';
    case 'statement-empty':
      return 'Could not parse the policy: Statement is empty!';
    case 'effect-missing':
      return 'Missing required field Effect';
    case 'effect-invalid':
    case 'effect-case':
      return `Invalid effect: ${args.value ?? ''}`;
    case 'principal-missing':
      return 'Missing required field Principal';
    case 'action-missing':
      return 'Missing required field Action';
    case 'resource-forbidden':
      return `Has prohibited field ${args.name ?? 'Resource'}`;
    case 'condition-operator':
      return `Invalid Condition type : ${args.name ?? ''}`;
    case 'sid-duplicate':
      return SID_DUPLICATE;
    default:
      return undefined;
  }
}

function trustMessage(code: ProblemCode, args: ProblemArgs): string {
  const shared = policyEngineMessage(code, args, 'Syntax error in policy.');
  if (shared !== undefined) return shared;
  switch (code) {
    case 'not-object':
      return 'This policy contains invalid Json';
    case 'principal-star-string':
      return 'AssumeRolepolicy contained an invalid principal: "STAR":"*".';
    case 'principal-empty':
      return 'Invalid principal in policy: com.amazon.balsa.error.InvalidPolicyException: The passed in policy has a statement with no principals!';
    case 'principal-invalid':
      return `Invalid principal in policy: "${(args.name ?? '').toUpperCase()}":"${args.value ?? ''}"`;
    case 'not-principal-forbidden':
    case 'not-principal-allow':
      return 'Has prohibited field NotPrincipal';
    case 'principal-forbidden':
      return 'Has prohibited field Principal';
    default:
      return TRUST_ACTIONS;
  }
}

function resourceMessage(code: ProblemCode, args: ProblemArgs): string {
  const shared = policyEngineMessage(code, args, 'Invalid policy syntax.');
  if (shared !== undefined) return shared;
  switch (code) {
    case 'not-object':
      return "Policies must be valid JSON and the first byte must be '{'";
    case 'resource-missing':
      return 'Missing required field Resource';
    case 'resource-invalid':
    case 'resource-format':
      return 'Policy has invalid resource';
    case 'principal-forbidden':
      return 'Has prohibited field Principal';
    case 'principal-star-string':
    case 'principal-empty':
    case 'principal-invalid':
    case 'not-principal-forbidden':
    case 'not-principal-allow':
      return 'Invalid principal in policy';
    default:
      return 'Policy has invalid action';
  }
}

/** The AWS message for a problem in a policy validated under `dialect`. */
export function problemMessage(dialect: Dialect, code: ProblemCode, args: ProblemArgs = {}): string {
  switch (dialect) {
    case 'iam':
      return iamMessage(code, args);
    case 'trust':
      return trustMessage(code, args);
    case 'resource':
      return resourceMessage(code, args);
    case 'organizations':
      return ORGANIZATIONS_MALFORMED;
  }
}
