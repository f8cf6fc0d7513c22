// Wrong MFA codes per device, so holding a user's long-term keys is not enough to guess
// the six digits: after a few failures the device refuses codes for a while. Kept in this
// process's memory (each node counts its own), bounded; the same lockout rule as sign-in.

import { afterFailure, isLocked, NO_FAILED_ATTEMPTS, type LockoutRule, type SignInAttempts } from '../password/lockout.js';

/** 5 wrong codes lock the device's codes for 15 minutes. */
const RULE: LockoutRule = { maxFailures: 5, lockMs: 15 * 60 * 1000 };
const MAX_TRACKED = 10_000;

export class FailedCodeTracker {
  private readonly attempts = new Map<string, SignInAttempts>();

  isLocked(device: string, now: Date): boolean {
    const state = this.attempts.get(device);
    return state !== undefined && isLocked(state, now);
  }

  recordFailure(device: string, now: Date): void {
    const next = afterFailure(this.attempts.get(device) ?? NO_FAILED_ATTEMPTS, now, RULE);
    this.attempts.delete(device);
    if (this.attempts.size >= MAX_TRACKED) {
      const oldest = this.attempts.keys().next().value;
      if (oldest !== undefined) this.attempts.delete(oldest);
    }
    this.attempts.set(device, next);
  }

  recordSuccess(device: string): void {
    this.attempts.delete(device);
  }
}

/** The process-wide tracker the STS MFA checks use. */
export const failedMfaCodes = new FailedCodeTracker();
