// What an MFA call targets and the authorization checks AWS makes for it: the owner of the
// devices (an IAM user's ARN, or the root user's), or the virtual device itself (its ARN).

import type { MfaDevice } from '../../../domain/credentials.js';
import type { User } from '../../../domain/entities.js';
import { rootArn, userArn } from '../../../domain/arn.js';
import type { ContextValue } from '../../../policy/context.js';
import type { WireObject } from '../../../protocol/wire-value.js';
import type { StoreTx } from '../../../storage/ports.js';
import type { AuthCheck, ServiceContext } from '../../operation.js';
import { noSuchUser } from '../errors.js';
import { resourceTagKeys } from '../tag-keys.js';
import { targetUserName } from '../users/operations.js';

export interface MfaOwner {
  /** The user's name as stored, or null for the root user. */
  readonly userName: string | null;
  readonly user?: User;
}

/**
 * The root user names itself `root` or by its account id where the model requires a
 * UserName (EnableMFADevice, ResyncMFADevice): AWS documents no API name for the root user
 * (docs/mfa.md). A real IAM user of that name wins, so no user becomes unreachable.
 */
function namesRoot(name: string, ctx: ServiceContext): boolean {
  return ctx.caller.principal.type === 'Root' && (name === ctx.accountId || name.toLowerCase() === 'root');
}

/** UserName, or the caller's own identity when it is omitted; NoSuchEntity for an unknown user. */
export async function mfaOwner(tx: StoreTx, input: WireObject, ctx: ServiceContext): Promise<MfaOwner> {
  const name = targetUserName(input, ctx);
  if (name === undefined) return { userName: null };
  const user = await tx.users.get(ctx.accountId, name);
  if (user !== undefined) return { userName: user.name, user };
  if (namesRoot(name, ctx)) return { userName: null };
  throw noSuchUser(name);
}

/** The check on the owner: the user's real ARN and tags (path `/` when unknown), or the root ARN. */
export async function mfaOwnerChecks(input: WireObject, ctx: ServiceContext): Promise<AuthCheck[]> {
  const name = targetUserName(input, ctx);
  if (name === undefined) return [{ resource: rootArn(ctx.accountId) }];
  const user = await ctx.store.read((tx) => tx.users.get(ctx.accountId, name));
  if (user === undefined && namesRoot(name, ctx)) return [{ resource: rootArn(ctx.accountId) }];
  return [{ resource: user?.arn ?? userArn(ctx.accountId, '/', name), keys: resourceTagKeys(user?.tags) }];
}

/** True when the device is enabled for exactly this owner (user names compare case-insensitively). */
export function isAssignedTo(device: MfaDevice, userName: string | null): boolean {
  const assigned = device.assignment;
  if (assigned === undefined) return false;
  if (assigned.userName === null || userName === null) return assigned.userName === userName;
  return assigned.userName.toLowerCase() === userName.toLowerCase();
}

/** The check on a device (Delete, Tag, Untag, ListTags): its ARN and tags, or the ARN the serial names. */
export async function mfaDeviceChecks(ctx: ServiceContext, serialNumber: string, keys: Record<string, ContextValue> = {}): Promise<AuthCheck[]> {
  const device = await ctx.store.read((tx) => tx.mfaDevices.get(ctx.accountId, serialNumber));
  const resource = device?.serialNumber ?? (serialNumber.startsWith('arn:') ? serialNumber : `arn:aws:iam::${ctx.accountId}:mfa/${serialNumber}`);
  return [{ resource, keys: { ...resourceTagKeys(device?.tags), ...keys } }];
}
