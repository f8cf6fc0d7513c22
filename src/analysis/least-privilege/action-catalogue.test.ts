import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileActionMatcher } from '../../policy/match/action-matcher.js';
import { accessLevelOf, ActionExpander, makeCatalogue, type CatalogueAction } from './action-catalogue.js';

const ACTIONS: CatalogueAction[] = [
  { action: 'iam:PassRole', level: 'Write' },
  { action: 'iam:PutRolePolicy', level: 'Permissions management' },
  { action: 'iam:GetRole', level: 'Read' },
  { action: 's3:GetObject', level: 'Read' },
  { action: 's3:PutObject', level: 'Write' },
  { action: 's3:ListBucket', level: 'List' },
  { action: 'sts:AssumeRole', level: 'Write' },
  { action: 'ssm:GetParameter', level: 'Read' },
];

describe('accessLevelOf', () => {
  it('takes the first level the catalogue names', () => {
    expect(accessLevelOf('Permissions management, Write')).toBe('Permissions management');
    expect(accessLevelOf('Tagging, Write')).toBe('Tagging');
    expect(accessLevelOf('List')).toBe('List');
    expect(accessLevelOf('Something else')).toBeUndefined();
  });
});

describe('ActionExpander', () => {
  const expander = new ActionExpander(makeCatalogue(ACTIONS));
  const names = (patterns: string[], negated = false) => expander.expand(patterns, negated).map((a) => a.action);

  it('expands Action patterns within the services they name, and NotAction over every service', () => {
    expect(names(['iam:*'])).toEqual(['iam:PassRole', 'iam:PutRolePolicy', 'iam:GetRole']);
    expect(names(['IAM:get*', 's3:?utObject'])).toEqual(['iam:GetRole', 's3:PutObject']);
    expect(names(['*:Get*'])).toEqual(['iam:GetRole', 's3:GetObject', 'ssm:GetParameter']);
    expect(names(['iam:*', 's3:*'], true)).toEqual(['sts:AssumeRole', 'ssm:GetParameter']);
    expect(names(['nosuch:*'])).toEqual([]);
  });

  it('agrees with the engine\'s action matcher on every action (property)', () => {
    const part = fc.constantFrom('iam', 's3', 'ss*', '*', 'i?m', 'sts', 'Get*', 'PassRole', '*Object', 'put*', 'x');
    fc.assert(
      fc.property(fc.array(fc.tuple(part, part), { minLength: 1, maxLength: 3 }), fc.boolean(), (pairs, negated) => {
        const patterns = pairs.map(([s, a]) => `${s}:${a}`);
        const m = compileActionMatcher(patterns);
        const brute = ACTIONS.filter((a) => m.matches(a.action.toLowerCase()) !== negated).map((a) => a.action).sort();
        expect([...names(patterns, negated)].sort()).toEqual(brute);
      }),
    );
  });
});
