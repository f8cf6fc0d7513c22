// A role's trust policy (AssumeRolePolicyDocument): checked as a trust policy, then against
// the role trust policy size quota, which AWS reports as ACLSizePerRole.

import { ROLE_TRUST_POLICY_SIZE } from '../../../domain/quotas.js';
import { parsePolicy } from '../../../policy/document/parse-policy.js';
import { IamError } from '../../../protocol/errors.js';
import { quotaExceeded } from '../errors.js';

/** Throws MalformedPolicyDocument (AWS's wording) or LimitExceeded; returns nothing when fine. */
export function validateTrustPolicy(text: string): void {
  const parsed = parsePolicy(text, { kind: 'trust' });
  if (!parsed.ok) throw new IamError('MalformedPolicyDocument', parsed.message);
  if (parsed.document.size > ROLE_TRUST_POLICY_SIZE) throw quotaExceeded('ACLSizePerRole', ROLE_TRUST_POLICY_SIZE);
}
