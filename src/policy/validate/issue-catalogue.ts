// Every issue code of AWS's "IAM policy validation check reference" (access-analyzer-reference-
// policy-checks), with its API findingType and the findingDetails wording. `{{name}}` marks a
// slot the check fills. Codes whose wording the reference does not give keep `details` empty;
// codes marked `retired` appear only in the June-2023 page. docs/access-analyzer.md is generated
// from this table and the checks that emit each code (a test keeps it current).

import type { FindingType } from './types.js';

export interface IssueSpec {
  readonly type: FindingType;
  readonly details?: string;
  readonly retired?: boolean;
}

const E = 'ERROR';
const W = 'WARNING';
const S = 'SECURITY_WARNING';
const G = 'SUGGESTION';

export const ISSUE_CATALOGUE = {
  // ERROR
  ARN_ACCOUNT_NOT_ALLOWED: { type: E, details: 'The service {{service}} does not support specifying an account ID in the resource ARN.' },
  ARN_REGION_NOT_ALLOWED: { type: E, details: 'The service {{service}} does not support specifying a Region in the resource ARN.' },
  DATA_TYPE_MISMATCH: { type: E, details: 'The text does not match the expected JSON data type {{type}}.' },
  DUPLICATE_KEYS_WITH_DIFFERENT_CASE: { type: E, details: 'The condition key {{key}} appears more than once with different capitalization in the same condition block. Remove the duplicate condition keys.' },
  INVALID_ACTION: { type: E, details: 'The action {{action}} does not exist.{{suggestion}}' },
  INVALID_ARN_ACCOUNT: { type: E, details: 'The resource ARN account ID {{account}} is not valid. Provide a 12-digit account ID.' },
  INVALID_ARN_PREFIX: { type: E, details: 'Add the required prefix (arn) to the resource ARN.' },
  INVALID_ARN_REGION: { type: E, details: 'The Region {{region}} is not valid for this resource. Update the resource ARN to include a supported Region.' },
  INVALID_ARN_RESOURCE: { type: E, details: 'Resource ARN does not match the expected ARN format. Update the resource portion of the ARN.' },
  INVALID_ARN_SERVICE_CASE: { type: E, details: 'Update the service name {{service}} in the resource ARN to use all lowercase letters.' },
  INVALID_CONDITION_DATA_TYPE: { type: E, details: 'The condition value data types do not match. Use condition values of the same JSON data type.' },
  INVALID_CONDITION_KEY_FORMAT: { type: E, details: 'The condition key format {{key}} is not valid. Use the format service:keyname.' },
  INVALID_CONDITION_MULTIPLE_BOOLEAN: { type: E, details: 'The condition key {{key}} does not support multiple Boolean values. Use a single Boolean value.' },
  INVALID_CONDITION_OPERATOR: { type: E, details: 'The condition operator {{operator}} is not valid. Use a valid condition operator.' },
  INVALID_EFFECT: { type: E, details: 'The effect {{effect}} is not valid. Use Allow or Deny.' },
  INVALID_GLOBAL_CONDITION_KEY: { type: E, details: 'The condition key {{key}} does not exist. Use a valid condition key.' },
  INVALID_PARTITION: { type: E, details: 'The resource ARN for the service {{service}} does not support the partition {{partition}}. Use the supported values: {{partitions}}' },
  INVALID_POLICY_ELEMENT: { type: E, details: 'The policy element {{element}} is not valid.' },
  INVALID_PRINCIPAL_FORMAT: { type: E, details: 'The Principal element contents are not valid. Specify a key-value pair in the Principal element.' },
  INVALID_PRINCIPAL_KEY: { type: E, details: 'The principal key {{key}} is not valid.' },
  INVALID_REGION: { type: E, details: 'The Region {{region}} is not valid. Update the condition value to a suported Region.' },
  INVALID_SERVICE: { type: E, details: 'The service {{service}} does not exist. Use a valid service name.' },
  INVALID_SERVICE_CONDITION_KEY: { type: E, details: 'The condition key {{key}} does not exist in the service {{service}}. Use a valid condition key.' },
  INVALID_SERVICE_IN_ACTION: { type: E, details: 'The service {{service}} specified in the action does not exist.{{suggestion}}' },
  INVALID_VARIABLE_FOR_OPERATOR: { type: E, details: 'Policy variables can only be used with String and ARN operators.' },
  INVALID_VERSION: { type: E, details: 'The version {{version}} is not valid. Use one of the following versions: 2012-10-17, 2008-10-17' },
  JSON_SYNTAX_ERROR: { type: E, details: 'Fix the JSON syntax error at index {{index}} line {{line}} column {{column}}.' },
  MISSING_ACTION: { type: E, details: 'Add an Action or NotAction element to the policy statement.' },
  MISSING_ARN_FIELD: { type: E, details: 'Resource ARNs must include at least 6 fields in the following structure: arn:partition:service:region:account:resource' },
  MISSING_ARN_REGION: { type: E, details: 'Add a Region to the {{service}} resource ARN.' },
  MISSING_EFFECT: { type: E, details: 'Add an Effect element to the policy statement with a value of Allow or Deny.' },
  MISSING_PRINCIPAL: { type: E, details: 'Add a Principal element to the policy statement.' },
  MISSING_QUALIFIER: { type: E, details: 'The request context key {{key}} has multiple values. Use the ForAllValues or ForAnyValue condition key qualifiers in your policy.' },
  MISSING_RESOURCE: { type: E, details: 'Add a Resource or NotResource element to the policy statement.' },
  MISSING_STATEMENT: { type: E, details: 'Add a statement to the policy' },
  NULL_WITH_IF_EXISTS: { type: E, details: 'The Null condition operator cannot be used with the IfExists suffix. Update the operator or the suffix.' },
  SCP_SYNTAX_ERROR_ACTION_WILDCARD: { type: E, details: 'SCP actions can include wildcards (*) only at the end of a string. Update {{action}}.' },
  SCP_SYNTAX_ERROR_PRINCIPAL: { type: E, details: 'SCPs do not support specifying principals. Remove the Principal or NotPrincipal element.' },
  SCP_SYNTAX_ERROR_ALLOW_CONDITION: { type: E, retired: true, details: 'SCPs do not support the Condition element with effect Allow. Update the element Condition or the effect.' },
  SCP_SYNTAX_ERROR_ALLOW_NOTACTION: { type: E, retired: true, details: 'SCPs do not support NotAction with effect Allow. Update the element NotAction or the effect.' },
  SCP_SYNTAX_ERROR_ALLOW_RESOURCE: { type: E, retired: true, details: 'SCPs do not support Resource with effect Allow. Update the element Resource or the effect.' },
  SCP_SYNTAX_ERROR_NOTRESOURCE: { type: E, retired: true, details: 'SCPs do not support the NotResource element. Update the policy to use Resource instead.' },
  UNIQUE_SIDS_REQUIRED: { type: E, details: 'Duplicate statement IDs are not supported for this policy type. Update the Sid value.' },
  UNSUPPORTED_ACTION_IN_POLICY: { type: E, details: 'The action {{action}} is not supported for the resource-based policy attached to the resource type {{resourceType}}.' },
  UNSUPPORTED_ELEMENT_COMBINATION: { type: E, details: 'The policy elements {{element1}} and {{element2}} can not be used in the same statement. Remove one of these elements.' },
  UNSUPPORTED_GLOBAL_CONDITION_KEY: { type: E, details: 'The condition key aws:ARN is not supported. Use aws:PrincipalArn or aws:SourceArn instead.' },
  UNSUPPORTED_PRINCIPAL: { type: E, details: 'The policy type {{policyType}} does not support the Principal element. Remove the Principal element.' },
  UNSUPPORTED_RESOURCE_ARN_IN_POLICY: { type: E, details: 'The resource ARN is not supported for the resource-based policy attached to the resource type {{resourceType}}.' },
  UNSUPPORTED_SID: { type: E, details: 'Update the characters in the Sid element to use one of the following character types: [a-z, A-Z, 0-9]' },
  UNSUPPORTED_WILDCARD_IN_PRINCIPAL: { type: E, details: 'Wildcards (*, ?) are not supported with the principal key {{key}}. Replace the wildcard with a valid principal value.' },
  MISSING_BRACE_IN_VARIABLE: { type: E, details: 'The policy variable is missing a closing curly brace. Add } after the variable text.' },
  MISSING_QUOTE_IN_VARIABLE: { type: E, details: 'The policy variable default value must begin and end with a single quote. Add the missing quote.' },
  UNSUPPORTED_SPACE_IN_VARIABLE: { type: E, details: 'A space is not supported within the policy variable text. Remove the space.' },
  EMPTY_VARIABLE: { type: E, details: 'Empty policy variable. Remove the variable structure or provide a variable within the structure.' },
  VARIABLE_UNSUPPORTED_IN_ELEMENT: { type: E, details: 'Policy variables are supported in the Resource and Condition elements. Remove the policy variable {{variable}} from this element.' },
  VARIABLE_UNSUPPORTED_IN_VERSION: { type: E, details: 'To include variables in your policy, use the policy version 2012-10-17 or later.' },
  PRIVATE_IP_ADDRESS: { type: E, details: 'aws:SourceIp works only for public IP address ranges. The values for condition key aws:SourceIp include only private IP addresses and will not have the desired effect. Update the value to include only public IP addresses.' },
  PRIVATE_NOT_IP_ADDRESS: { type: E, details: 'The values for condition key aws:SourceIp include only private IP addresses and has no effect. aws:SourceIp works only for public IP address ranges. Update the value to include only public IP addresses.' },
  POLICY_SIZE_EXCEEDS_SCP_QUOTA: { type: E, details: 'The {{policySize}} characters in the service control policy (SCP) exceed the {{policySizeQuota}} character maximum for SCPs. We recommend that you use multiple granular policies.' },
  INVALID_SERVICE_PRINCIPAL_FORMAT: { type: E, details: 'The service principal {{principal}} does not match the expected format. Use the format {{format}}.' },
  MISSING_TAG_KEY_IN_CONDITION: { type: E, details: 'The condition key {{key}} must include a tag key to control access based on tags. Use the format {{key}}tag-key and specify a key name for tag-key.' },
  // Keyward's wording where the reference gives none (docs/access-analyzer.md says which codes).
  INVALID_VPC_FORMAT: { type: E, details: 'The VPC identifier {{value}} is not valid. Use the format vpc- followed by 8 or 17 hexadecimal characters.' },
  INVALID_VPCE_FORMAT: { type: E, details: 'The VPC endpoint identifier {{value}} is not valid. Use the format vpce- followed by 8 or 17 hexadecimal characters.' },
  FEDERATED_PRINCIPAL_NOT_SUPPORTED: { type: E, details: 'The policy type does not support a federated identity provider in the principal element. Use a supported principal.' },
  UNSUPPORTED_ACTION_FOR_CONDITION_KEY: { type: E, details: 'The following actions: {{actions}} are not supported by the condition key {{key}}. The condition will not be evaluated for these actions. We recommend that you move these actions to a different statement without this condition key.' },
  UNSUPPORTED_CONDITION_KEY_FOR_SERVICE_PRINCIPAL: { type: E },
  ROLE_TRUST_POLICY_SYNTAX_ERROR_NOTPRINCIPAL: { type: E, details: 'Role trust policies do not support NotPrincipal. Update the policy to use a Principal element instead.' },
  ROLE_TRUST_POLICY_UNSUPPORTED_WILDCARD_IN_PRINCIPAL: { type: E, details: '"Principal:" "*" is not supported in the principal element of a role trust policy. Replace the wildcard with a valid principal value.' },
  ROLE_TRUST_POLICY_SYNTAX_ERROR_RESOURCE: { type: E, details: 'Role trust policies apply to the role that they are attached to. You cannot specify a resource. Remove the Resource or NotResource element.' },
  TYPE_MISMATCH_IP_RANGE: { type: E, details: 'The condition operator {{operator}} is used with an invalid IP range value. Specify the IP range in standard CIDR format.' },
  MISSING_ACTION_FOR_CONDITION_KEY: { type: E },
  INVALID_FEDERATED_PRINCIPAL_SYNTAX_IN_ROLE_TRUST_POLICY: { type: E, details: 'The principal value specifies a federated principal that does not match the expected format. Update the federated principal to a domain name or a SAML metadata ARN.' },
  MISMATCHED_ACTION_FOR_PRINCIPAL: { type: E, details: 'The {{actionName}} action is invalid with the following principal(s): {{principalNames}}. Use a SAML provider principal with the sts:AssumeRoleWithSAML action or use an OIDC provider principal with the sts:AssumeRoleWithWebIdentity action. Ensure the provider is Federated if you use either of the two options.' },
  MISSING_ACTION_FOR_ROLES_ANYWHERE_TRUST_POLICY: { type: E, details: 'A role trust policy for IAM Roles Anywhere must allow the actions sts:AssumeRole, sts:SetSourceIdentity and sts:TagSession. Add the missing actions: {{actions}}.' },
  POLICY_SIZE_EXCEEDS_RCP_QUOTA: { type: E, details: 'The {{policySize}} characters in the resource control policy (RCP) exceed the {{policySizeQuota}} character maximum for RCPs. We recommend that you use multiple granular policies.' },
  RCP_SYNTAX_ERROR_PRINCIPAL: { type: E, details: 'The Principal element contents are not valid. RCPs only support specifying all principals ("*") in the Principal element. The NotPrincipal element is not supported for RCPs.' },
  RCP_SYNTAX_ERROR_ALLOW: { type: E, details: 'RCPs only support specifying all principals ("*") and all actions ("*") and all resources ("*") with no conditions in a statement with effect Allow.' },
  RCP_SYNTAX_ERROR_NOTACTION: { type: E, details: 'RCPs do not support the NotAction element. Update to use Action.' },
  RCP_SYNTAX_ERROR_ACTION: { type: E, details: 'The action {{action}} is not supported in RCPs. RCPs only support the actions of the services that support RCPs.' },
  MISSING_ARN_ACCOUNT: { type: E, details: 'Add an account ID to the {{service}} resource ARN.' },
  INVALID_KMS_KEY_VALUE: { type: E },
  VARIABLE_USAGE_TOO_PERMISSIVE: { type: E },
  WILDCARD_USAGE_TOO_PERMISSIVE: { type: E },
  // WARNING (the reference page's "General Warning")
  CREATE_SLR_WITH_NOT_RESOURCE: { type: W, details: 'Using the iam:CreateServiceLinkedRole action with NotResource can allow creation of unintended service-linked roles for multiple resources. We recommend that you specify resource ARNs instead.' },
  CREATE_SLR_WITH_STAR_IN_ACTION_AND_NOT_RESOURCE: { type: W, details: 'Using an action with a wildcard(*) and NotResource can allow creation of unintended service-linked roles because it can allow iam:CreateServiceLinkedRole permissions on multiple resources. We recommend that you specify resource ARNs instead.' },
  CREATE_SLR_WITH_NOT_ACTION_AND_NOT_RESOURCE: { type: W, details: 'Using NotAction with NotResource can allow creation of unintended service-linked roles because it allows iam:CreateServiceLinkedRole permissions on multiple resources. We recommend that you specify resource ARNs instead.' },
  CREATE_SLR_WITH_STAR_IN_RESOURCE: { type: W, details: 'Using the iam:CreateServiceLinkedRole action with wildcards (*) in the resource can allow creation of unintended service-linked roles. We recommend that you specify resource ARNs instead.' },
  CREATE_SLR_WITH_STAR_IN_ACTION_AND_RESOURCE: { type: W, details: 'Using wildcards (*) in the action and the resource can allow creation of unintended service-linked roles because it allows iam:CreateServiceLinkedRole permissions on all resources. We recommend that you specify resource ARNs instead.' },
  CREATE_SLR_WITH_STAR_IN_RESOURCE_AND_NOT_ACTION: { type: W, details: 'Using a resource with wildcards (*) and NotAction can allow creation of unintended service-linked roles because it allows iam:CreateServiceLinkedRole permissions on all resources. We recommend that you specify resource ARNs instead.' },
  DEPRECATED_GLOBAL_CONDITION_KEY: { type: W, details: 'We recommend that you update aws:ARN to use the newer condition keys aws:PrincipalArn or aws:SourceArn.' },
  INVALID_DATE_VALUE: { type: W, details: 'The date {{date}} might not resolve as expected. We recommend that you use the YYYY-MM-DD format.' },
  INVALID_ROLE_REFERENCE: { type: W, details: 'The Principal element includes the IAM role ID {{id}}. We recommend that you use a role ARN instead.' },
  INVALID_USER_REFERENCE: { type: W, details: 'The Principal element includes the IAM user ID {{id}}. We recommend that you use a user ARN instead.' },
  MISSING_VERSION: { type: W, details: 'We recommend that you specify the Version element to help you with debugging permission issues.' },
  UNIQUE_SIDS_RECOMMENDED: { type: W, details: 'We recommend that you use statement IDs that are unique to your policy. Update the Sid value.' },
  WILDCARD_WITHOUT_LIKE_OPERATOR: { type: W, details: 'Your condition value includes a * or ? character. If you meant to use a wildcard (*, ?), update the condition operator to include Like.' },
  POLICY_SIZE_EXCEEDS_IDENTITY_POLICY_QUOTA: { type: W, details: 'The {{policySize}} characters in the identity policy, excluding whitespace, exceed the {{policySizeQuota}} character maximum for inline and managed policies. We recommend that you use multiple granular policies.' },
  POLICY_SIZE_EXCEEDS_RESOURCE_POLICY_QUOTA: { type: W, details: 'The {{policySize}} characters in the resource policy exceed the {{policySizeQuota}} character maximum for resource policies. We recommend that you use multiple granular policies.' },
  TYPE_MISMATCH: { type: W, details: 'Use the operator type {{type}} instead of operator {{operator}} for the condition key {{key}}.' },
  TYPE_MISMATCH_BOOLEAN: { type: W, details: 'Add a valid Boolean value (true or false) for the condition operator {{operator}}.' },
  TYPE_MISMATCH_DATE: { type: W, details: 'The date condition operator is used with an invalid value. Specify a valid date using YYYY-MM-DD or other ISO 8601 date/time format.' },
  TYPE_MISMATCH_NUMBER: { type: W, details: 'Add a valid numeric value for the condition operator {{operator}}.' },
  TYPE_MISMATCH_STRING: { type: W, details: 'Add a valid base64-encoded string value for the condition operator {{operator}}.' },
  SPECIFIC_GITHUB_REPO_AND_BRANCH_RECOMMENDED: {
    type: W,
    details:
      'Using a wildcard (*) in token.actions.githubusercontent.com:sub can allow requests from more sources than you intended. Specify the value of token.actions.githubusercontent.com:sub with the repository and branch name. If the subject claim does not include the branch, specify it in a token.actions.githubusercontent.com:ref condition key.',
  },
  POLICY_SIZE_EXCEEDS_ROLE_TRUST_POLICY_QUOTA: { type: W, details: 'The {{policySize}} characters in the role trust policy, excluding whitespace, exceed the {{policySizeQuota}} character maximum. We recommend that you use multiple granular policies.' },
  RCP_MISSING_RELATED_PRINCIPAL_CONDITION_KEY: { type: W },
  RCP_MISSING_RELATED_SERVICE_PRINCIPAL_CONDITION_KEY: { type: W },
  RCP_MISSING_SERVICE_CONDITION_KEY_NULL_CHECK: { type: W },
  USE_CONDITION_KEY_ONLY_WITH_SUPPORTED_SERVICES: { type: W },
  // SECURITY_WARNING
  UNTRUSTWORTHY_CONDITION_KEY: { type: S },
  ALLOW_WITH_NOT_PRINCIPAL: { type: S, details: 'Using Allow with NotPrincipal can be overly permissive. We recommend that you use Principal instead.' },
  FORALLVALUES_WITH_SINGLE_VALUED_KEY: { type: S, details: 'Using ForAllValues qualifier with the single-valued condition key {{key}} can be overly permissive. We recommend that you remove ForAllValues:.' },
  PASS_ROLE_WITH_NOT_RESOURCE: { type: S, details: 'Using the iam:PassRole action with NotResource can be overly permissive because it can allow iam:PassRole permissions on multiple resources. We recommend that you specify resource ARNs instead.' },
  PASS_ROLE_WITH_STAR_IN_ACTION_AND_NOT_RESOURCE: { type: S, details: 'Using an action with a wildcard (*) and NotResource can be overly permissive because it can allow iam:PassRole permissions on multiple resources. We recommend that you specify resource ARNs instead.' },
  PASS_ROLE_WITH_NOT_ACTION_AND_NOT_RESOURCE: { type: S, details: 'Using NotAction with NotResource can be overly permissive because it can allow iam:PassRole permissions on multiple resources.. We recommend that you specify resource ARNs instead.' },
  PASS_ROLE_WITH_STAR_IN_RESOURCE: { type: S, details: 'Using the iam:PassRole action with wildcards (*) in the resource can be overly permissive because it allows iam:PassRole permissions on multiple resources. We recommend that you specify resource ARNs or add the iam:PassedToService condition key to your statement.' },
  PASS_ROLE_WITH_STAR_IN_ACTION_AND_RESOURCE: { type: S, details: 'Using wildcards (*) in the action and the resource can be overly permissive because it allows iam:PassRole permissions on all resources. We recommend that you specify resource ARNs or add the iam:PassedToService condition key to your statement.' },
  PASS_ROLE_WITH_STAR_IN_RESOURCE_AND_NOT_ACTION: { type: S, details: 'Using a resource with wildcards (*) and NotAction can be overly permissive because it allows iam:PassRole permissions on all resources. We recommend that you specify resource ARNs or add the iam:PassedToService condition key to your statement.' },
  MISSING_PAIRED_CONDITION_KEYS: { type: S, details: 'Using the condition key {{key}} can be overly permissive without also using the following condition keys: {{pairedKeys}}. Condition keys like this one are more secure when paired with a related key. We recommend that you add the related condition keys to the same condition block.' },
  DENY_WITH_UNSUPPORTED_TAG_CONDITION_KEY_FOR_SERVICE: { type: S },
  DENY_NOTACTION_WITH_UNSUPPORTED_TAG_CONDITION_KEY_FOR_SERVICE: { type: S },
  RESTRICT_ACCESS_TO_SERVICE_PRINCIPAL: { type: S },
  MISSING_CONDITION_KEY_FOR_OIDC_PRINCIPAL: { type: S },
  MISSING_GITHUB_REPO_CONDITION_KEY: { type: S, details: 'Roles that trust GitHub as an OIDC provider can be assumed from any repository unless the token.actions.githubusercontent.com:sub condition key limits them. Add a condition on token.actions.githubusercontent.com:sub that names your repositories.' },
  STRING_LIKE_OPERATOR_WITH_ARN_CONDITION_KEYS: { type: S, details: 'The condition key {{key}} takes ARN values. Use the ARN operator {{suggestion}} instead of {{operator}}, which compares the ARN as text.' },
  DYNAMODB_ATTRIBUTES_WITHOUT_SELECT: { type: S, details: 'The condition key dynamodb:Attributes limits the attributes a request names, but without dynamodb:Select a request can still return every attribute (Select ALL_ATTRIBUTES or an index projection). Add the condition StringEqualsIfExists with dynamodb:Select SPECIFIC_ATTRIBUTES.' },
  S3_PREFIX_IN_NEGATIVE_CONTEXT: { type: S },
  FORANYVALUE_WITH_AUDIENCE_CLAIM_TYPE: { type: S },
  // SUGGESTION
  EMPTY_ARRAY_ACTION: { type: G, details: 'This statement includes no actions and does not affect the policy. Specify actions.' },
  EMPTY_ARRAY_CONDITION: { type: G, details: 'There are no values for the condition key {{key}} and it does not affect the policy. Specify conditions.' },
  EMPTY_ARRAY_CONDITION_FORALLVALUES: { type: G, details: 'The ForAllValues prefix with an empty condition key matches only if the key {{key}} is missing from the request context. To determine if the request context is empty, we recommend that you use the Null condition operator with the value of true instead.' },
  EMPTY_ARRAY_CONDITION_FORANYVALUE: { type: G, details: 'The ForAnyValue prefix with an empty condition key {{key}} never matches the request context and it does not affect the policy. Specify conditions.' },
  EMPTY_ARRAY_CONDITION_IFEXISTS: { type: G, details: 'The IfExists suffix with an empty condition key matches only if the key {{key}} is missing from the request context. To determine if the request context is empty, we recommend that you use the Null condition operator with the value of true instead.' },
  EMPTY_ARRAY_PRINCIPAL: { type: G, details: 'This statement includes no principals and does not affect the policy. Specify principals.' },
  EMPTY_ARRAY_RESOURCE: { type: G, details: 'This statement includes no resources and does not affect the policy. Specify resources.' },
  EMPTY_OBJECT_CONDITION: { type: G, details: 'This condition block is empty and it does not affect the policy. Specify conditions.' },
  EMPTY_OBJECT_PRINCIPAL: { type: G, details: 'This statement includes no principals and does not affect the policy. Specify principals.' },
  EMPTY_SID_VALUE: { type: G, details: 'Add a value to the empty string in the Sid element.' },
  EQUIVALENT_TO_NULL_FALSE: { type: G, details: 'The condition {{operator}} with the value * for {{key}} only checks that the key is present. Use the Null operator with the value false instead.' },
  EQUIVALENT_TO_NULL_TRUE: { type: G, details: 'The condition {{operator}} with the value * for {{key}} only checks that the key is absent. Use the Null operator with the value true instead.' },
  IMPROVE_IP_RANGE: { type: G, details: 'The non-zero bits in the IP address after the masked bits are ignored. Replace address with {{address}}.' },
  NULL_WITH_QUALIFIER: { type: G, details: 'Avoid using the Null condition operator with the ForAllValues or ForAnyValue qualifiers because they always return a true or false respectively.' },
  PRIVATE_IP_ADDRESS_SUBSET: { type: G, details: 'The values for condition key aws:SourceIp include a mix of private and public IP addresses. The private addresses will not have the desired effect. aws:SourceIp works only for public IP address ranges. To define permissions for private IP ranges, use aws:VpcSourceIp.' },
  PRIVATE_NOT_IP_ADDRESS_SUBSET: { type: G, details: 'The values for condition key aws:SourceIp include a mix of private and public IP addresses. The private addresses have no effect. aws:SourceIp works only for public IP address ranges. To define permissions for private IP ranges, use aws:VpcSourceIp.' },
  REDUNDANT_ACTION: { type: G, details: 'The {{redundantActionCount}} action(s) are redundant because they provide similar permissions. Update the policy to remove the redundant action such as: {{redundantAction}}.' },
  REDUNDANT_CONDITION_VALUE_NUM: { type: G, details: 'Multiple values in {{operator}} are redundant. Replace with the {{bound}} single value for {{key}}.' },
  REDUNDANT_RESOURCE: { type: G, details: 'The {{redundantResourceCount}} resource ARN(s) are redundant because they reference the same resource. Review the use of wildcards (*)' },
  REDUNDANT_STATEMENT: { type: G, details: 'The statements are redundant because they provide identical permissions. Update the policy to remove the redundant statement.' },
  WILDCARD_IN_SERVICE_NAME: { type: G, details: 'Avoid using wildcards (*, ?) in the service name because it might grant unintended access to other AWS services with similar names.' },
  ALLOW_WITH_UNSUPPORTED_TAG_CONDITION_KEY_FOR_SERVICE: { type: G },
  ALLOW_NOTACTION_WITH_UNSUPPORTED_TAG_CONDITION_KEY_FOR_SERVICE: { type: G },
  RECOMMENDED_CONDITION_KEY_FOR_SERVICE_PRINCIPAL: { type: G },
  IRRELEVANT_CONDITION_KEY_IN_POLICY: { type: G },
  REDUNDANT_KEY_DUE_TO_WILDCARD_IN_CONDITION: { type: G },
  REDUNDANT_PRINCIPAL_IN_ROLE_TRUST_POLICY: { type: G },
  REDUNDANT_STATEMENT_DUE_TO_WILDCARD_IN_CONDITION: { type: G },
  CONFIRM_AUDIENCE_CLAIM_TYPE: { type: G },
} as const satisfies Record<string, IssueSpec>;

