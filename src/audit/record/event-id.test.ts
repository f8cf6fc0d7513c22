import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { eventIdTime, newEventId } from './event-id.js';

const UUID_V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('event ids', () => {
  it('are version 7 UUIDs that carry their time', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 0xffff_ffff_ffff }), (ms) => {
        const id = newEventId(ms);
        expect(id).toMatch(UUID_V7);
        expect(eventIdTime(id)).toBe(ms);
      }),
    );
  });

  it('sort as their times do', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 0xffff_ffff_fffe }), fc.integer({ min: 1, max: 1_000_000 }), (a, gap) => {
        const b = Math.min(a + gap, 0xffff_ffff_ffff);
        expect(newEventId(a) < newEventId(b)).toBe(true);
      }),
    );
  });

  it('differ within one millisecond', () => {
    const ids = new Set(Array.from({ length: 10_000 }, () => newEventId(1_765_000_000_000)));
    expect(ids.size).toBe(10_000);
  });
});
