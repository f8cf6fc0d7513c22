// The retry schedule: doubling from the base, never past the cap, never shrinking.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { backoffMs, DEFAULT_DELIVERY } from './delivery-worker.js';

describe('backoffMs', () => {
  it('doubles from the base after each failure and stops at the cap', () => {
    expect([1, 2, 3, 4].map((n) => backoffMs(DEFAULT_DELIVERY, n))).toEqual([1000, 2000, 4000, 8000]);
    expect(backoffMs(DEFAULT_DELIVERY, 50)).toBe(5 * 60_000);
  });

  it('grows monotonically and stays within [base, cap]', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 10_000 }), fc.integer({ min: 1, max: 1_000_000 }), fc.integer({ min: 1, max: 200 }), (base, extra, attempts) => {
        const tuning = { retryBaseMs: base, retryMaxMs: base + extra };
        const now = backoffMs(tuning, attempts);
        expect(now).toBeGreaterThanOrEqual(Math.min(base, tuning.retryMaxMs));
        expect(now).toBeLessThanOrEqual(tuning.retryMaxMs);
        expect(backoffMs(tuning, attempts + 1)).toBeGreaterThanOrEqual(now);
      }),
    );
  });
});
