// The two STS actions AWS serves without a signature: AssumeRoleWithWebIdentity and
// AssumeRoleWithSAML authenticate with the token or assertion they carry, not with AWS
// credentials. A request that does carry a signature is still verified like any other.

import type { Caller } from '../auth/caller.js';
import type { SigV4Headers } from '../auth/sigv4/index.js';

const UNSIGNED_STS_ACTIONS: ReadonlySet<string> = new Set(['AssumeRoleWithWebIdentity', 'AssumeRoleWithSAML']);

/** The region of an unsigned request, which has no credential scope to name one. */
export const UNSIGNED_REGION = 'us-east-1';

/** True for an STS federation action sent with neither an Authorization header nor a presigned query. */
export function isUnsignedFederationCall(service: string, action: string | null, headers: SigV4Headers, rawQuery: string): boolean {
  if (service !== 'sts' || action === null || !UNSIGNED_STS_ACTIONS.has(action)) return false;
  if (headers.authorization !== undefined) return false;
  return !new URLSearchParams(rawQuery).has('X-Amz-Algorithm');
}

/** Nobody: the action finds its account in the RoleArn and its principal in the token. */
export function anonymousCaller(): Caller {
  return { accountId: '', principal: { type: 'Anonymous', arn: '', account: '' }, userId: '', accessKeyId: '' };
}
