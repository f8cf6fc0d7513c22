import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { groupRows, inList } from './in-list.js';

describe('inList', () => {
  it('pads to a power of two with values already in the list, one placeholder per parameter', () => {
    fc.assert(
      fc.property(fc.array(fc.string(), { minLength: 1, maxLength: 300 }), (values) => {
        const { sql, params } = inList(values);
        expect(params.length & (params.length - 1)).toBe(0);
        expect(params.length).toBeGreaterThanOrEqual(values.length);
        expect(params.length).toBeLessThan(values.length * 2);
        expect(params.slice(0, values.length)).toEqual(values);
        expect(new Set(params)).toEqual(new Set(values));
        expect(sql.split(', ')).toEqual(params.map(() => '?'));
      }),
    );
  });

  it('refuses an empty list, which SQL cannot write as IN ()', () => {
    expect(() => inList([])).toThrow(RangeError);
  });
});

describe('groupRows', () => {
  it('keeps row order within each group and gives every asked key a group', () => {
    const rows = [
      { k: 'b', v: 1 },
      { k: 'a', v: 2 },
      { k: 'b', v: 3 },
    ];
    const groups = groupRows(['a', 'b', 'c'], rows, (r) => r.k, (r) => r.v);
    expect([...groups]).toEqual([
      ['a', [2]],
      ['b', [1, 3]],
      ['c', []],
    ]);
  });
});
