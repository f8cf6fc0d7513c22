// Finding a login profile (user first, as AWS reports a missing user before a missing
// password), its wire shape, and the lockout counters a password check moves.

import { afterFailure } from '../../../auth/password/lockout.js';
import type { LoginProfile } from '../../../domain/credentials.js';
import type { WireObject } from '../../../protocol/wire-value.js';
import type { Store, StoreTx } from '../../../storage/ports.js';
import { noSuchUser } from '../errors.js';
import { loginProfileExists, noSuchLoginProfile, ownerLabel } from './errors.js';
import type { PasswordOwner } from './password-set.js';

/** The owner with the user's stored name (its real case); NoSuchEntity for an unknown user. */
export async function mustGetOwner(tx: StoreTx, owner: PasswordOwner): Promise<PasswordOwner> {
  if (owner.userName === null) return owner;
  const user = await tx.users.get(owner.accountId, owner.userName);
  if (user === undefined) throw noSuchUser(owner.userName);
  return { accountId: owner.accountId, userName: user.name };
}

export async function mustGetProfile(tx: StoreTx, owner: PasswordOwner): Promise<LoginProfile> {
  await mustGetOwner(tx, owner);
  const profile = await tx.loginProfiles.get(owner.accountId, owner.userName);
  if (profile === undefined) throw noSuchLoginProfile(owner.userName);
  return profile;
}

/** CreateLoginProfile's preconditions: the user exists and has no password yet. */
export async function mustHaveNoProfile(tx: StoreTx, owner: PasswordOwner): Promise<PasswordOwner> {
  const found = await mustGetOwner(tx, owner);
  if ((await tx.loginProfiles.get(owner.accountId, owner.userName)) !== undefined) throw loginProfileExists(owner.userName);
  return found;
}

/** AWS's LoginProfile shape; the password itself is never part of it. */
export function wireLoginProfile(profile: LoginProfile): WireObject {
  return {
    UserName: ownerLabel(profile.userName),
    CreateDate: profile.createDate,
    PasswordResetRequired: profile.passwordResetRequired,
  };
}

/** The profile with its failure count and lock cleared (a new password or a correct one). */
export function withoutLockout(profile: LoginProfile): LoginProfile {
  const { lockedUntil: _cleared, ...rest } = profile;
  return { ...rest, failedAttempts: 0 };
}

/**
 * Counts one wrong password against the profile as it is now (not as it was read before the
 * slow hash check), so concurrent failures all count. No-op if the profile is gone.
 */
export async function recordFailedAttempt(store: Store, owner: PasswordOwner, now: Date): Promise<void> {
  await store.write(async (tx) => {
    const profile = await tx.loginProfiles.get(owner.accountId, owner.userName);
    if (profile === undefined) return;
    const next = afterFailure(profile, now);
    const { lockedUntil: _previous, ...rest } = profile;
    await tx.loginProfiles.update({ ...rest, ...next });
  });
}
