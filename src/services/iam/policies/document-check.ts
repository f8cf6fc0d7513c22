// Validation of a managed policy document (CreatePolicy, CreatePolicyVersion): IAM's
// grammar for identity policies with Version 2012-10-17 required, then the size quota.

import { MANAGED_POLICY_SIZE } from '../../../domain/quotas.js';
import { parsePolicy } from '../../../policy/document/parse-policy.js';
import { IamError } from '../../../protocol/errors.js';
import { quotaExceeded } from '../errors.js';

/** Throws MalformedPolicyDocument or LimitExceeded as AWS would; returns nothing when valid. */
export function checkManagedPolicyDocument(text: string): void {
  const parsed = parsePolicy(text, { kind: 'identity', managed: true });
  if (!parsed.ok) throw new IamError('MalformedPolicyDocument', parsed.message);
  // IAM counts the size without white space ("Cannot exceed quota for PolicySize: 6144").
  if (parsed.document.size > MANAGED_POLICY_SIZE) throw quotaExceeded('PolicySize', MANAGED_POLICY_SIZE);
}
