import { describe, expect, it } from 'vitest';
import { codesLocked, MFA_CODE_LOCK } from './failed-codes.js';

describe('codesLocked', () => {
  it('is true only until the lock ends', () => {
    const t0 = new Date('2026-01-01T00:00:00Z');
    const lockedUntil = new Date(t0.getTime() + MFA_CODE_LOCK.lockMs);
    expect(codesLocked(undefined, t0)).toBe(false);
    expect(codesLocked({ failedAttempts: 4 }, t0)).toBe(false);
    expect(codesLocked({ failedAttempts: 5, lockedUntil }, t0)).toBe(true);
    expect(codesLocked({ failedAttempts: 5, lockedUntil }, lockedUntil)).toBe(false);
  });
});
