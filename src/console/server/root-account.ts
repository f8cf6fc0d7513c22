// The root user's console credentials, outside the API: its password (set at first start from
// KEYWARD_ROOT_PASSWORD, by the operator with `keyward root set-password`, or through a mailed
// reset link), its e-mail address, and the operator's removal of its MFA devices. A new
// password keeps root's MFA devices: after a reset, sign-in still asks for a code.

import { createHash, randomBytes } from 'node:crypto';
import type { LoginProfile } from '../../domain/credentials.js';
import { setPassword } from '../../services/iam/login/password-set.js';
import { withoutLockout } from '../../services/iam/login/profile-lookup.js';
import type { Store } from '../../storage/ports.js';

/** A reset link works this long, once. */
export const RESET_TOKEN_TTL_MS = 15 * 60 * 1000;
/**
 * At most one reset mail a minute per account, on every node together (the check and the new
 * token share one write transaction): "Forgot password?" needs no sign-in, so without this anyone
 * could flood root's mailbox.
 */
export const RESET_MAIL_INTERVAL_MS = 60 * 1000;

const EMAIL = /^[^\s@<>"',;]{1,64}@[^\s@<>"',;]{1,255}$/;

export class RootAccountError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'RootAccountError';
  }
}

export function checkEmail(email: string): string {
  const trimmed = email.trim();
  if (!EMAIL.test(trimmed) || trimmed.length > 320) throw new RootAccountError('InvalidInput', `Not an e-mail address: ${JSON.stringify(email)}`);
  return trimmed;
}

/** Sets root's password (AWS's default rules and reuse of its own history), lifting any lockout. */
export async function setRootPassword(store: Store, accountId: string, password: string, now: Date): Promise<void> {
  const owner = { accountId, userName: null };
  await setPassword(store, owner, password, now, {
    precheck: async (tx) => {
      if ((await tx.accounts.get(accountId)) === undefined) throw new RootAccountError('NoSuchEntity', `No account ${accountId}.`);
    },
    apply: async (tx, passwordHash) => {
      const current = await tx.loginProfiles.get(accountId, null);
      if (current === undefined) {
        const created: LoginProfile = { accountId, userName: null, passwordHash, createDate: now, passwordResetRequired: false, passwordLastChanged: now, failedAttempts: 0 };
        await tx.loginProfiles.insert(created);
      } else {
        await tx.loginProfiles.update({ ...withoutLockout(current), passwordHash, passwordLastChanged: now, passwordResetRequired: false });
      }
      // Outstanding reset links prove nothing once the password changed.
      await tx.rootAccount.deleteResets(accountId);
    },
  });
}

export async function setRootEmail(store: Store, accountId: string, email: string, now: Date): Promise<void> {
  const checked = checkEmail(email);
  await store.write(async (tx) => {
    if ((await tx.accounts.get(accountId)) === undefined) throw new RootAccountError('NoSuchEntity', `No account ${accountId}.`);
    await tx.rootAccount.setEmail(accountId, checked, now);
  });
}

/** Deletes every MFA device enabled for root; returns their serial numbers. */
export async function removeRootMfa(store: Store, accountId: string): Promise<string[]> {
  return store.write(async (tx) => {
    const devices = await tx.mfaDevices.listForUser(accountId, null);
    for (const d of devices) await tx.mfaDevices.delete(accountId, d.serialNumber);
    return devices.map((d) => d.serialNumber);
  });
}

/** First start: root's password and e-mail from the environment, only where root has none (never overwritten). */
export async function applyRootBootstrap(store: Store, accountId: string, given: { readonly password?: string; readonly email?: string }, now: Date): Promise<{ password: boolean; email: boolean }> {
  const { hasPassword, hasEmail } = await store.read(async (tx) => ({
    hasPassword: (await tx.loginProfiles.get(accountId, null)) !== undefined,
    hasEmail: (await tx.rootAccount.getEmail(accountId)) !== undefined,
  }));
  const setPasswordNow = given.password !== undefined && given.password !== '' && !hasPassword;
  const setEmailNow = given.email !== undefined && given.email !== '' && !hasEmail;
  if (setPasswordNow) await setRootPassword(store, accountId, given.password!, now);
  if (setEmailNow) await setRootEmail(store, accountId, given.email!, now);
  return { password: setPasswordNow, email: setEmailNow };
}

const hashToken = (token: string): string => createHash('sha256').update(token, 'utf8').digest('hex');

/**
 * A new one-time reset token for root (stored hashed); undefined when root has no e-mail to send
 * it to, or when one was made less than RESET_MAIL_INTERVAL_MS ago.
 */
export async function newResetToken(store: Store, accountId: string, now: Date): Promise<{ token: string; email: string } | undefined> {
  const email = await store.read((tx) => tx.rootAccount.getEmail(accountId));
  if (email === undefined) return undefined;
  const token = randomBytes(32).toString('base64url');
  const issued = await store.write(async (tx) => {
    const latest = await tx.rootAccount.latestResetDate(accountId);
    if (latest !== undefined && now.getTime() - latest.getTime() < RESET_MAIL_INTERVAL_MS) return false;
    await tx.rootAccount.insertReset({ tokenHash: hashToken(token), accountId, createDate: now, expiresAt: new Date(now.getTime() + RESET_TOKEN_TTL_MS) });
    return true;
  });
  return issued ? { token, email } : undefined;
}

/**
 * Takes the token (once) and sets root's new password; InvalidToken for an unknown, used or
 * expired one. A password the rules refuse spends nothing: the token is checked first but only
 * taken together with the new password.
 */
export async function resetRootPassword(store: Store, token: string, newPassword: string, now: Date): Promise<string> {
  const hash = hashToken(token);
  // Looked at without taking it, so a weak password does not burn the link.
  const peek = await store.write(async (tx) => {
    const taken = await tx.rootAccount.takeReset(hash, now);
    if (taken !== undefined) await tx.rootAccount.insertReset(taken);
    return taken;
  });
  if (peek === undefined) throw new RootAccountError('InvalidToken', 'This password reset link is not valid or has expired.');
  const owner = { accountId: peek.accountId, userName: null };
  await setPassword(store, owner, newPassword, now, {
    precheck: async () => undefined,
    apply: async (tx, passwordHash) => {
      const taken = await tx.rootAccount.takeReset(hash, now);
      if (taken === undefined) throw new RootAccountError('InvalidToken', 'This password reset link is not valid or has expired.');
      const current = await tx.loginProfiles.get(peek.accountId, null);
      if (current === undefined) {
        await tx.loginProfiles.insert({ accountId: peek.accountId, userName: null, passwordHash, createDate: now, passwordResetRequired: false, passwordLastChanged: now, failedAttempts: 0 });
      } else {
        await tx.loginProfiles.update({ ...withoutLockout(current), passwordHash, passwordLastChanged: now, passwordResetRequired: false });
      }
      await tx.rootAccount.deleteResets(peek.accountId);
    },
  });
  return peek.accountId;
}
