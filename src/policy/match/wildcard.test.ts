import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { compileWildcard, compileWildcardParts, hasWildcard } from './wildcard.js';
import { compileTemplate, resolveTemplate } from './template.js';
import { contextKeys } from '../context.js';

/** Reference semantics, written the obvious (slow) way. */
function naive(pattern: string, value: string): boolean {
  const memo = new Map<string, boolean>();
  const go = (i: number, j: number): boolean => {
    const key = `${i},${j}`;
    const hit = memo.get(key);
    if (hit !== undefined) return hit;
    let result: boolean;
    if (i === pattern.length) result = j === value.length;
    else if (pattern[i] === '*') result = go(i + 1, j) || (j < value.length && go(i, j + 1));
    else if (j === value.length) result = false;
    else result = (pattern[i] === '?' || pattern[i] === value[j]) && go(i + 1, j + 1);
    memo.set(key, result);
    return result;
  };
  return go(0, 0);
}

const alphabet = fc.constantFrom('a', 'b', 'A', '*', '?', ':', '/');
const patternArb = fc.string({ unit: alphabet, maxLength: 10 });
const valueArb = fc.string({ unit: alphabet, maxLength: 12 });
const plainArb = fc.string({ unit: fc.constantFrom('a', 'b', 'A', ':', '/', '.', '$', '(', '\\'), maxLength: 10 });

describe('compileWildcard', () => {
  it.each([
    ['*', '', true],
    ['*', 'anything/at:all', true],
    ['iam:Get*', 'iam:GetUser', true],
    ['iam:Get*', 'iam:ListUsers', false],
    ['*User', 'iam:GetUser', true],
    ['*User', 'iam:GetUsers', false],
    ['iam:*User', 'iam:GetUser', true],
    ['iam:*User', 's3:GetUser', false],
    ['*Get*', 'iam:GetUser', true],
    ['*Get*', 'iam:ListUsers', false],
    ['s3:?etObject', 's3:GetObject', true],
    ['s3:?etObject', 's3:PutObject', false],
    ['s3:?etObject', 's3:etObject', false],
    ['a?c*e', 'abcde', true],
    ['a?c*e', 'abcd', false],
    ['exact', 'exact', true],
    ['exact', 'exactly', false],
    ['a.b', 'axb', false],
    ['(x)+', '(x)+', true],
  ])('%s against %s is %s', (pattern, value, expected) => {
    expect(compileWildcard(pattern, { ignoreCase: false })(value)).toBe(expected);
  });

  it('honours ignoreCase only when asked', () => {
    expect(compileWildcard('IAM:get*', { ignoreCase: true })('iam:GETUSER')).toBe(true);
    expect(compileWildcard('IAM:get*', { ignoreCase: false })('iam:GETUSER')).toBe(false);
    expect(compileWildcard('s3:?ETOBJECT', { ignoreCase: true })('S3:getobject')).toBe(true);
  });

  it('counts a surrogate pair as one character for ?', () => {
    expect(compileWildcard('a?b', { ignoreCase: false })('a\u{1F600}b')).toBe(true);
    expect(compileWildcard('a??b', { ignoreCase: false })('a\u{1F600}b')).toBe(false);
  });

  it('stays linear on patterns that make backtracking regexes explode', () => {
    const pattern = `${'*a'.repeat(30)}*b`;
    const value = 'a'.repeat(5000);
    const started = performance.now();
    expect(compileWildcard(pattern, { ignoreCase: false })(value)).toBe(false);
    expect(performance.now() - started).toBeLessThan(1000);
  });

  it('agrees with a naive recursive matcher', () => {
    fc.assert(
      fc.property(patternArb, valueArb, (pattern, value) => {
        expect(compileWildcard(pattern, { ignoreCase: false })(value)).toBe(naive(pattern, value));
        expect(compileWildcard(pattern, { ignoreCase: true })(value)).toBe(
          naive(pattern.toLowerCase(), value.toLowerCase()),
        );
      }),
      { numRuns: 3000 },
    );
  });

  it('matches a string without wildcards against itself only', () => {
    fc.assert(
      fc.property(plainArb, plainArb, (a, b) => {
        const m = compileWildcard(a, { ignoreCase: false });
        expect(m(a)).toBe(true);
        expect(m(b)).toBe(a === b);
      }),
    );
  });
});

describe('compileWildcardParts', () => {
  const parts = (source: string, keys: Record<string, string>) => {
    const resolved = resolveTemplate(compileTemplate(source, { variables: true }), contextKeys(keys));
    if (resolved === undefined) throw new Error('unresolved');
    return resolved;
  };

  it('matches substituted values literally and text as a pattern', () => {
    const m = compileWildcardParts(parts('home/${aws:username}/*', { 'aws:username': 'b*b' }), { ignoreCase: false });
    expect(m('home/b*b/notes.txt')).toBe(true);
    expect(m('home/bob/notes.txt')).toBe(false);
  });

  it('treats the ${*} and ${?} escapes as literal characters', () => {
    const m = compileWildcardParts(parts('a${*}b${?}*', {}), { ignoreCase: false });
    expect(m('a*b?')).toBe(true);
    expect(m('a*b?zzz')).toBe(true);
    expect(m('axbyz')).toBe(false);
  });

  it('does not take a variable named like an Object.prototype member for an escape', () => {
    expect(resolveTemplate(compileTemplate('a${toString}', { variables: true }), contextKeys({}))).toBeUndefined();
  });

  it('behaves like compileWildcard when no literal holds a wildcard', () => {
    fc.assert(
      fc.property(patternArb, valueArb, (pattern, value) => {
        const text = compileWildcardParts([{ kind: 'text', value: pattern }], { ignoreCase: false });
        expect(text(value)).toBe(naive(pattern, value));
        // The same characters as one literal part match only themselves.
        const literal = compileWildcardParts([{ kind: 'literal', value: pattern }], { ignoreCase: false });
        expect(literal(value)).toBe(pattern === value);
      }),
    );
  });
});

describe('hasWildcard', () => {
  it('detects * and ?', () => {
    expect(hasWildcard('a*')).toBe(true);
    expect(hasWildcard('a?')).toBe(true);
    expect(hasWildcard('arn:aws:s3:::b/k')).toBe(false);
  });
});
