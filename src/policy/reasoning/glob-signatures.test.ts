import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileWildcard } from '../match/wildcard.js';
import { signatures } from './glob-signatures.js';

const sigsOf = (patterns: string[], ignoreCase = false): string[] =>
  signatures(patterns, { ignoreCase })
    .signatures.map((s) => s.matched.map((m) => (m ? '1' : '0')).join(''))
    .sort();

describe('glob signatures', () => {
  it('finds that s3:Get* reaches strings s3:GetObject* does not, and not the reverse', () => {
    const space = signatures(['s3:Get*', 's3:GetObject*'], { ignoreCase: true });
    const only = space.signatures.find((s) => s.matched[0] === true && s.matched[1] === false);
    expect(only?.witness.startsWith('s3:get')).toBe(true);
    expect(space.signatures.some((s) => s.matched[0] === false && s.matched[1] === true)).toBe(false);
    expect(sigsOf(['s3:Get*', 's3:GetObject*'], true)).toEqual(['00', '10', '11']);
  });

  it('b/* covers b/a*; the witness for b/* alone is outside b/a*', () => {
    const space = signatures(['arn:aws:s3:::b/*', 'arn:aws:s3:::b/a*'], { ignoreCase: false });
    const only = space.signatures.find((s) => s.matched[0] === true && s.matched[1] === false);
    expect(only?.witness).toBe('arn:aws:s3:::b/');
    expect(sigsOf(['arn:aws:s3:::b/*', 'arn:aws:s3:::b/a*'])).toEqual(['00', '10', '11']);
  });

  it('knows ? matches exactly one character and that a*b and a?b overlap', () => {
    expect(sigsOf(['a?b', 'a*b'])).toEqual(['00', '01', '11']);
    expect(sigsOf(['a*', '*b'])).toEqual(['00', '01', '10', '11']);
  });

  it('gives every signature a witness that matches exactly those patterns', () => {
    const pattern = fc.stringMatching(/^[ab*?]{0,5}$/);
    fc.assert(
      fc.property(fc.array(pattern, { minLength: 1, maxLength: 4 }), fc.array(fc.stringMatching(/^[abc]{0,6}$/), { maxLength: 20 }), (patterns, probes) => {
        const space = signatures(patterns, { ignoreCase: false });
        expect(space.complete).toBe(true);
        const matchers = patterns.map((p) => compileWildcard(p, { ignoreCase: false }));
        for (const s of space.signatures) expect(matchers.map((m) => m(s.witness))).toEqual(s.matched);
        // Completeness: any string's signature is among those found.
        const found = new Set(space.signatures.map((s) => s.matched.join()));
        for (const probe of probes) expect(found.has(matchers.map((m) => m(probe)).join())).toBe(true);
      }),
      { numRuns: Number(process.env.FC_RUNS ?? 300) },
    );
  });
});
