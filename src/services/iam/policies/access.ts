// Finding the managed policy a request names: the ARN must be a policy ARN, and only the
// caller's own policies and AWS managed ones are visible; plus the authorization check on it.

import { AWS_MANAGED_ACCOUNT, type ManagedPolicy, type Tag } from '../../../domain/entities.js';
import { parseIamArn } from '../../../domain/arn.js';
import { isValidPolicyPath } from '../../../domain/names.js';
import type { ContextValue } from '../../../policy/context.js';
import type { StoreTx } from '../../../storage/ports.js';
import type { AuthCheck, ServiceContext } from '../../operation.js';
import { awsManagedReadOnly, invalidArn, policyNotFound } from './errors.js';

/** Throws InvalidInput unless `arn` has the shape of a managed policy ARN. */
export function requirePolicyArn(arn: string): void {
  const parsed = parseIamArn(arn);
  if (parsed === null || parsed.kind !== 'policy' || !isValidPolicyPath(parsed.path)) throw invalidArn(arn);
}

export function isAwsManaged(policy: Pick<ManagedPolicy, 'accountId'>): boolean {
  return policy.accountId === AWS_MANAGED_ACCOUNT;
}

/** The policy if the account may see it (its own, or AWS managed), else undefined. */
export async function findPolicy(tx: StoreTx, accountId: string, arn: string): Promise<ManagedPolicy | undefined> {
  const policy = await tx.policies.get(arn);
  if (policy === undefined) return undefined;
  return policy.accountId === accountId || isAwsManaged(policy) ? policy : undefined;
}

/** The visible policy, or NoSuchEntity "Policy ... was not found." (InvalidInput for a non-policy ARN). */
export async function mustFindPolicy(tx: StoreTx, accountId: string, arn: string): Promise<ManagedPolicy> {
  requirePolicyArn(arn);
  const policy = await findPolicy(tx, accountId, arn);
  if (policy === undefined) throw policyNotFound(arn);
  return policy;
}

/** As mustFindPolicy, for actions that change the policy: AWS managed ones are refused. */
export async function mustFindWritablePolicy(tx: StoreTx, ctx: ServiceContext, action: string, arn: string): Promise<ManagedPolicy> {
  const policy = await mustFindPolicy(tx, ctx.accountId, arn);
  if (isAwsManaged(policy)) throw awsManagedReadOnly(ctx.caller, `iam:${action}`, arn);
  return policy;
}

/** The policy resource type has only `aws:ResourceTag/*` (no `iam:ResourceTag/*`) in the reference. */
export function policyResourceTagKeys(tags: readonly Tag[] | undefined): Record<string, ContextValue> {
  const keys: Record<string, ContextValue> = {};
  for (const t of tags ?? []) keys[`aws:ResourceTag/${t.key}`] = t.value;
  return keys;
}

/** The check on a named policy: its ARN as given, with its tags when the caller can see it. */
export async function policyCheck(
  ctx: ServiceContext,
  arn: string,
  keys: Readonly<Record<string, ContextValue>> = {},
): Promise<AuthCheck> {
  const policy = await ctx.store.read((tx) => findPolicy(tx, ctx.accountId, arn));
  return { resource: arn, keys: { ...policyResourceTagKeys(policy?.tags), ...keys } };
}
