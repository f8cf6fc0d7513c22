// IAM name folding, path shape, PathPrefix matching and account alias rules.
import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { isValidAccountAlias, isValidPath, isValidPolicyPath, matchesPathPrefix, nameKey, sameName } from './names.js';

describe('case-insensitive names', () => {
  it('treats ADMINS and admins as the same group name (AWS example)', () => {
    expect(sameName('ADMINS', 'admins')).toBe(true);
    expect(sameName('admins', 'admin')).toBe(false);
  });

  it('folds only A-Z, whatever else the name holds', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[\w+=,.@-]{1,64}$/), (name) => {
        expect(nameKey(name)).toBe(name.toLowerCase());
        expect(nameKey(name.toUpperCase())).toBe(nameKey(name));
      }),
    );
    expect(nameKey('İ')).toBe('İ'); // no locale-dependent folding
  });
});

describe('paths', () => {
  it('must begin and end with "/"', () => {
    expect(isValidPath('/')).toBe(true);
    expect(isValidPath('/division_abc/subdivision_xyz/')).toBe(true);
    expect(isValidPath('division/')).toBe(false);
    expect(isValidPath('/division')).toBe(false);
    expect(isValidPath('')).toBe(false);
    expect(isValidPath('/a b/')).toBe(false);
    expect(isValidPath(`/${'a'.repeat(510)}/`)).toBe(true);
    expect(isValidPath(`/${'a'.repeat(511)}/`)).toBe(false);
  });

  it('are stricter for managed policies', () => {
    expect(isValidPolicyPath('/service-role/')).toBe(true);
    expect(isValidPolicyPath('/')).toBe(true);
    expect(isValidPolicyPath('/a!b/')).toBe(false);
    expect(isValidPath('/a!b/')).toBe(true);
    expect(isValidPolicyPath('/a//b/')).toBe(false);
  });

  it('PathPrefix is a case-sensitive string prefix', () => {
    expect(matchesPathPrefix('/division_abc/subdivision_xyz/', '/division_abc/')).toBe(true);
    expect(matchesPathPrefix('/division_abc/', '/division_abc/subdivision_xyz/')).toBe(false);
    expect(matchesPathPrefix('/Division/', '/division/')).toBe(false);
    expect(matchesPathPrefix('/anything/', undefined)).toBe(true);
    expect(matchesPathPrefix('/anything/', '/')).toBe(true);
  });
});

describe('account aliases', () => {
  it('follow the documented rules', () => {
    expect(isValidAccountAlias('my-company')).toBe(true);
    expect(isValidAccountAlias('abc')).toBe(true);
    expect(isValidAccountAlias('ab')).toBe(false);
    expect(isValidAccountAlias('My-Company')).toBe(false);
    expect(isValidAccountAlias('-company')).toBe(false);
    expect(isValidAccountAlias('company-')).toBe(false);
    expect(isValidAccountAlias('my--company')).toBe(false);
    expect(isValidAccountAlias('123456789012')).toBe(false);
    expect(isValidAccountAlias('1234567890123')).toBe(true);
    expect(isValidAccountAlias('a'.repeat(63))).toBe(true);
    expect(isValidAccountAlias('a'.repeat(64))).toBe(false);
  });
});
