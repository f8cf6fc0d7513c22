import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { pageResult } from '../../paging.js';
import { pageOf } from './paging.js';

describe('pageOf', () => {
  it('walks any list page by page through the Marker, each item once, in order', () => {
    fc.assert(
      fc.property(fc.array(fc.integer()), fc.integer({ min: 1, max: 7 }), (items, max) => {
        const seen: number[] = [];
        let marker: string | undefined;
        for (let guard = 0; guard <= items.length + 1; guard++) {
          const page = pageOf(items, { MaxItems: max, ...(marker !== undefined && { Marker: marker }) });
          expect(page.items.length).toBeLessThanOrEqual(max);
          seen.push(...page.items);
          const wire = pageResult(page);
          if (!wire.IsTruncated) break;
          marker = wire.Marker;
        }
        expect(seen).toEqual(items);
      }),
    );
  });

  it('starts over on a marker it did not make', () => {
    expect(pageOf([1, 2, 3], { Marker: 'not-ours' }).items).toEqual([1, 2, 3]);
  });
});
