// Wrong MFA codes per device, so holding a user's long-term keys is not enough to guess the
// six digits: after a few failures the device refuses every code for a while. Counted in the
// store (Store.recordMfaFailure), so nodes sharing a database share the count and the lock;
// the same rule as password sign-in.

import { isLocked, type LockoutRule } from '../password/lockout.js';

/** 5 wrong codes lock the device's codes for 15 minutes. */
export const MFA_CODE_LOCK: LockoutRule = { maxFailures: 5, lockMs: 15 * 60 * 1000 };

/** Whether a device's codes are refused now, from the counters read with it. */
export function codesLocked(failures: { readonly failedAttempts: number; readonly lockedUntil?: Date } | undefined, now: Date): boolean {
  return failures !== undefined && isLocked(failures, now);
}
