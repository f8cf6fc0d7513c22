import { describe, expect, it } from 'vitest';
import { policyResourceTagKeys, requirePolicyArn } from './access.js';

describe('requirePolicyArn', () => {
  it('accepts customer and AWS managed policy ARNs, with paths', () => {
    expect(() => requirePolicyArn('arn:aws:iam::111122223333:policy/p')).not.toThrow();
    expect(() => requirePolicyArn('arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole')).not.toThrow();
  });

  it('refuses other ARNs with InvalidInput "ARN ... is not valid."', () => {
    for (const arn of [
      'arn:aws:iam::111122223333:role/r',
      'arn:aws:iam::aws:policy/arn:aws:iam::aws:policy/SecurityAudit',
      'arn:aws:s3:::bucket',
      'not-an-arn-at-all-xx',
    ]) {
      expect(() => requirePolicyArn(arn)).toThrow(expect.objectContaining({ code: 'InvalidInput', message: `ARN ${arn} is not valid.` }));
    }
  });
});

describe('policyResourceTagKeys', () => {
  it('sets only aws:ResourceTag/* (the policy resource type has no iam:ResourceTag)', () => {
    expect(policyResourceTagKeys([{ key: 'team', value: 'blue' }])).toEqual({ 'aws:ResourceTag/team': 'blue' });
  });
});
