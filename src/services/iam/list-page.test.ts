// Paging a list held in memory: every item once, in order, whatever MaxItems.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { pageResult } from '../paging.js';
import { pageOf, tagPage } from './list-page.js';

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

describe('tagPage', () => {
  const tags = ['a', 'b', 'c'].map((key) => ({ key, value: key.toUpperCase() }));
  const marker = (after: string): string => Buffer.from(after, 'utf8').toString('base64url');

  it('pages tags with MaxItems and Marker', () => {
    const first = tagPage(tags, { MaxItems: 2 });
    expect(first).toMatchObject({ Tags: [{ Key: 'a' }, { Key: 'b' }], IsTruncated: true });
    expect(tagPage(tags, { MaxItems: 2, Marker: first['Marker'] as string })).toEqual({ Tags: [{ Key: 'c', Value: 'C' }], IsTruncated: false });
    expect(tagPage(tags, {})).toMatchObject({ IsTruncated: false });
    expect(tagPage(tags, { Marker: marker('junk') })).toMatchObject({ Tags: [{ Key: 'a' }, { Key: 'b' }, { Key: 'c' }] });
  });
});
