import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { contextKeys, type ContextKeys, type ContextValue } from '../context.js';
import { compileCondition, isPolicyProblem, type CompiledConditionEntry } from './compile-condition.js';
import { BASE_OPERATORS } from './operator-name.js';
import type { ConditionTrace } from './types.js';

function compile(operator: string, values: readonly string[], key = 'k'): CompiledConditionEntry {
  const c = compileCondition({ operator, key, values, path: 'Statement[0].Condition' }, { variables: true });
  if (isPolicyProblem(c)) throw new Error(c.message);
  return c;
}

const keysWith = (value: ContextValue | undefined): ContextKeys => contextKeys(value === undefined ? {} : { k: value });

// Valid policy and request values per family, so that every comparison is decidable.
const dotted = fc.integer({ min: 0, max: 0xffffffff }).map((n) => [24, 16, 8, 0].map((s) => (n >>> s) & 255).join('.'));
const families: readonly { ops: readonly [string, string]; policy: fc.Arbitrary<string>; request: fc.Arbitrary<string> }[] = [
  { ops: ['StringEquals', 'StringNotEquals'], policy: fc.string({ maxLength: 4 }), request: fc.string({ maxLength: 4 }) },
  { ops: ['StringEqualsIgnoreCase', 'StringNotEqualsIgnoreCase'], policy: fc.string({ maxLength: 3 }), request: fc.string({ maxLength: 3 }) },
  { ops: ['StringLike', 'StringNotLike'], policy: fc.stringMatching(/^[ab*?]{0,4}$/), request: fc.stringMatching(/^[ab]{0,5}$/) },
  { ops: ['NumericEquals', 'NumericNotEquals'], policy: fc.integer({ min: -3, max: 3 }).map(String), request: fc.integer({ min: -3, max: 3 }).map(String) },
  { ops: ['DateEquals', 'DateNotEquals'], policy: fc.integer({ min: 0, max: 3 }).map((d) => `2024-01-0${d + 1}`), request: fc.integer({ min: 0, max: 3 }).map((d) => `2024-01-0${d + 1}T00:00:00Z`) },
  { ops: ['IpAddress', 'NotIpAddress'], policy: fc.tuple(dotted, fc.integer({ min: 0, max: 32 })).map(([a, p]) => `${a}/${p}`), request: dotted },
  { ops: ['ArnEquals', 'ArnNotEquals'], policy: fc.stringMatching(/^arn:aws:[ab*]{0,2}::[12*]:[xy*?]{0,3}$/), request: fc.stringMatching(/^arn:aws:[ab]{0,2}::[12]:[xy:]{0,3}$/) },
  { ops: ['ArnLike', 'ArnNotLike'], policy: fc.stringMatching(/^arn:aws:[ab*]{0,2}::[12*]:[xy*?]{0,3}$/), request: fc.stringMatching(/^arn:aws:[ab]{0,2}::[12]:[xy:]{0,3}$/) },
];

describe('compileCondition', () => {
  it('rejects operators IAM does not know, with the key path', () => {
    const c = compileCondition({ operator: 'StringEqualz', key: 'k', values: ['a'], path: 'Statement[0].Condition.StringEqualz.k' }, { variables: true });
    expect(c).toEqual({ path: 'Statement[0].Condition.StringEqualz.k', message: 'unknown condition operator "StringEqualz"' });
  });

  it('keeps the entry as written and accepts operator names in any case', () => {
    const c = compile('forAnyValue:stringequalsIFEXISTS', ['a'], 'aws:PrincipalTag/Team');
    expect([c.operator, c.key, c.values, c.lowerKey]).toEqual(['forAnyValue:stringequalsIFEXISTS', 'aws:PrincipalTag/Team', ['a'], 'aws:principaltag/team']);
    expect(c.test(contextKeys({ 'aws:principaltag/team': 'A' }), null)).toBe(false);
    expect(c.test(contextKeys({ 'AWS:PrincipalTag/team': 'a' }), null)).toBe(true);
  });

  it('compiles every base operator, plain, IfExists and qualified', () => {
    for (const base of BASE_OPERATORS) {
      for (const name of [base, `${base}IfExists`, `ForAnyValue:${base}`, `ForAllValues:${base}`]) {
        if (name === 'NullIfExists') continue;
        expect(() => compile(name, ['1']), name).not.toThrow();
      }
    }
  });

  it('reports the missing key as written, once per test', () => {
    const missing: string[] = [];
    const trace: ConditionTrace = { missingKey: (k) => missing.push(k), invalidValue: () => {} };
    compile('StringEqualsIfExists', ['a'], 'aws:PrincipalTag/Team').test(contextKeys({}), trace);
    compile('ForAllValues:StringEquals', ['a'], 's3:Prefix').test(contextKeys({}), trace);
    compile('StringEquals', ['a'], 'present').test(contextKeys({ present: 'a' }), trace);
    expect(missing).toEqual(['aws:PrincipalTag/Team', 's3:Prefix']);
  });

  it('X and its negation are complements for a present single value', () => {
    for (const { ops, policy, request } of families) {
      const [positive, negated] = ops;
      fc.assert(
        fc.property(fc.array(policy, { minLength: 1, maxLength: 3 }), request, (values, value) => {
          const keys = keysWith(value);
          return compile(positive, values).test(keys, null) === !compile(negated, values).test(keys, null);
        }),
        { numRuns: 300 },
      );
    }
  });

  it('IfExists equals the base operator when the key is present and is true when absent', () => {
    for (const { ops, policy, request } of families) {
      for (const op of ops) {
        fc.assert(
          fc.property(fc.array(policy, { minLength: 1, maxLength: 3 }), request, (values, value) => {
            const base = compile(op, values);
            const ifExists = compile(`${op}IfExists`, values);
            return ifExists.test(keysWith(value), null) === base.test(keysWith(value), null) && ifExists.test(keysWith(undefined), null);
          }),
          { numRuns: 100 },
        );
      }
    }
  });

  it('on an empty set ForAllValues is true and ForAnyValue is false, for every operator', () => {
    fc.assert(
      fc.property(fc.constantFrom(...BASE_OPERATORS.filter((op) => op !== 'Null')), fc.array(fc.string(), { maxLength: 3 }), (base, values) => {
        return compile(`ForAllValues:${base}`, values).test(keysWith([]), null) && !compile(`ForAnyValue:${base}`, values).test(keysWith([]), null);
      }),
    );
  });

  it('never throws, whatever the strings', () => {
    const operator = fc.oneof(fc.string(), fc.constantFrom(...BASE_OPERATORS).chain((b) => fc.constantFrom(b, `${b}IfExists`, `ForAnyValue:${b}`, `ForAllValues:${b}IfExists`)));
    const value: fc.Arbitrary<ContextValue> = fc.oneof(fc.string(), fc.array(fc.string(), { maxLength: 3 }));
    fc.assert(
      fc.property(operator, fc.string(), fc.array(fc.string(), { maxLength: 4 }), fc.boolean(), value, value, (op, key, values, variables, v, w) => {
        const c = compileCondition({ operator: op, key, values, path: 'p' }, { variables });
        if (isPolicyProblem(c)) return typeof c.message === 'string';
        const keys = contextKeys({ [key]: v, 'aws:username': w });
        const trace: ConditionTrace = { missingKey: () => {}, invalidValue: () => {} };
        return typeof c.test(keys, trace) === 'boolean' && typeof c.test(keys, null) === 'boolean';
      }),
      { numRuns: 2000 },
    );
  });
});
