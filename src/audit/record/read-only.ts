// Which calls CloudTrail marks readOnly. IAM's reads are its Get, List, Simulate and
// Generate actions (the catalogue's List and Read access levels; a test checks the two
// agree). STS's AssumeRole family is logged as read-only, GetSessionToken and
// GetFederationToken as mutating, as CloudTrail's documentation says.

const READ_PREFIXES = /^(Get|List|Simulate|Generate)/;

const STS_READ_ONLY: ReadonlySet<string> = new Set([
  'AssumeRole',
  'AssumeRoleWithSAML',
  'AssumeRoleWithWebIdentity',
  'AssumeRoot',
  'DecodeAuthorizationMessage',
  'GetAccessKeyInfo',
  'GetCallerIdentity',
]);

/** CloudTrail, EventBridge, Access Analyzer and the services after them: their reads by name. */
const OTHER_READ_PREFIXES = /^(Get|List|Describe|Lookup|Test|Validate|Check|Search)/;

/** Keyward's authorization API: its decisions read, as Verified Permissions' IsAuthorized does. */
const KEYWARD_READ_ONLY: ReadonlySet<string> = new Set(['Authorize', 'AccessEvaluation', 'AccessEvaluations', 'ExtAuthz']);

export function isReadOnlyCall(service: string, action: string): boolean {
  if (service === 'sts') return STS_READ_ONLY.has(action);
  if (service === 'keyward' && KEYWARD_READ_ONLY.has(action)) return true;
  if (service === 'iam') return READ_PREFIXES.test(action);
  return OTHER_READ_PREFIXES.test(action);
}

/** Read-only calls whose responseElements CloudTrail still records (minus the secret key). */
export function keepsResponseWhenReadOnly(service: string, action: string): boolean {
  return service === 'sts' && action.startsWith('AssumeRo');
}
