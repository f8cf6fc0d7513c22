// Properties of the pattern language over generated JSON: an event matches the pattern
// made of its own values, exact values and anything-but of the same values split every
// present value between them, and wildcards agree with plain string tests.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileEventPattern } from './compile.js';
import { matchesEvent } from './match.js';

const scalar = fc.oneof(fc.string(), fc.integer({ min: -1e6, max: 1e6 }), fc.boolean(), fc.constant(null));
const key = fc.string({ minLength: 1, maxLength: 6 }).filter((k) => k !== '$or' && k !== '__proto__');
const eventArb = fc.dictionary(key, fc.oneof(scalar, fc.dictionary(key, scalar, { minKeys: 1, maxKeys: 3 })), { minKeys: 1, maxKeys: 5 });

/** The pattern that names every leaf of `event` with its own value. */
function selfPattern(event: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(event)) {
    out[k] = v !== null && typeof v === 'object' ? selfPattern(v as Record<string, unknown>) : [v];
  }
  return out;
}

describe('event patterns, by property', () => {
  it('every event matches the pattern made of its own leaves', () => {
    fc.assert(
      fc.property(eventArb, (event) => {
        const pattern = compileEventPattern(JSON.stringify(selfPattern(event)));
        expect(matchesEvent(pattern, JSON.parse(JSON.stringify(event)))).toBe(true);
      }),
    );
  });

  it('for a present string, exactly one of [values] and anything-but values matches', () => {
    fc.assert(
      fc.property(fc.array(fc.string(), { minLength: 1, maxLength: 4 }), fc.string(), (values, actual) => {
        const exact = compileEventPattern(JSON.stringify({ f: values }));
        const but = compileEventPattern(JSON.stringify({ f: [{ 'anything-but': values }] }));
        const event = { f: actual };
        expect(matchesEvent(exact, event)).toBe(!matchesEvent(but, event));
      }),
    );
  });

  it('a wildcard without stars is an exact match, and "*" + s + "*" is a substring test', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1 }).filter((s) => !s.includes('*') && !s.includes('\\')), fc.string(), (s, actual) => {
        const plain = compileEventPattern(JSON.stringify({ f: [{ wildcard: s }] }));
        expect(matchesEvent(plain, { f: actual })).toBe(actual === s);
        const around = compileEventPattern(JSON.stringify({ f: [{ wildcard: `*${s}*` }] }));
        expect(matchesEvent(around, { f: actual })).toBe(actual.includes(s));
      }),
    );
  });
});
