// A device refuses codes after five wrong ones, until the lock runs out; success resets it.

import { describe, expect, it } from 'vitest';
import { FailedCodeTracker } from './failed-codes.js';

describe('FailedCodeTracker', () => {
  it('locks after five failures for fifteen minutes, per device', () => {
    const tracker = new FailedCodeTracker();
    const t0 = new Date('2026-01-01T00:00:00Z');
    for (let i = 0; i < 4; i++) tracker.recordFailure('dev-a', t0);
    expect(tracker.isLocked('dev-a', t0)).toBe(false);
    tracker.recordFailure('dev-a', t0);
    expect(tracker.isLocked('dev-a', t0)).toBe(true);
    expect(tracker.isLocked('dev-b', t0)).toBe(false);
    expect(tracker.isLocked('dev-a', new Date(t0.getTime() + 14 * 60_000))).toBe(true);
    expect(tracker.isLocked('dev-a', new Date(t0.getTime() + 16 * 60_000))).toBe(false);
  });

  it('forgets failures after a success', () => {
    const tracker = new FailedCodeTracker();
    const now = new Date();
    for (let i = 0; i < 4; i++) tracker.recordFailure('dev', now);
    tracker.recordSuccess('dev');
    tracker.recordFailure('dev', now);
    expect(tracker.isLocked('dev', now)).toBe(false);
  });
});
