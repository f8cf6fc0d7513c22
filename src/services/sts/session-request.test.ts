import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { packedPercent, readSessionRequest, sessionTagKeys } from './session-request.js';

const POLICY = '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}]}';

describe('session request', () => {
  it('reads policy, ARNs, tags and transitive keys, with the packed size as a percentage', () => {
    const request = readSessionRequest({
      Policy: POLICY,
      PolicyArns: [{ arn: 'arn:aws:iam::aws:policy/ReadOnlyAccess' }],
      Tags: [{ Key: 'team', Value: 'red' }],
      TransitiveTagKeys: ['TEAM'],
    });
    expect(request.policyArns).toEqual(['arn:aws:iam::aws:policy/ReadOnlyAccess']);
    expect(request.tags).toEqual([{ key: 'team', value: 'red' }]);
    const units = POLICY.length + 'arn:aws:iam::aws:policy/ReadOnlyAccess'.length + 'teamred'.length;
    expect(request.packedPolicySize).toBe(Math.ceil((units * 100) / 2048));
    expect(sessionTagKeys(request)).toEqual({ 'aws:RequestTag/team': 'red', 'aws:TagKeys': ['team'], 'sts:TransitiveTagKeys': ['TEAM'] });
  });

  it('reports no packed size when nothing was passed', () => {
    expect(readSessionRequest({}).packedPolicySize).toBeUndefined();
  });

  it('refuses a malformed policy with MalformedPolicyDocument', () => {
    expect(() => readSessionRequest({ Policy: '{"Statement":[{"Effect":"Allow"}]}' })).toThrow(expect.objectContaining({ code: 'MalformedPolicyDocument' }));
  });

  it('refuses duplicate tag keys case-insensitively and transitive keys that are not tags', () => {
    expect(() => readSessionRequest({ Tags: [{ Key: 'a', Value: '1' }, { Key: 'A', Value: '2' }] })).toThrow(
      'Duplicate tag keys found. Please note that Tag keys are case insensitive.',
    );
    expect(() => readSessionRequest({ Tags: [{ Key: 'a', Value: '1' }], TransitiveTagKeys: ['b'] })).toThrow(
      'The specified transitive tag key must be included in the requested tags.',
    );
  });

  it('refuses more than 10 policy ARNs', () => {
    const arns = Array.from({ length: 11 }, (_, i) => ({ arn: `arn:aws:iam::111122223333:policy/p${i}` }));
    expect(() => readSessionRequest({ PolicyArns: arns })).toThrow(expect.objectContaining({ code: 'ValidationError' }));
  });

  it('refuses a policy over the plaintext limit with PackedPolicyTooLarge and its percentage', () => {
    const actions = Array.from({ length: 140 }, (_, i) => `"s3:Action${String(i).padStart(4, '0')}"`).join(',');
    const big = `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":[${actions}],"Resource":"*"}]}`;
    expect(big.length).toBeGreaterThan(2048);
    expect(() => readSessionRequest({ Policy: big })).toThrow(
      expect.objectContaining({ code: 'PackedPolicyTooLarge', message: `Packed policy consumes ${packedPercent(big.length)}% of allotted space, please use smaller policy.` }),
    );
  });

  it('property: the packed size is over 100% exactly when the units exceed 2048', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 10_000 }), (units) => packedPercent(units) > 100 === units > 2048));
  });
});
