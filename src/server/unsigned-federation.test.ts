import { describe, expect, it } from 'vitest';
import { anonymousCaller, isUnsignedFederationCall } from './unsigned-federation.js';

describe('unsigned federation calls', () => {
  it('lets exactly the two STS federation actions through without a signature', () => {
    expect(isUnsignedFederationCall('sts', 'AssumeRoleWithWebIdentity', {}, '')).toBe(true);
    expect(isUnsignedFederationCall('sts', 'AssumeRoleWithSAML', {}, '')).toBe(true);
    for (const action of ['AssumeRole', 'GetCallerIdentity', 'GetSessionToken', 'assumerolewithsaml', null]) {
      expect(isUnsignedFederationCall('sts', action, {}, '')).toBe(false);
    }
    expect(isUnsignedFederationCall('iam', 'AssumeRoleWithSAML', {}, '')).toBe(false);
  });

  it('verifies a request that carries a signature, in the header or the query', () => {
    expect(isUnsignedFederationCall('sts', 'AssumeRoleWithSAML', { authorization: 'AWS4-HMAC-SHA256 Credential=x' }, '')).toBe(false);
    expect(isUnsignedFederationCall('sts', 'AssumeRoleWithSAML', {}, 'X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Signature=00')).toBe(false);
  });

  it('calls the unsigned caller nobody', () => {
    expect(anonymousCaller().principal).toEqual({ type: 'Anonymous', arn: '', account: '' });
  });
});
