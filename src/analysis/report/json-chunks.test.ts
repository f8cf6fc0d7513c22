import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { jsonChunks } from './json-chunks.js';

const joined = (value: unknown, options = {}) => {
  const parts = [...jsonChunks(value, options)];
  return parts.length === 0 ? undefined : parts.join('');
};

describe('jsonChunks', () => {
  it('writes what JSON.stringify writes, for the odd cases too', () => {
    const cases: unknown[] = [
      null, 0, -0, 1.5e300, NaN, Infinity, 'a"\n\u2028\ud800', true, [], {}, [[]], { a: {} }, [undefined, () => 1, Symbol('s')],
      { a: undefined, b: () => 1, c: 1 }, { a: undefined }, new Date(0), { d: new Date(1e12) }, [new Number(1), new String('s'), new Boolean(false)],
      new Map([[1, 2]]), { toJSON: (k: string) => ({ key: k }) }, { x: { toJSON: (k: string) => k } }, { 2: 'b', 1: 'a', z: 'z', y: [1, { q: 'r\n' }] },
      Object.assign([1, 2], { extra: 3 }),
    ];
    for (const value of cases) {
      for (const indent of [2, 0, 4]) {
        for (const walk of [{}, { walkAbove: 0, walkDepth: 0 }, { walkAbove: 0, walkDepth: 99 }, { chunkSize: 1 }]) {
          expect(joined(value, { indent, ...walk }), `${String(JSON.stringify(value))} ${indent} ${JSON.stringify(walk)}`).toBe(JSON.stringify(value, null, indent));
        }
      }
    }
    expect(joined(undefined)).toBeUndefined();
  });

  it('is byte-identical to JSON.stringify(value, null, 2) on random JSON (property)', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.constantFrom({}, { walkAbove: 0, walkDepth: 0 }, { walkAbove: 2, walkDepth: 1, chunkSize: 7 }), (value, options) => {
        expect(joined(value, options)).toBe(JSON.stringify(value, null, 2));
      }),
      { numRuns: 300 },
    );
    fc.assert(
      fc.property(fc.anything({ withBoxedValues: true, withDate: true, withMap: true, withSet: true, withNullPrototype: true, withSparseArray: true }), (value) => {
        expect(joined(value, { walkAbove: 1, walkDepth: 1, chunkSize: 16 })).toBe(JSON.stringify(value, null, 2));
      }),
      { numRuns: 300 },
    );
  });

  it('never holds the whole text: a large array comes in chunks about chunkSize long', () => {
    const value = { items: Array.from({ length: 20000 }, (_, i) => ({ id: i, name: `item-${i}`, tags: ['a', 'b'] })) };
    const parts = [...jsonChunks(value, { chunkSize: 4096 })];
    expect(parts.length).toBeGreaterThan(100);
    expect(Math.max(...parts.map((p) => p.length))).toBeLessThan(4096 + 200);
    expect(parts.join('')).toBe(JSON.stringify(value, null, 2));
  });
});
