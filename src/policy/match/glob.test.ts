import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { classify, globMatch, rangeMatcher, wholeMatcher } from './glob.js';

describe('classify', () => {
  it.each([
    ['abc', 'exact'],
    ['*', 'any'],
    ['***', 'any'],
    ['iam:*', 'prefix'],
    ['iam:**', 'prefix'],
    ['*User', 'suffix'],
    ['iam:*User', 'affix'],
    ['*Get*', 'contains'],
    ['**Get**', 'contains'],
    ['a*b*c', 'glob'],
    ['s3:?etObject', 'glob'],
  ])('%s is %s', (pattern, kind) => {
    expect(classify(pattern, undefined).kind).toBe(kind);
  });

  it('treats masked wildcards as plain text', () => {
    const mask = Uint8Array.from([0, 1, 0]);
    expect(classify('a*b', mask)).toEqual({ kind: 'exact', text: 'a*b' });
    expect(classify('?*?', Uint8Array.from([1, 0, 1]))).toEqual({ kind: 'affix', prefix: '?', suffix: '?' });
  });
});

describe('rangeMatcher', () => {
  const alphabet = fc.constantFrom('a', 'b', '*', '?', ':');
  it('tests a range exactly as the whole matcher tests the slice', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: alphabet, maxLength: 8 }),
        fc.string({ unit: alphabet, maxLength: 4 }),
        fc.string({ unit: alphabet, maxLength: 8 }),
        fc.string({ unit: alphabet, maxLength: 4 }),
        (pattern, before, middle, after) => {
          const shape = classify(pattern, undefined);
          const value = before + middle + after;
          expect(rangeMatcher(shape)(value, before.length, before.length + middle.length)).toBe(
            wholeMatcher(shape)(middle),
          );
        },
      ),
      { numRuns: 2000 },
    );
  });
});

describe('globMatch', () => {
  it('respects the pattern range it is given', () => {
    expect(globMatch('xx*ayy', 2, 4, undefined, 'bba', 0, 3)).toBe(true);
    expect(globMatch('xx*ayy', 2, 4, undefined, 'bbc', 0, 3)).toBe(false);
  });
});
