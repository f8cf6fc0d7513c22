// The authorization check for a user's own credentials (signing certificates, SSH keys,
// service-specific credentials): the owner's real ARN and tags, or the root user's ARN.

import { rootArn, userArn } from '../../../domain/arn.js';
import type { ContextValue } from '../../../policy/context.js';
import type { AuthCheck, ServiceContext } from '../../operation.js';
import { resourceTagKeys } from '../tag-keys.js';

/** `userName` undefined means the root user (a root caller that named no user). */
export async function ownerCheck(
  ctx: ServiceContext,
  userName: string | undefined,
  keys: Readonly<Record<string, ContextValue>> = {},
): Promise<AuthCheck> {
  if (userName === undefined) return { resource: rootArn(ctx.accountId), keys };
  const user = await ctx.store.read((tx) => tx.users.get(ctx.accountId, userName));
  return { resource: user?.arn ?? userArn(ctx.accountId, '/', userName), keys: { ...resourceTagKeys(user?.tags), ...keys } };
}
