// Finding managed policies that an entity may attach or use as a boundary.

import type { ManagedPolicy } from '../../../domain/entities.js';
import type { StoreTx } from '../../../storage/ports.js';
import { noSuchPolicy } from '../errors.js';

export async function requireAttachablePolicy(tx: StoreTx, arn: string): Promise<ManagedPolicy> {
  const policy = await tx.policies.get(arn);
  if (policy === undefined || !policy.isAttachable) throw noSuchPolicy(arn);
  return policy;
}
