import { describe, it, expect } from 'vitest';
import { actionPatternMatches, patternActionFault, trustActionFault, vendorActionFault } from './action.js';

describe('vendorActionFault (identity policies)', () => {
  it.each(['*', 's3:GetObject', 's3:*', 'ec2:Describe*', 'iam:Get?ser', 's3-s:List', 'a.b:c', 'iam: free text ', '*:Get*'])(
    'accepts %j',
    (action) => expect(vendorActionFault(action)).toBeUndefined(),
  );

  it('names the fault the way IAM does', () => {
    expect(vendorActionFault('GetObject')).toEqual({ code: 'action-no-vendor' });
    expect(vendorActionFault('')).toEqual({ code: 'action-no-vendor' });
    expect(vendorActionFault('s3:List:Bucket')).toEqual({ code: 'action-colons' });
    expect(vendorActionFault('a a:ListBucket')).toEqual({ code: 'action-vendor', args: { value: 'a a' } });
    expect(vendorActionFault('s3_x:Get')).toEqual({ code: 'action-vendor', args: { value: 's3_x' } });
  });
});

describe('patternActionFault (resource policies)', () => {
  it('accepts * and vendor:pattern, rejects the rest', () => {
    expect(patternActionFault('*')).toBeUndefined();
    expect(patternActionFault('sqs:Send*')).toBeUndefined();
    for (const bad of ['sqs', 'sqs:', ':Send', 'a:b:c', 'a b:c', '']) {
      expect(patternActionFault(bad)).toEqual({ code: 'action-invalid' });
    }
  });
});

describe('trustActionFault (role trust policies)', () => {
  it.each(['sts:AssumeRole', 'STS:assumerole', 'sts:AssumeRoleWithSAML', 'sts:AssumeRoleWithWebIdentity', 'sts:TagSession', 'sts:SetSourceIdentity', 'sts:SetContext', 'sts:*', 'sts:AssumeRole*', 'sts:Assume?ole'])(
    'accepts %j',
    (action) => expect(trustActionFault(action)).toBeUndefined(),
  );

  it.each(['*', 's3:GetObject', 'sts:GetCallerIdentity', 'sts:GetSessionToken', 'sts:Get*', 'iam:PassRole'])('rejects %j', (action) => {
    expect(trustActionFault(action)).toEqual({ code: 'action-not-sts' });
  });
});

describe('actionPatternMatches', () => {
  it('matches * and ? case-insensitively over the whole name', () => {
    expect(actionPatternMatches('s3:Get*', 'S3:GETOBJECT')).toBe(true);
    expect(actionPatternMatches('s3:*Object', 's3:GetObject')).toBe(true);
    expect(actionPatternMatches('s3:Get?bject', 's3:GetObject')).toBe(true);
    expect(actionPatternMatches('s3:Get', 's3:GetObject')).toBe(false);
    expect(actionPatternMatches('s3:Get?', 's3:Get')).toBe(false);
    expect(actionPatternMatches('*a*a*a*b', 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa')).toBe(false);
  });
});
