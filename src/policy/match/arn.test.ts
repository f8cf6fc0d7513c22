import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { formatArn, parseArn } from './arn.js';

describe('parseArn', () => {
  it('splits at the first five colons and keeps colons in the resource', () => {
    expect(parseArn('arn:aws:lambda:us-east-1:123456789012:function:my-fn:PROD')).toEqual({
      partition: 'aws',
      service: 'lambda',
      region: 'us-east-1',
      account: '123456789012',
      resource: 'function:my-fn:PROD',
    });
  });

  it('accepts empty region and account', () => {
    expect(parseArn('arn:aws:s3:::bucket/key')).toEqual({
      partition: 'aws',
      service: 's3',
      region: '',
      account: '',
      resource: 'bucket/key',
    });
    expect(parseArn('arn:aws:iam::123456789012:user/division/Bob')?.resource).toBe('user/division/Bob');
  });

  it.each(['', '*', 'arn:aws:s3', 'arn:aws:s3:::', 'arn::s3:::b', 'arn:aws::::x', 'ARN:aws:s3:::b', 'urn:aws:s3:::b'])(
    'rejects %j',
    (text) => {
      expect(parseArn(text)).toBeUndefined();
    },
  );

  it('round-trips through formatArn', () => {
    const segment = fc.string({ unit: fc.constantFrom('a', '1', '-', '/'), minLength: 1, maxLength: 6 });
    const optional = fc.string({ unit: fc.constantFrom('a', '1', '-'), maxLength: 6 });
    const resource = fc.string({ unit: fc.constantFrom('a', '/', ':', '*'), minLength: 1, maxLength: 10 });
    fc.assert(
      fc.property(segment, segment, optional, optional, resource, (partition, service, region, account, res) => {
        const arn = { partition, service, region, account, resource: res };
        expect(parseArn(formatArn(arn))).toEqual(arn);
      }),
    );
  });
});
