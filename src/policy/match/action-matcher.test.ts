import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { compileActionMatcher } from './action-matcher.js';

/** Reference glob semantics, written the obvious (slow) way. */
function naive(p: string, v: string): boolean {
  if (p === '') return v === '';
  if (p[0] === '*') return naive(p.slice(1), v) || (v !== '' && naive(p, v.slice(1)));
  return v !== '' && (p[0] === '?' || p[0] === v[0]) && naive(p.slice(1), v.slice(1));
}

const matches = (patterns: string[], action: string) => compileActionMatcher(patterns).matches(action.toLowerCase());

describe('compileActionMatcher', () => {
  it.each([
    [['*'], 'iam:GetUser', true],
    [['iam:*'], 'iam:GetUser', true],
    [['iam:*'], 'sts:AssumeRole', false],
    [['iam:Get*'], 'iam:GetUser', true],
    [['iam:Get*'], 'iam:ListUsers', false],
    [['s3:?etObject'], 's3:GetObject', true],
    [['s3:?etObject'], 's3:PutObject', false],
    [['s3:?etObject'], 's3:GetObjectAcl', false],
    [['iam:GetUser'], 'iam:GetUser', true],
    [['iam:GetUser'], 'iam:GetUserPolicy', false],
    [['*:GetUser'], 'iam:GetUser', true],
    [[], 'iam:GetUser', false],
  ])('%j against %s is %s', (patterns, action, expected) => {
    expect(matches(patterns, action)).toBe(expected);
  });

  it('is case-insensitive in the service prefix and the action name', () => {
    expect(matches(['IAM:getuser'], 'iam:GetUser')).toBe(true);
    expect(matches(['Iam:Get*'], 'IAM:GETUSER')).toBe(true);
    expect(matches(['S3:?ETOBJECT'], 's3:getobject')).toBe(true);
  });

  it('checks a list of exact actions and prefixes together', () => {
    const actions = Array.from({ length: 20 }, (_, i) => `iam:Action${i}`);
    const m = compileActionMatcher([...actions, 'sts:Get*', 'ec2:Describe*', 'ec2:*']);
    expect(m.matches('iam:action7')).toBe(true);
    expect(m.matches('iam:action20')).toBe(false);
    expect(m.matches('sts:getcalleridentity')).toBe(true);
    expect(m.matches('ec2:runinstances')).toBe(true);
    expect(m.matches('sts:assumerole')).toBe(false);
  });

  it('gives the same answer for any casing of pattern and action', () => {
    const word = fc.string({ unit: fc.constantFrom('a', 'b', 'G', 'e', 't'), minLength: 1, maxLength: 6 });
    const wild = fc.string({ unit: fc.constantFrom('a', 'b', 'G', 'e', 't', '*', '?'), minLength: 1, maxLength: 6 });
    const recase = (s: string, flips: boolean[]) =>
      [...s].map((c, i) => (flips[i % Math.max(flips.length, 1)] ? c.toUpperCase() : c.toLowerCase())).join('');
    fc.assert(
      fc.property(word, word, wild, fc.array(fc.boolean(), { minLength: 1 }), fc.array(fc.boolean(), { minLength: 1 }),
        (service, name, patternName, flipsA, flipsB) => {
          const action = `${service}:${name}`;
          const pattern = `${service}:${patternName}`;
          const reference = naive(pattern.toLowerCase(), action.toLowerCase());
          expect(compileActionMatcher([recase(pattern, flipsA)]).matches(recase(action, flipsB).toLowerCase())).toBe(
            reference,
          );
        }),
    );
  });
});
