import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { compileResourcePattern, matchResourcePattern } from './arn-pattern.js';

const test = (text: string, mask: Uint8Array | undefined, value: string): boolean => {
  const compiled = compileResourcePattern(text, mask);
  switch (compiled.kind) {
    case 'any':
      return true;
    case 'never':
      return false;
    case 'exact':
      return value === compiled.text;
    case 'test':
      return compiled.test(value);
  }
};

describe('compileResourcePattern', () => {
  it('sorts patterns into any, exact, never and test', () => {
    expect(compileResourcePattern('*', undefined).kind).toBe('any');
    expect(compileResourcePattern('arn:aws:s3:::b/k', undefined)).toEqual({ kind: 'exact', text: 'arn:aws:s3:::b/k' });
    expect(compileResourcePattern('arn:aws:s3', undefined).kind).toBe('never');
    expect(compileResourcePattern('arn:aws:s3:*', undefined).kind).toBe('test');
    expect(compileResourcePattern('arn:aws:s3:::b/*', undefined).kind).toBe('test');
  });

  it('does not split segments at a literal colon', () => {
    // `arn:aws:s3:::b/` + literal "x:y" + `*`
    const text = 'arn:aws:s3:::b/x:y*';
    const mask = new Uint8Array(text.length);
    mask.fill(1, 15, 18);
    expect(test(text, mask, 'arn:aws:s3:::b/x:yz')).toBe(true);
    const head = 'arn:aws:iam::1:2:user/*';
    const headMask = new Uint8Array(head.length);
    headMask.fill(1, 13, 16);
    expect(test(head, headMask, 'arn:aws:iam::1:2:user/x')).toBe(false);
  });
});

describe('matchResourcePattern', () => {
  it('agrees with compileResourcePattern, short ARNs and literal masks included', () => {
    const char = fc.constantFrom('a', 'b', '*', '?', ':', '/');
    const pattern = fc.oneof(
      fc.string({ unit: char, maxLength: 14 }),
      fc.string({ unit: char, maxLength: 8 }).map((rest) => `arn:aws:${rest}`),
    );
    const value = fc.oneof(
      fc.string({ unit: fc.constantFrom('a', 'b', ':', '/', '*'), maxLength: 14 }),
      fc.string({ unit: fc.constantFrom('a', 'b', ':', '/'), maxLength: 8 }).map((rest) => `arn:aws:${rest}`),
    );
    fc.assert(
      fc.property(pattern, value, fc.array(fc.boolean(), { maxLength: 14 }), fc.boolean(), (text, v, bits, masked) => {
        const mask = masked ? Uint8Array.from(text, (_, i) => (bits[i] ? 1 : 0)) : undefined;
        expect(matchResourcePattern(text, mask, v)).toBe(test(text, mask, v));
      }),
      { numRuns: 5000 },
    );
  });
});
