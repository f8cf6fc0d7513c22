import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { globFromParts, globFromText, globMatch, globMatchRange } from './glob.js';

// Reference: the same semantics through a regular expression.
function reference(pattern: string, s: string): boolean {
  const body = [...pattern].map((c) => (c === '*' ? '[\\s\\S]*' : c === '?' ? '[\\s\\S]' : c.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))).join('');
  return new RegExp(`^${body}$`).test(s);
}

describe('glob', () => {
  it('matches * and ? in text and treats literal parts literally', () => {
    expect(globMatch(globFromText('a*c'), 'abbbc')).toBe(true);
    expect(globMatch(globFromText('a?c'), 'abc')).toBe(true);
    expect(globMatch(globFromText('a?c'), 'ac')).toBe(false);
    expect(globMatch(globFromText('*'), '')).toBe(true);
    const escaped = globFromParts([{ kind: 'text', value: 'a' }, { kind: 'literal', value: '*' }]);
    expect(globMatch(escaped, 'a*')).toBe(true);
    expect(globMatch(escaped, 'ab')).toBe(false);
  });

  it('matches within index ranges', () => {
    const g = globFromText('x:ab*:y');
    expect(globMatchRange(g, 2, 5, '--abc--', 2, 5)).toBe(true);
    expect(globMatchRange(g, 2, 5, '--xbc--', 2, 5)).toBe(false);
  });

  it('agrees with a regular-expression reference', () => {
    const alphabet = fc.constantFrom('a', 'b', '*', '?', ':');
    const text = fc.array(alphabet, { maxLength: 8 }).map((cs) => cs.join(''));
    const subject = fc.array(fc.constantFrom('a', 'b', ':', '*'), { maxLength: 10 }).map((cs) => cs.join(''));
    fc.assert(fc.property(text, subject, (p, s) => globMatch(globFromText(p), s) === reference(p, s)), { numRuns: 2000 });
  });
});
