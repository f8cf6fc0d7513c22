import { describe, it, expect } from 'vitest';
import { DEFAULT_LOCKOUT_RULE, NO_FAILED_ATTEMPTS, afterFailure, afterSuccess, isLocked, type SignInAttempts } from './lockout.js';

const t0 = new Date('2024-05-01T12:00:00Z');
const at = (ms: number): Date => new Date(t0.getTime() + ms);
const MINUTE = 60_000;

function fail(times: number, state: SignInAttempts = NO_FAILED_ATTEMPTS, now: Date = t0): SignInAttempts {
  let next = state;
  for (let i = 0; i < times; i += 1) next = afterFailure(next, now);
  return next;
}

describe('sign-in lockout', () => {
  it('documents its numbers: 5 failures, 15 minutes', () => {
    expect(DEFAULT_LOCKOUT_RULE).toEqual({ maxFailures: 5, lockMs: 15 * MINUTE });
  });

  it('stays open through 4 failures and locks on the 5th', () => {
    const four = fail(4);
    expect(four).toEqual({ failedAttempts: 4 });
    expect(isLocked(four, t0)).toBe(false);
    const five = afterFailure(four, t0);
    expect(five).toEqual({ failedAttempts: 5, lockedUntil: at(15 * MINUTE) });
    expect(isLocked(five, t0)).toBe(true);
  });

  it('unlocks exactly when the 15 minutes are over', () => {
    const locked = fail(5);
    expect(isLocked(locked, at(15 * MINUTE - 1))).toBe(true);
    expect(isLocked(locked, at(15 * MINUTE))).toBe(false);
  });

  it('does not extend the lock for failures while locked', () => {
    const locked = fail(5);
    expect(afterFailure(locked, at(10 * MINUTE))).toBe(locked);
  });

  it('starts counting again after a lock ends, so one more failure does not relock', () => {
    const after = afterFailure(fail(5), at(16 * MINUTE));
    expect(after).toEqual({ failedAttempts: 1 });
    expect(isLocked(after, at(16 * MINUTE))).toBe(false);
  });

  it('resets on success', () => {
    expect(afterSuccess()).toEqual({ failedAttempts: 0 });
    expect(fail(4, afterSuccess())).toEqual({ failedAttempts: 4 });
  });

  it('honours a custom rule', () => {
    const rule = { maxFailures: 2, lockMs: MINUTE };
    const locked = afterFailure(afterFailure(NO_FAILED_ATTEMPTS, t0, rule), t0, rule);
    expect(locked).toEqual({ failedAttempts: 2, lockedUntil: at(MINUTE) });
  });
});
