import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { contextKeys, type ContextValue } from '../context.js';
import { compileCondition, isPolicyProblem } from './compile-condition.js';
import { equalsIgnoreCase } from './string.js';

function check(operator: string, values: string[], context: Record<string, ContextValue>, variables = true): boolean {
  const c = compileCondition({ operator, key: 'k', values, path: 'p' }, { variables });
  if (isPolicyProblem(c)) throw new Error(c.message);
  return c.test(contextKeys(context), null);
}

describe('StringEquals / StringNotEquals', () => {
  it('is exact and case-sensitive, values ORed', () => {
    expect(check('StringEquals', ['a', 'b'], { k: 'b' })).toBe(true);
    expect(check('StringEquals', ['a', 'b'], { k: 'B' })).toBe(false);
    expect(check('StringEquals', ['a*'], { k: 'abc' })).toBe(false);
    expect(check('StringEquals', ['a*'], { k: 'a*' })).toBe(true);
  });

  it('negated: true only when the value equals none of the policy values', () => {
    expect(check('StringNotEquals', ['a', 'b'], { k: 'c' })).toBe(true);
    expect(check('StringNotEquals', ['a', 'b'], { k: 'a' })).toBe(false);
    expect(check('StringNotEquals', ['a', 'b'], { k: 'b' })).toBe(false);
  });

  it('uses a set for many values', () => {
    const many = Array.from({ length: 20 }, (_, i) => `v${i}`);
    expect(check('StringEquals', many, { k: 'v17' })).toBe(true);
    expect(check('StringEquals', many, { k: 'v20' })).toBe(false);
  });

  it('missing key: false, negated true, IfExists true', () => {
    expect(check('StringEquals', ['a'], {})).toBe(false);
    expect(check('StringNotEquals', ['a'], {})).toBe(true);
    expect(check('StringEqualsIfExists', ['a'], {})).toBe(true);
    expect(check('StringNotEqualsIfExists', ['a'], {})).toBe(true);
    expect(check('StringEqualsIfExists', ['a'], { k: 'b' })).toBe(false);
  });

  it('looks the key up case-insensitively', () => {
    const c = compileCondition({ operator: 'StringEquals', key: 'aws:PrincipalTag/Team', values: ['x'], path: 'p' }, { variables: true });
    if (isPolicyProblem(c)) throw new Error(c.message);
    expect(c.test(contextKeys({ 'AWS:principaltag/TEAM': 'x' }), null)).toBe(true);
  });

  it('substitutes policy variables, with defaults, only when variables are on', () => {
    expect(check('StringEquals', ['home/${aws:username}'], { k: 'home/bob', 'aws:username': 'bob' })).toBe(true);
    expect(check('StringEquals', ['home/${aws:username}'], { k: 'home/bob', 'aws:username': 'al' })).toBe(false);
    expect(check('StringEquals', ["${aws:username, 'anon'}"], { k: 'anon' })).toBe(true);
    expect(check('StringEquals', ['${aws:username}'], { k: '${aws:username}', 'aws:username': 'x' }, false)).toBe(true);
    expect(check('StringEquals', ['a${*}'], { k: 'a*' })).toBe(true);
  });

  it('a variable with no value does not match, so the negated operator holds (AWS)', () => {
    expect(check('StringEquals', ['${aws:username}'], { k: 'x' })).toBe(false);
    expect(check('StringEquals', ['${aws:username}', 'x'], { k: 'x' })).toBe(true);
    expect(check('StringNotEquals', ['${aws:username}'], { k: 'x' })).toBe(true);
    expect(check('StringNotEquals', ['${aws:username}'], { k: 'x', 'aws:username': 'y' })).toBe(true);
  });
});

describe('StringEqualsIgnoreCase', () => {
  it('ignores case on both sides, including non-ASCII', () => {
    expect(check('StringEqualsIgnoreCase', ['Prod'], { k: 'pROD' })).toBe(true);
    expect(check('StringEqualsIgnoreCase', ['ÉTÉ'], { k: 'été' })).toBe(true);
    expect(check('StringEqualsIgnoreCase', ['prod'], { k: 'prods' })).toBe(false);
    expect(check('StringNotEqualsIgnoreCase', ['Prod'], { k: 'PROD' })).toBe(false);
    expect(check('StringNotEqualsIgnoreCase', ['Prod'], { k: 'dev' })).toBe(true);
    const many = Array.from({ length: 20 }, (_, i) => `Value${i}`);
    expect(check('StringEqualsIgnoreCase', many, { k: 'VALUE3' })).toBe(true);
    expect(check('StringEqualsIgnoreCase', ['${aws:username}'], { k: 'BOB', 'aws:username': 'bob' })).toBe(true);
  });

  it('equalsIgnoreCase agrees with toLowerCase', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 6 }), fc.string({ maxLength: 6 }), (a, b) => {
        const lower = b.toLowerCase();
        const ascii = [...lower].every((c) => c.charCodeAt(0) < 128);
        return equalsIgnoreCase(a, lower, ascii) === (a.toLowerCase() === lower);
      }),
      { numRuns: 3000 },
    );
    expect(equalsIgnoreCase('ABC', 'abc', true)).toBe(true);
    expect(equalsIgnoreCase('İ', 'i̇', false)).toBe(true);
  });
});

describe('StringLike / StringNotLike', () => {
  it('supports *, ? and the common shapes', () => {
    expect(check('StringLike', ['home/*'], { k: 'home/bob/x' })).toBe(true);
    expect(check('StringLike', ['*.txt'], { k: 'a.txt' })).toBe(true);
    expect(check('StringLike', ['*'], { k: '' })).toBe(true);
    expect(check('StringLike', ['t?.*'], { k: 't2.micro' })).toBe(true);
    expect(check('StringLike', ['t?.*'], { k: 't21.micro' })).toBe(false);
    expect(check('StringLike', ['a*b*c'], { k: 'aXbYc' })).toBe(true);
    expect(check('StringLike', ['exact'], { k: 'Exact' })).toBe(false);
  });

  it('treats escapes and substituted values literally', () => {
    expect(check('StringLike', ['a${*}'], { k: 'a*' })).toBe(true);
    expect(check('StringLike', ['a${*}'], { k: 'ab' })).toBe(false);
    expect(check('StringLike', ['home/${aws:username}/*'], { k: 'home/b*/x', 'aws:username': 'b*' })).toBe(true);
    expect(check('StringLike', ['home/${aws:username}/*'], { k: 'home/bob/x', 'aws:username': 'b*' })).toBe(false);
  });

  it('negated: matches none of the patterns', () => {
    expect(check('StringNotLike', ['a*', 'b*'], { k: 'cat' })).toBe(true);
    expect(check('StringNotLike', ['a*', 'b*'], { k: 'bat' })).toBe(false);
    expect(check('StringNotLike', ['a*'], {})).toBe(true);
    expect(check('StringLikeIfExists', ['a*'], {})).toBe(true);
  });
});
