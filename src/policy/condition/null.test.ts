import { describe, it, expect } from 'vitest';
import { contextKeys, type ContextValue } from '../context.js';
import { compileCondition, isPolicyProblem } from './compile-condition.js';

function compile(operator: string, values: string[]) {
  const c = compileCondition({ operator, key: 'aws:TokenIssueTime', values, path: 'p' }, { variables: true });
  if (isPolicyProblem(c)) throw new Error(c.message);
  return c;
}

function check(operator: string, values: string[], context: Record<string, ContextValue>): boolean {
  return compile(operator, values).test(contextKeys(context), null);
}

describe('Null', () => {
  it('"true" matches an absent key, "false" a present one', () => {
    expect(check('Null', ['true'], {})).toBe(true);
    expect(check('Null', ['true'], { 'aws:TokenIssueTime': '2024-01-01T00:00:00Z' })).toBe(false);
    expect(check('Null', ['false'], {})).toBe(false);
    expect(check('Null', ['false'], { 'aws:TokenIssueTime': 'x' })).toBe(true);
    expect(check('Null', ['TRUE'], {})).toBe(true);
  });

  it('an empty list is null, an empty string is a value', () => {
    expect(check('Null', ['true'], { 'aws:TokenIssueTime': [] })).toBe(true);
    expect(check('Null', ['false'], { 'aws:TokenIssueTime': [] })).toBe(false);
    expect(check('Null', ['false'], { 'aws:TokenIssueTime': '' })).toBe(true);
    expect(check('Null', ['false'], { 'aws:TokenIssueTime': ['a', 'b'] })).toBe(true);
  });

  it('ignores a set qualifier and rejects IfExists, as IAM does', () => {
    expect(check('ForAllValues:Null', ['true'], {})).toBe(true);
    const c = compileCondition({ operator: 'NullIfExists', key: 'k', values: ['true'], path: 'p' }, { variables: true });
    expect(isPolicyProblem(c)).toBe(true);
  });

  it('reports values other than true and false, which never match', () => {
    const c = compile('Null', ['maybe']);
    expect(c.problems).toHaveLength(1);
    expect(c.test(contextKeys({}), null)).toBe(false);
    expect(c.test(contextKeys({ 'aws:TokenIssueTime': 'x' }), null)).toBe(false);
  });

  it('reports the missing key to the trace', () => {
    const missing: string[] = [];
    compile('Null', ['true']).test(contextKeys({}), { missingKey: (k) => missing.push(k), invalidValue: () => {} });
    expect(missing).toEqual(['aws:TokenIssueTime']);
  });
});
