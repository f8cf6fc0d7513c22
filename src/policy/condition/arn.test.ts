import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { contextKeys, type ContextValue } from '../context.js';
import { compileCondition, isPolicyProblem } from './compile-condition.js';

function compile(operator: string, values: string[], variables = true) {
  const c = compileCondition({ operator, key: 'aws:SourceArn', values, path: 'p' }, { variables });
  if (isPolicyProblem(c)) throw new Error(c.message);
  return c;
}

function check(operator: string, values: string[], context: Record<string, ContextValue>): boolean {
  return compile(operator, values).test(contextKeys(context), null);
}

const arn = (value: ContextValue) => ({ 'aws:SourceArn': value });

describe('ArnEquals / ArnLike', () => {
  it('matches component by component with wildcards', () => {
    expect(check('ArnLike', ['arn:aws:sns:*:123456789012:topic-*'], arn('arn:aws:sns:us-east-1:123456789012:topic-a'))).toBe(true);
    expect(check('ArnLike', ['arn:aws:sns:us-east-?:*:*'], arn('arn:aws:sns:us-east-2:1:t'))).toBe(true);
    expect(check('ArnLike', ['arn:aws:sns:us-east-?:*:*'], arn('arn:aws:sns:us-west-2:1:t'))).toBe(false);
    expect(check('ArnLike', ['arn:aws:s3:::bucket/*'], arn('arn:aws:s3:::bucket/a:b/c'))).toBe(true);
    expect(check('ArnLike', ['arn:aws:iam::123456789012:role/R'], arn('arn:aws:iam::123456789012:role/r'))).toBe(false);
  });

  it('does not let a wildcard cross one of the first five colons (the AWS documentation example)', () => {
    const pattern = ['arn:aws:someservice:*:111122223333:finance/*'];
    const request = arn('arn:aws:someservice:us-east-2:999999999999:store/abc:111122223333:finance/document.txt');
    expect(check('ArnLike', pattern, request)).toBe(false);
    expect(check('StringLike', pattern, request)).toBe(true);
  });

  it('ArnEquals behaves like ArnLike, and the Not forms are their negation', () => {
    const request = arn('arn:aws:sqs:eu-west-1:123456789012:queue');
    expect(check('ArnEquals', ['arn:aws:sqs:*:123456789012:*'], request)).toBe(true);
    expect(check('ArnNotEquals', ['arn:aws:sqs:*:123456789012:*'], request)).toBe(false);
    expect(check('ArnNotLike', ['arn:aws:sqs:*:999999999999:*'], request)).toBe(true);
    expect(check('ArnNotLike', ['arn:aws:sqs:*:999999999999:*', 'arn:aws:sqs:*:123456789012:*'], request)).toBe(false);
  });

  it('missing key, IfExists, qualifiers', () => {
    expect(check('ArnLike', ['arn:aws:*:*:*:*'], {})).toBe(false);
    expect(check('ArnNotLike', ['arn:aws:*:*:*:*'], {})).toBe(true);
    expect(check('ArnLikeIfExists', ['arn:aws:*:*:*:*'], {})).toBe(true);
    const list = arn(['arn:aws:iam::1:role/a', 'arn:aws:iam::2:role/b']);
    expect(check('ForAnyValue:ArnLike', ['arn:aws:iam::2:*'], list)).toBe(true);
    expect(check('ForAllValues:ArnLike', ['arn:aws:iam::2:*'], list)).toBe(false);
    expect(check('ForAllValues:ArnLike', ['arn:aws:iam::*:role/*'], list)).toBe(true);
  });

  it('substitutes policy variables; one with no value does not match, so ArnNotLike holds', () => {
    const pattern = ['arn:aws:iam::${aws:PrincipalAccount}:role/*'];
    expect(check('ArnLike', pattern, { ...arn('arn:aws:iam::111:role/x'), 'aws:PrincipalAccount': '111' })).toBe(true);
    expect(check('ArnLike', pattern, { ...arn('arn:aws:iam::111:role/x'), 'aws:PrincipalAccount': '222' })).toBe(false);
    expect(check('ArnLike', pattern, arn('arn:aws:iam::111:role/x'))).toBe(false);
    expect(check('ArnNotLike', pattern, arn('arn:aws:iam::111:role/x'))).toBe(true);
  });

  it('bad values: a policy value with fewer than six components is a problem, a request one is traced', () => {
    const c = compile('ArnLike', ['*']);
    expect(c.problems).toHaveLength(1);
    expect(c.test(contextKeys(arn('arn:aws:s3:::b')), null)).toBe(false);
    const invalid: string[] = [];
    expect(compile('ArnNotLike', ['arn:aws:s3:::*']).test(contextKeys(arn('bucket')), { missingKey: () => {}, invalidValue: (_k, m) => invalid.push(m) })).toBe(false);
    expect(invalid).toEqual(['request value "bucket" is not an ARN']);
  });

  it('agrees with a per-component regular-expression reference', () => {
    const split = (s: string) => {
      const parts = s.split(':');
      return [...parts.slice(0, 5), parts.slice(5).join(':')];
    };
    const segment = (p: string) => new RegExp(`^${[...p].map((c) => (c === '*' ? '.*' : c === '?' ? '.' : c)).join('')}$`, 's');
    const reference = (pattern: string, value: string) => {
      const ps = split(pattern);
      const vs = split(value);
      return ps.every((p, k) => segment(p).test(vs[k] as string));
    };
    const policyPart = fc.stringMatching(/^[ab*?]{0,3}$/);
    const requestPart = fc.stringMatching(/^[ab]{0,3}$/);
    fc.assert(
      fc.property(fc.array(policyPart, { minLength: 5, maxLength: 5 }), fc.stringMatching(/^[ab*?:]{0,4}$/), fc.array(requestPart, { minLength: 5, maxLength: 5 }), fc.stringMatching(/^[ab:]{0,4}$/), (pp, pr, rp, rr) => {
        const pattern = ['arn', ...pp.slice(1), pr].join(':');
        const value = ['arn', ...rp.slice(1), rr].join(':');
        return check('ArnLike', [pattern], arn(value)) === reference(pattern, value);
      }),
      { numRuns: 3000 },
    );
  });

  it('an ARN always matches itself and a per-component * pattern', () => {
    const component = fc.stringMatching(/^[a-z0-9/-]{0,8}$/);
    fc.assert(
      fc.property(fc.array(component, { minLength: 5, maxLength: 5 }), fc.stringMatching(/^[a-z0-9/:-]{0,12}$/), (parts, resource) => {
        const value = ['arn', ...parts.slice(0, 4), resource].join(':');
        return check('ArnEquals', [value], arn(value)) && check('ArnLike', ['arn:*:*:*:*:*'], arn(value)) && !check('ArnNotLike', [value], arn(value));
      }),
    );
  });
});