export type IssueCode = keyof typeof ISSUE_CATALOGUE;

export type IssueArgs = Readonly<Record<string, string | number>>;

const LINK_TYPE: Readonly<Record<FindingType, string>> = {
  ERROR: 'error',
  WARNING: 'general-warning',
  SECURITY_WARNING: 'security-warning',
  SUGGESTION: 'suggestion',
};

/** AWS's anchor on the reference page for a code (verified on real outputs). */
export function learnMoreLink(code: IssueCode): string {
  const type = LINK_TYPE[ISSUE_CATALOGUE[code].type];
  return `https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-policy-checks.html#access-analyzer-reference-policy-checks-${type}-${code.toLowerCase().replaceAll('_', '-')}`;
}

/** The findingDetails of `code` with its slots filled; a slot without an argument is dropped. */
export function findingDetails(code: IssueCode, args: IssueArgs = {}): string {
  const spec: IssueSpec = ISSUE_CATALOGUE[code];
  const template = spec.details ?? code;
  return template.replace(/\{\{(\w+)\}\}/g, (_, name: string) => String(args[name] ?? '')).replace(/ {2,}/g, ' ');
}

/** The catalogue entry of `code`, widened to IssueSpec. */
export function issueSpec(code: IssueCode): IssueSpec {
  return ISSUE_CATALOGUE[code];
}

export const ISSUE_CODES = Object.keys(ISSUE_CATALOGUE) as readonly IssueCode[];
