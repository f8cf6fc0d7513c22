// The default version's document of a managed policy (customer or AWS managed).

import type { StoreTx } from '../../../storage/ports.js';

export async function getManagedPolicyDocument(tx: StoreTx, arn: string): Promise<string | undefined> {
  const policy = await tx.policies.get(arn);
  if (policy === undefined) return undefined;
  return (await tx.policies.versions.get(arn, policy.defaultVersionId))?.document;
}
