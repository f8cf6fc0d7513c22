// The console's password check (no API action): account id or alias, user name (or the root
// user), password. Applies the lockout rule, HardExpiry and PasswordLastUsed. The reasons are
// for logs and audit; a sign-in page should show one message for all of them.

import { hashPassword, needsRehash, verifyPassword } from '../../../auth/password/hash.js';
import { isLocked } from '../../../auth/password/lockout.js';
import { passwordExpired, userMayReplaceExpiredPassword } from '../../../auth/password/policy.js';
import type { LoginProfile } from '../../../domain/credentials.js';
import type { PasswordPolicy, User } from '../../../domain/entities.js';
import type { Store } from '../../../storage/ports.js';
import { recordFailedAttempt, withoutLockout } from './profile-lookup.js';
import type { PasswordOwner } from './password-set.js';

export interface SignInRequest {
  /** What the sign-in page asks for: the 12-digit account id or the account alias. */
  readonly account: string;
  /** The IAM user; omitted for the root user. */
  readonly userName?: string;
  readonly password: string;
  readonly now: Date;
}

export type SignInFailure = 'no-such-account' | 'no-login-profile' | 'wrong-password' | 'locked' | 'password-expired';

export type SignInResult =
  | {
      readonly ok: true;
      readonly accountId: string;
      /** Undefined for the root user. */
      readonly user: User | undefined;
      /** The console must make the user choose a new password before anything else. */
      readonly passwordResetRequired: boolean;
      /** Past MaxPasswordAge (without HardExpiry): the console must make the user change it. */
      readonly expired: boolean;
    }
  | { readonly ok: false; readonly reason: SignInFailure };

const ACCOUNT_ID = /^\d{12}$/;

interface SignInTarget {
  readonly accountId: string;
  readonly owner: PasswordOwner;
  readonly user: User | undefined;
  readonly profile: LoginProfile | undefined;
  readonly policy: PasswordPolicy | undefined;
}

let dummyHash: Promise<string> | undefined;

/** A hash check against nothing, so an unknown account or user costs what a wrong password costs. */
async function spendHashTime(password: string): Promise<void> {
  dummyHash ??= hashPassword('keyward-sign-in-timing-equalizer');
  await verifyPassword(password, await dummyHash);
}

async function findTarget(store: Store, request: SignInRequest): Promise<SignInTarget | undefined> {
  return store.read(async (tx) => {
    // Aliases are lower case only (AWS's pattern), so the typed text may be lowered safely.
    const accountId = ACCOUNT_ID.test(request.account) ? request.account : await tx.aliases.findAccount(request.account.toLowerCase());
    if (accountId === undefined) return undefined;
    const account = await tx.accounts.get(accountId);
    if (account === undefined) return undefined;
    if (request.userName === undefined) {
      const profile = await tx.loginProfiles.get(accountId, null);
      // The account password policy does not govern the root user's password.
      return { accountId, owner: { accountId, userName: null }, user: undefined, profile, policy: undefined };
    }
    const user = await tx.users.get(accountId, request.userName);
    const owner = { accountId, userName: user?.name ?? request.userName };
    const profile = user === undefined ? undefined : await tx.loginProfiles.get(accountId, user.name);
    return { accountId, owner, user, profile, policy: account.passwordPolicy };
  });
}

const fail = (reason: SignInFailure): SignInResult => ({ ok: false, reason });

export async function signIn(store: Store, request: SignInRequest): Promise<SignInResult> {
  const { now, password } = request;
  const target = await findTarget(store, request);
  if (target === undefined) {
    await spendHashTime(password);
    return fail('no-such-account');
  }
  const { profile, owner } = target;
  if (profile === undefined) {
    await spendHashTime(password);
    return fail('no-login-profile');
  }
  if (isLocked(profile, now)) return fail('locked');
  if (!(await verifyPassword(password, profile.passwordHash))) {
    await recordFailedAttempt(store, owner, now);
    return fail('wrong-password');
  }
  const expired = passwordExpired(profile.passwordLastChanged, target.policy, now);
  if (expired && !userMayReplaceExpiredPassword(target.policy)) return fail('password-expired');

  const rehashed = needsRehash(profile.passwordHash) ? await hashPassword(password) : undefined;
  await store.write(async (tx) => {
    const current = await tx.loginProfiles.get(owner.accountId, owner.userName);
    // Changed since it was checked: the new password's counters are not this sign-in's to clear.
    if (current === undefined || current.passwordHash !== profile.passwordHash) return;
    if (current.failedAttempts === 0 && current.lockedUntil === undefined && rehashed === undefined) return;
    await tx.loginProfiles.update({ ...withoutLockout(current), ...(rehashed !== undefined && { passwordHash: rehashed }) });
  });
  await store.recordPasswordUse(owner.accountId, owner.userName, now);
  return {
    ok: true,
    accountId: target.accountId,
    user: target.user === undefined ? undefined : { ...target.user, passwordLastUsed: now },
    passwordResetRequired: profile.passwordResetRequired,
    expired,
  };
}
