import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { pageOf } from './listing.js';

describe('pageOf', () => {
  it('pages through every item once, in order, at most `limit` at a time', () => {
    fc.assert(
      fc.property(fc.array(fc.integer()), fc.integer({ min: 1, max: 10 }), (items, limit) => {
        const seen: number[] = [];
        let after: string | undefined;
        for (;;) {
          const page = pageOf(items, after === undefined ? { limit } : { after, limit });
          expect(page.items.length).toBeLessThanOrEqual(limit);
          seen.push(...page.items);
          if (page.nextAfter === undefined) break;
          expect(page.items).toHaveLength(limit);
          after = page.nextAfter;
        }
        expect(seen).toEqual(items);
      }),
    );
  });

  it('reads a marker it did not make as the start', () => {
    expect(pageOf([1, 2, 3], { after: 'not-a-number', limit: 2 })).toEqual({ items: [1, 2], nextAfter: '2' });
    expect(pageOf([1, 2, 3], { after: '-4', limit: 5 })).toEqual({ items: [1, 2, 3] });
  });
});
