import { describe, it, expect } from 'vitest';
import { contextKeys, type ContextValue } from '../context.js';
import { compileCondition, isPolicyProblem } from './compile-condition.js';

function check(operator: string, values: string[], tagKeys: ContextValue | undefined): boolean {
  const c = compileCondition({ operator, key: 'aws:TagKeys', values, path: 'p' }, { variables: true });
  if (isPolicyProblem(c)) throw new Error(c.message);
  return c.test(contextKeys(tagKeys === undefined ? {} : { 'aws:TagKeys': tagKeys }), null);
}

const policy = ['DataClass', 'Owner'];

describe('ForAnyValue', () => {
  it('is true when some request value matches some policy value', () => {
    expect(check('ForAnyValue:StringEquals', policy, ['Dept', 'Owner'])).toBe(true);
    expect(check('ForAnyValue:StringEquals', policy, ['Dept', 'SIC'])).toBe(false);
    expect(check('ForAnyValue:StringEquals', policy, 'Owner')).toBe(true);
  });

  it('is false for a missing key or an empty set, even with IfExists (observed on AWS)', () => {
    expect(check('ForAnyValue:StringEquals', policy, undefined)).toBe(false);
    expect(check('ForAnyValue:StringEquals', policy, [])).toBe(false);
    expect(check('ForAnyValue:StringEquals', policy, '')).toBe(false);
    expect(check('ForAnyValue:StringEqualsIfExists', policy, undefined)).toBe(false);
    expect(check('ForAnyValue:StringEqualsIfExists', policy, ['Dept'])).toBe(false);
  });

  it('negates per request value: some value equals none of the policy values', () => {
    expect(check('ForAnyValue:StringNotEquals', policy, undefined)).toBe(false);
    expect(check('ForAnyValue:StringNotEquals', policy, ['DataClass', 'Owner'])).toBe(false);
    expect(check('ForAnyValue:StringNotEquals', policy, ['Dept', 'DataClass'])).toBe(true);
    expect(check('ForAnyValue:StringNotEquals', policy, ['Dept', 'SIC'])).toBe(true);
    expect(check('ForAnyValue:StringNotLike', ['key1*'], ['key1a', 'key2'])).toBe(true);
  });
});

describe('ForAllValues', () => {
  it('is true when every request value matches some policy value', () => {
    expect(check('ForAllValues:StringLike', ['PostDateTime', 'Message', 'Tags'], ['PostDateTime', 'Message'])).toBe(true);
    expect(check('ForAllValues:StringLike', ['PostDateTime', 'Message', 'Tags'], ['PostDateTime', 'UserName'])).toBe(false);
    expect(check('ForAllValues:StringEquals', policy, 'Owner')).toBe(true);
  });

  it('is true for a missing key or an empty set (the documented gotcha)', () => {
    expect(check('ForAllValues:StringEquals', policy, undefined)).toBe(true);
    expect(check('ForAllValues:StringEquals', policy, [])).toBe(true);
    expect(check('ForAllValues:StringEquals', policy, '')).toBe(true);
    expect(check('ForAllValues:StringNotEquals', policy, undefined)).toBe(true);
    expect(check('ForAllValues:StringEqualsIfExists', policy, undefined)).toBe(true);
  });

  it('negates per request value: no request value equals a policy value', () => {
    expect(check('ForAllValues:StringNotEquals', policy, ['Dept', 'SIC'])).toBe(true);
    expect(check('ForAllValues:StringNotEquals', policy, ['Dept', 'Owner'])).toBe(false);
    expect(check('ForAllValues:StringNotLike', ['key1*'], ['key2', 'key3'])).toBe(true);
    expect(check('ForAllValues:StringNotLike', ['key1*'], ['key2', 'key1x'])).toBe(false);
  });
});

describe('a plain operator on a multivalued key', () => {
  it('never matches, negated or not, and says why', () => {
    expect(check('StringEquals', policy, ['Owner'])).toBe(false);
    expect(check('StringEquals', policy, ['Owner', 'Dept'])).toBe(false);
    expect(check('StringNotEquals', policy, ['Dept'])).toBe(false);
    expect(check('StringEqualsIfExists', policy, ['Owner'])).toBe(false);
    const c = compileCondition({ operator: 'StringEquals', key: 'aws:TagKeys', values: policy, path: 'p' }, { variables: true });
    if (isPolicyProblem(c)) throw new Error(c.message);
    const invalid: string[] = [];
    c.test(contextKeys({ 'aws:TagKeys': ['Owner'] }), { missingKey: () => {}, invalidValue: (k, m) => invalid.push(`${k}: ${m}`) });
    expect(invalid).toEqual(['aws:TagKeys: a multivalued context key needs ForAnyValue: or ForAllValues:']);
  });
});
