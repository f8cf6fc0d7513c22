import { describe, it, expect } from 'vitest';
import { contextKeys, type ContextValue } from '../context.js';
import { compileCondition, isPolicyProblem } from './compile-condition.js';
import { parseDecimal } from './numeric.js';
import type { ConditionTrace } from './types.js';

function compile(operator: string, values: string[]) {
  const c = compileCondition({ operator, key: 's3:max-keys', values, path: 'Statement[0].Condition.X.s3:max-keys' }, { variables: true });
  if (isPolicyProblem(c)) throw new Error(c.message);
  return c;
}

function check(operator: string, values: string[], value: ContextValue | undefined): boolean {
  return compile(operator, values).test(contextKeys(value === undefined ? {} : { 's3:max-keys': value }), null);
}

describe('parseDecimal', () => {
  it('reads integers and decimals, nothing else', () => {
    expect(parseDecimal('10')).toBe(10);
    expect(parseDecimal('-2.5')).toBe(-2.5);
    expect(parseDecimal('+7')).toBe(7);
    expect(parseDecimal('.5')).toBe(0.5);
    for (const bad of ['', ' 1', '1e3', '0x10', 'abc', '-', '.', '1.2.3', 'NaN', 'Infinity']) expect(parseDecimal(bad)).toBeNaN();
  });
});

describe('Numeric operators', () => {
  it('compare as numbers', () => {
    expect(check('NumericEquals', ['10'], '10.0')).toBe(true);
    expect(check('NumericEquals', ['10', '20'], '20')).toBe(true);
    expect(check('NumericNotEquals', ['10', '20'], '20')).toBe(false);
    expect(check('NumericNotEquals', ['10', '20'], '30')).toBe(true);
    expect(check('NumericLessThan', ['10'], '9.99')).toBe(true);
    expect(check('NumericLessThan', ['10'], '10')).toBe(false);
    expect(check('NumericLessThanEquals', ['10'], '10')).toBe(true);
    expect(check('NumericGreaterThan', ['10'], '10')).toBe(false);
    expect(check('NumericGreaterThan', ['10'], '11')).toBe(true);
    expect(check('NumericGreaterThanEquals', ['10'], '10')).toBe(true);
    expect(check('NumericGreaterThanEquals', ['10'], '-10')).toBe(false);
  });

  it('ORs several bounds', () => {
    expect(check('NumericLessThan', ['5', '10'], '7')).toBe(true);
    expect(check('NumericGreaterThan', ['5', '10'], '7')).toBe(true);
    expect(check('NumericGreaterThan', ['5', '10'], '4')).toBe(false);
  });

  it('missing key, IfExists and set qualifiers', () => {
    expect(check('NumericEquals', ['1'], undefined)).toBe(false);
    expect(check('NumericNotEquals', ['1'], undefined)).toBe(true);
    expect(check('NumericEqualsIfExists', ['1'], undefined)).toBe(true);
    expect(check('ForAllValues:NumericLessThan', ['5'], ['1', '2'])).toBe(true);
    expect(check('ForAllValues:NumericLessThan', ['5'], ['1', '7'])).toBe(false);
    expect(check('ForAnyValue:NumericLessThan', ['5'], ['9', '1'])).toBe(true);
  });

  it('a bad policy value never matches and is reported as a problem', () => {
    const c = compile('NumericEquals', ['abc', '5']);
    expect(c.problems).toEqual([{ path: 'Statement[0].Condition.X.s3:max-keys[0]', message: 'condition value "abc" is not a number for NumericEquals' }]);
    expect(c.test(contextKeys({ 's3:max-keys': '5' }), null)).toBe(true);
    expect(check('NumericLessThan', ['abc'], '1')).toBe(false);
    // A value that cannot be compared does not satisfy the negation either.
    expect(check('NumericNotEquals', ['abc'], '1')).toBe(false);
  });

  it('a bad request value is false for every operator and is traced', () => {
    const invalid: string[] = [];
    const trace: ConditionTrace = { missingKey: () => {}, invalidValue: (key, message) => invalid.push(`${key}: ${message}`) };
    expect(compile('NumericLessThan', ['5']).test(contextKeys({ 's3:max-keys': 'lots' }), trace)).toBe(false);
    expect(compile('NumericNotEquals', ['5']).test(contextKeys({ 's3:max-keys': 'lots' }), trace)).toBe(false);
    expect(invalid).toEqual(['s3:max-keys: request value "lots" is not a number', 's3:max-keys: request value "lots" is not a number']);
  });

  it('does not substitute policy variables', () => {
    expect(check('NumericEquals', ['${x}'], '1')).toBe(false);
  });
});
