// Trust policy checks: AWS's MalformedPolicyDocument wording and the 2048-character quota.
import { describe, expect, it } from 'vitest';
import { validateTrustPolicy } from './trust-policy.js';

function trustWithId(id: string, pad = ''): string {
  const statement = { Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole', Condition: { StringEquals: { 'sts:ExternalId': id } } };
  return JSON.stringify({ Version: '2012-10-17', Statement: [statement] }, null, pad);
}

describe('validateTrustPolicy', () => {
  it('refuses what is not a trust policy with MalformedPolicyDocument', () => {
    expect(() => validateTrustPolicy('{"Statement":[{"Effect":"Allow","Action":"sts:AssumeRole"}]}')).toThrow(
      expect.objectContaining({ code: 'MalformedPolicyDocument', message: 'Missing required field Principal' }),
    );
  });

  it('allows 2048 non-white-space characters and refuses 2049, ignoring white space', () => {
    const base = trustWithId('').length;
    expect(() => validateTrustPolicy(trustWithId('x'.repeat(2048 - base)))).not.toThrow();
    expect(() => validateTrustPolicy(trustWithId('x'.repeat(2048 - base), '        '))).not.toThrow();
    expect(() => validateTrustPolicy(trustWithId('x'.repeat(2049 - base)))).toThrow(
      expect.objectContaining({ code: 'LimitExceeded', message: 'Cannot exceed quota for ACLSizePerRole: 2048' }),
    );
  });
});
