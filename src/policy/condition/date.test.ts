import { describe, it, expect } from 'vitest';
import { contextKeys, type ContextValue } from '../context.js';
import { compileCondition, isPolicyProblem } from './compile-condition.js';
import type { ConditionTrace } from './types.js';

function compile(operator: string, values: string[]) {
  const c = compileCondition({ operator, key: 'aws:CurrentTime', values, path: 'p' }, { variables: true });
  if (isPolicyProblem(c)) throw new Error(c.message);
  return c;
}

function check(operator: string, values: string[], value: ContextValue | undefined): boolean {
  return compile(operator, values).test(contextKeys(value === undefined ? {} : { 'aws:currenttime': value }), null);
}

describe('Date operators', () => {
  const t = '2024-06-01T12:00:00Z';
  it('compare instants, whatever their spelling', () => {
    expect(check('DateEquals', [t], '2024-06-01T14:00:00+02:00')).toBe(true);
    expect(check('DateEquals', [t], String(Date.UTC(2024, 5, 1, 12) / 1000))).toBe(true);
    expect(check('DateNotEquals', [t], '2024-06-01T12:00:01Z')).toBe(true);
    expect(check('DateNotEquals', [t], t)).toBe(false);
    expect(check('DateLessThan', [t], '2024-06-01T11:59:59Z')).toBe(true);
    expect(check('DateLessThan', [t], t)).toBe(false);
    expect(check('DateLessThanEquals', [t], t)).toBe(true);
    expect(check('DateGreaterThan', [t], t)).toBe(false);
    expect(check('DateGreaterThan', ['1717243200'], '2024-06-01T12:00:01Z')).toBe(true);
    expect(check('DateGreaterThanEquals', [t], t)).toBe(true);
    expect(check('DateGreaterThanEquals', [t], '2023-01-01')).toBe(false);
  });

  it('missing key, IfExists and qualifiers', () => {
    expect(check('DateLessThan', [t], undefined)).toBe(false);
    expect(check('DateNotEquals', [t], undefined)).toBe(true);
    expect(check('DateLessThanIfExists', [t], undefined)).toBe(true);
    expect(check('ForAnyValue:DateLessThan', [t], ['2030-01-01', '2020-01-01'])).toBe(true);
    expect(check('ForAllValues:DateLessThan', [t], ['2030-01-01', '2020-01-01'])).toBe(false);
  });

  it('a bad request value is false (negated too) and traced; a bad policy value is a problem', () => {
    const invalid: string[] = [];
    const trace: ConditionTrace = { missingKey: () => {}, invalidValue: (_key, message) => invalid.push(message) };
    expect(compile('DateGreaterThan', [t]).test(contextKeys({ 'aws:CurrentTime': 'yesterday' }), trace)).toBe(false);
    expect(compile('DateNotEquals', [t]).test(contextKeys({ 'aws:CurrentTime': 'yesterday' }), trace)).toBe(false);
    expect(invalid).toHaveLength(2);
    expect(invalid[0]).toContain('"yesterday" is not a date');
    const bad = compile('DateLessThan', ['next week']);
    expect(bad.problems).toHaveLength(1);
    expect(bad.test(contextKeys({ 'aws:CurrentTime': t }), null)).toBe(false);
  });
});
