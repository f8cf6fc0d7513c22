// The sign-in lockout rule, as pure functions over the counters a login profile keeps.
// AWS documents no lockout policy for IAM users (the console throttles instead); Keyward's
// safe default: 5 failed passwords in a row lock the password for 15 minutes, and a success
// clears the count.

export interface SignInAttempts {
  /** Failed sign-ins since the last success (or since the last lock ended). */
  readonly failedAttempts: number;
  readonly lockedUntil?: Date;
}

export interface LockoutRule {
  /** Consecutive failures that lock the password. */
  readonly maxFailures: number;
  /** How long the lock lasts, in milliseconds. */
  readonly lockMs: number;
}

export const DEFAULT_LOCKOUT_RULE: LockoutRule = { maxFailures: 5, lockMs: 15 * 60 * 1000 };

export const NO_FAILED_ATTEMPTS: SignInAttempts = { failedAttempts: 0 };

/** While locked, sign-in is refused before the password is even checked. */
export function isLocked(state: SignInAttempts, now: Date): boolean {
  return state.lockedUntil !== undefined && now.getTime() < state.lockedUntil.getTime();
}

/**
 * The state after a wrong password. A failure while locked changes nothing, so a stream of
 * guesses cannot extend the lock indefinitely; after a lock ends, counting starts again.
 */
export function afterFailure(state: SignInAttempts, now: Date, rule: LockoutRule = DEFAULT_LOCKOUT_RULE): SignInAttempts {
  if (isLocked(state, now)) return state;
  const previous = state.lockedUntil === undefined ? state.failedAttempts : 0;
  const failedAttempts = previous + 1;
  if (failedAttempts >= rule.maxFailures) {
    return { failedAttempts, lockedUntil: new Date(now.getTime() + rule.lockMs) };
  }
  return { failedAttempts };
}

/** The state after a correct password (only reachable when not locked). */
export function afterSuccess(): SignInAttempts {
  return NO_FAILED_ATTEMPTS;
}
