import { describe, it, expect } from 'vitest';
import { contextKeys, type ContextValue } from '../context.js';
import { parseBool } from './bool.js';
import { compileCondition, isPolicyProblem } from './compile-condition.js';

function compile(operator: string, values: string[]) {
  const c = compileCondition({ operator, key: 'aws:SecureTransport', values, path: 'p' }, { variables: true });
  if (isPolicyProblem(c)) throw new Error(c.message);
  return c;
}

function check(operator: string, values: string[], context: Record<string, ContextValue>): boolean {
  return compile(operator, values).test(contextKeys(context), null);
}

describe('Bool', () => {
  it('parses true and false in any case', () => {
    expect(parseBool('true')).toBe(1);
    expect(parseBool('TRUE')).toBe(1);
    expect(parseBool('False')).toBe(0);
    expect(parseBool('yes')).toBe(-1);
    expect(parseBool('')).toBe(-1);
    expect(parseBool('trUE ')).toBe(-1);
  });

  it('compares booleans', () => {
    expect(check('Bool', ['false'], { 'aws:SecureTransport': 'false' })).toBe(true);
    expect(check('Bool', ['false'], { 'aws:SecureTransport': 'FALSE' })).toBe(true);
    expect(check('Bool', ['true'], { 'aws:SecureTransport': 'false' })).toBe(false);
    expect(check('Bool', ['true', 'false'], { 'aws:SecureTransport': 'false' })).toBe(true);
  });

  it('missing key, IfExists, qualifiers', () => {
    expect(check('Bool', ['true'], {})).toBe(false);
    expect(check('BoolIfExists', ['true'], {})).toBe(true);
    expect(check('BoolIfExists', ['true'], { 'aws:SecureTransport': 'false' })).toBe(false);
    expect(check('ForAnyValue:Bool', ['true'], { 'aws:SecureTransport': ['false', 'true'] })).toBe(true);
    expect(check('ForAllValues:Bool', ['true'], { 'aws:SecureTransport': ['false', 'true'] })).toBe(false);
  });

  it('bad values: policy side reported, request side false and traced', () => {
    const c = compile('Bool', ['yes']);
    expect(c.problems[0]?.message).toBe('condition value "yes" is not "true" or "false" for Bool');
    expect(c.test(contextKeys({ 'aws:SecureTransport': 'true' }), null)).toBe(false);
    const invalid: string[] = [];
    const trace = { missingKey: () => {}, invalidValue: (_k: string, m: string) => invalid.push(m) };
    expect(compile('Bool', ['true']).test(contextKeys({ 'aws:SecureTransport': '1' }), trace)).toBe(false);
    expect(invalid).toEqual(['request value "1" is not "true" or "false"']);
  });

  it('substitutes policy variables', () => {
    expect(check('Bool', ['${aws:MultiFactorAuthPresent}'], { 'aws:SecureTransport': 'true', 'aws:MultiFactorAuthPresent': 'true' })).toBe(true);
    expect(check('Bool', ['${aws:MultiFactorAuthPresent}'], { 'aws:SecureTransport': 'true' })).toBe(false);
  });
});
