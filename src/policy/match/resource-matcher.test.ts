import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { compileResourceMatcher } from './resource-matcher.js';
import { contextKeys, type ContextKeys } from '../context.js';

const none = contextKeys({});
const matcher = (patterns: string[], variables = true) => compileResourceMatcher(patterns, { variables });
const matches = (patterns: string[], resource: string, keys: ContextKeys = none) =>
  matcher(patterns).matches(resource, keys);

function naive(p: string, v: string): boolean {
  if (p === '') return v === '';
  if (p[0] === '*') return naive(p.slice(1), v) || (v !== '' && naive(p, v.slice(1)));
  return v !== '' && (p[0] === '?' || p[0] === v[0]) && naive(p.slice(1), v.slice(1));
}

/** Splits at the first five colons: five segments and the rest. */
function split(arn: string): string[] | undefined {
  const parts = arn.split(':');
  if (parts.length < 6) return undefined;
  return [...parts.slice(0, 5), parts.slice(5).join(':')];
}

describe('compileResourceMatcher', () => {
  it('matches the AWS examples', () => {
    expect(matches(['arn:aws:s3:::bucket/*'], 'arn:aws:s3:::bucket/a/b/c.txt')).toBe(true);
    expect(matches(['arn:aws:s3:::bucket/*'], 'arn:aws:s3:::bucket/')).toBe(true);
    expect(matches(['arn:aws:s3:::bucket/*'], 'arn:aws:s3:::bucket')).toBe(false);
    expect(matches(['arn:aws:s3:::bucket/*'], 'arn:aws:s3:::bucket2/x')).toBe(false);
    expect(matches(['arn:aws:iam::123456789012:user/accounting/*'], 'arn:aws:iam::123456789012:user/accounting/Ann')).toBe(true);
    expect(matches(['arn:aws:s3:::example?bucket/*'], 'arn:aws:s3:::example1bucket/k')).toBe(true);
    const ec2 = ['arn:aws:ec2:*:*:instance/*'];
    expect(matches(ec2, 'arn:aws:ec2:us-east-1:123456789012:instance/i-0abc')).toBe(true);
    expect(matches(ec2, 'arn:aws:ec2:us-east-1:123456789012:volume/vol-1')).toBe(false);
    expect(matches(ec2, 'arn:aws:rds:us-east-1:123456789012:instance/i-0abc')).toBe(false);
  });

  it('lets * in the resource part span slashes (the S3 "/*/test/*" example)', () => {
    const m = matcher(['arn:aws:s3:::amzn-s3-demo-bucket/*/test/*']);
    for (const key of ['1/test/object.jpg', '1/2/test/object.jpg', '1/2/test/3/object.jpg', '1///test///object.jpg', '/test/object.jpg', '1/test/']) {
      expect(m.matches(`arn:aws:s3:::amzn-s3-demo-bucket/${key}`, none)).toBe(true);
    }
    for (const key of ['1-test/object.jpg', 'test/object.jpg']) {
      expect(m.matches(`arn:aws:s3:::amzn-s3-demo-bucket/${key}`, none)).toBe(false);
    }
  });

  it('lets * in the resource part span colons', () => {
    const m = matcher(['arn:aws:lambda:us-east-1:123456789012:function:my-fn*']);
    expect(m.matches('arn:aws:lambda:us-east-1:123456789012:function:my-fn:PROD', none)).toBe(true);
  });

  it('keeps wildcards in partition, service, region and account inside their segment', () => {
    const m = matcher(['arn:aws:ec2:us-*:123456789012:instance/*']);
    expect(m.matches('arn:aws:ec2:us-east-1:123456789012:instance/i-1', none)).toBe(true);
    // A whole-string glob would let `us-*` swallow `east-1:999`.
    expect(m.matches('arn:aws:ec2:us-east-1:999:123456789012:instance/i-1', none)).toBe(false);
    expect(matches(['arn:aws:iam::12345678901?:user/x'], 'arn:aws:iam::12345678901:user/x')).toBe(false);
    expect(matches(['arn:aws:iam::*:user/x'], 'arn:aws:iam::1:2:user/x')).toBe(false);
  });

  it('is case-sensitive', () => {
    expect(matches(['arn:aws:iam::123456789012:user/Bob'], 'arn:aws:iam::123456789012:user/bob')).toBe(false);
    expect(matches(['arn:aws:s3:::Bucket/*'], 'arn:aws:s3:::bucket/k')).toBe(false);
    expect(matches(['arn:aws:s3:::bucket/*'], 'arn:aws:S3:::bucket/k')).toBe(false);
  });

  it('matches a request for all resources (*) only with a pattern covering every string', () => {
    expect(matches(['*'], '*')).toBe(true);
    expect(matches(['arn:aws:s3:::*'], '*')).toBe(false);
    expect(matches(['arn:*'], '*')).toBe(false);
    expect(matches(['arn:aws:iam::123456789012:user/*'], '*')).toBe(false);
    expect(matches(['*'], 'arn:aws:s3:::bucket')).toBe(true);
  });

  it('expands a trailing * of a short ARN over the missing segments', () => {
    expect(matches(['arn:aws:s3:*'], 'arn:aws:s3:::bucket/key')).toBe(true);
    expect(matches(['arn:aws:*'], 'arn:aws:iam::123456789012:user/x')).toBe(true);
    expect(matches(['arn:aws:*'], 'arn:aws-cn:iam::123456789012:user/x')).toBe(false);
    expect(matches(['arn:aws:s3:*'], 'arn:aws:sqs:us-east-1:1:q')).toBe(false);
    expect(matches(['arn:aws:s3'], 'arn:aws:s3')).toBe(false);
    expect(matches(['arn:aws:s3:us'], 'arn:aws:s3:us:1:x')).toBe(false);
  });

  it('checks many exact ARNs by lookup', () => {
    const arns = Array.from({ length: 20 }, (_, i) => `arn:aws:iam::123456789012:user/u${i}`);
    const m = matcher(arns);
    expect(m.matches('arn:aws:iam::123456789012:user/u13', none)).toBe(true);
    expect(m.matches('arn:aws:iam::123456789012:user/u20', none)).toBe(false);
  });

  describe('policy variables', () => {
    const bob = contextKeys({ 'aws:username': 'bob', 'aws:PrincipalAccount': '123456789012' });

    it('substitutes ${aws:username}', () => {
      const m = matcher(['arn:aws:iam::*:user/${aws:username}']);
      expect(m.matches('arn:aws:iam::123456789012:user/bob', bob)).toBe(true);
      expect(m.matches('arn:aws:iam::123456789012:user/alice', bob)).toBe(false);
    });

    it('does not match when a variable has no value, but other entries still can', () => {
      const m = matcher(['arn:aws:s3:::home/${aws:username}/*', 'arn:aws:s3:::public/*']);
      expect(m.matches('arn:aws:s3:::home/bob/f', none)).toBe(false);
      expect(m.matches('arn:aws:s3:::home//f', none)).toBe(false);
      expect(m.matches('arn:aws:s3:::public/f', none)).toBe(true);
    });

    it('uses the default value when the key is absent', () => {
      const m = matcher(["arn:aws:s3:::home/${aws:username, 'guest'}/*"]);
      expect(m.matches('arn:aws:s3:::home/guest/f', none)).toBe(true);
      expect(m.matches('arn:aws:s3:::home/bob/f', bob)).toBe(true);
    });

    it('matches a substituted value literally', () => {
      const m = matcher(['arn:aws:s3:::home/${aws:username}/*']);
      const star = contextKeys({ 'aws:username': '*' });
      expect(m.matches('arn:aws:s3:::home/*/f', star)).toBe(true);
      expect(m.matches('arn:aws:s3:::home/bob/f', star)).toBe(false);
    });

    it('supports the ${*} ${?} ${$} escapes', () => {
      const m = matcher(['arn:aws:s3:::b/${*}${?}${$}*']);
      expect(m.matches('arn:aws:s3:::b/*?$x', none)).toBe(true);
      expect(m.matches('arn:aws:s3:::b/ab$x', none)).toBe(false);
    });

    it('works in the account segment, where a value with a colon cannot match', () => {
      const m = matcher(['arn:aws:iam::${aws:PrincipalAccount}:user/*']);
      expect(m.matches('arn:aws:iam::123456789012:user/x', bob)).toBe(true);
      expect(m.matches('arn:aws:iam::999999999999:user/x', bob)).toBe(false);
      const colon = contextKeys({ 'aws:PrincipalAccount': '1:user' });
      expect(m.matches('arn:aws:iam::1:user:user/x', colon)).toBe(false);
    });

    it('treats ${...} as text in 2008-10-17 documents', () => {
      const m = matcher(['arn:aws:s3:::home/${aws:username}/*'], false);
      expect(m.matches('arn:aws:s3:::home/bob/f', bob)).toBe(false);
      expect(m.matches('arn:aws:s3:::home/${aws:username}/f', bob)).toBe(true);
    });
  });

  describe('properties', () => {
    const segChar = fc.constantFrom('a', 'b', '*', '?', '-');
    const resChar = fc.constantFrom('a', 'b', '*', '?', ':', '/');
    const seg = fc.string({ unit: segChar, maxLength: 3 });
    const res = fc.string({ unit: resChar, maxLength: 6 });
    const arn = fc.tuple(seg, seg, seg, seg, seg, res).map((parts) => parts.join(':'));
    const valueSeg = fc.string({ unit: fc.constantFrom('a', 'b', '-'), maxLength: 3 });
    const valueRes = fc.string({ unit: fc.constantFrom('a', 'b', ':', '/'), maxLength: 6 });
    const value = fc.tuple(valueSeg, valueSeg, valueSeg, valueSeg, valueSeg, valueRes).map((parts) => parts.join(':'));

    it('agrees with a segment-by-segment reference', () => {
      fc.assert(
        fc.property(arn, value, (pattern, resource) => {
          const p = split(pattern)!;
          const v = split(resource)!;
          const expected = p.every((segment, i) => naive(segment, v[i]!));
          expect(matches([pattern], resource)).toBe(expected);
        }),
        { numRuns: 3000 },
      );
    });

    it('matches any suffix after a * in the resource part', () => {
      const prefix = fc.string({ unit: fc.constantFrom('a', 'b', '/', '-'), maxLength: 6 });
      const suffix = fc.string({ unit: fc.constantFrom('a', ':', '/', '*', '?'), maxLength: 10 });
      fc.assert(
        fc.property(prefix, suffix, (p, s) => {
          expect(matches([`arn:aws:s3:::${p}*`], `arn:aws:s3:::${p}${s}`)).toBe(true);
          expect(matches([`arn:aws:lambda:us-east-1:123456789012:${p}*`], `arn:aws:lambda:us-east-1:123456789012:${p}${s}`)).toBe(true);
        }),
      );
    });
  });
});
