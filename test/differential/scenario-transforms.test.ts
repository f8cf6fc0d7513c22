// The rewrites behind the counterfactual divergence predicates: each must change
// exactly the feature it names and nothing else.

import { describe, expect, it } from 'vitest';
import type { Scenario } from './scenario.js';
import {
  arnConditionValues,
  lowerArnPrefix,
  mapResourcePatterns,
  resourcePatterns,
  sameFamilyNotIpAddress,
  substitutePresentVariables,
  unresolvedVariables,
} from './scenario-transforms.js';

const base: Scenario = {
  principal: 'arn:aws:iam::111111111111:user/alice',
  identity: [
    {
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Deny',
          Action: 's3:*',
          NotResource: ['arn:AWS:S3:::Bucket-A/Key', 'arn:aws:s3:::${aws:PrincipalTag/team}-*'],
          Condition: { NotIpAddress: { 'aws:SourceIp': ['10.0.0.0/8', '2001:db8::/32'] }, ArnLike: { 'aws:PrincipalArn': 'arn:aws:IAM::1:user/*' } },
        },
      ],
    },
  ],
  action: 's3:GetObject',
  resource: 'arn:aws:s3:::bucket-a/x',
  resourceAccount: '111111111111',
  context: { 'aws:SourceIp': '2001:db8::1', 'aws:username': 'alice' },
};

describe('scenario rewrites', () => {
  it('lower-cases only the partition, service, region and account of an ARN', () => {
    expect(lowerArnPrefix('arn:AWS:S3:US-EAST-1:Acct:Bucket/Key')).toBe('arn:aws:s3:us-east-1:acct:Bucket/Key');
    expect(lowerArnPrefix('*')).toBe('*');
    expect(lowerArnPrefix('arn:aws:S3')).toBe('arn:aws:S3');
  });

  it('maps Resource and NotResource patterns, or only the elements asked for', () => {
    expect(resourcePatterns(base)).toEqual(['arn:AWS:S3:::Bucket-A/Key', 'arn:aws:s3:::${aws:PrincipalTag/team}-*']);
    expect(resourcePatterns(base, ['Resource'])).toEqual([]);
    const upper = mapResourcePatterns(base, (p) => p.toUpperCase());
    expect(resourcePatterns(upper)[0]).toBe('ARN:AWS:S3:::BUCKET-A/KEY');
    expect(arnConditionValues(base)).toEqual(['arn:aws:IAM::1:user/*']);
  });

  it('finds variables the context cannot resolve and substitutes those it can', () => {
    expect(unresolvedVariables('x-${aws:PrincipalTag/team}-${aws:username}', base.context)).toEqual(['aws:PrincipalTag/team']);
    expect(substitutePresentVariables('${AWS:UserName}/${aws:PrincipalTag/team}', base.context)).toBe('alice/${aws:PrincipalTag/team}');
  });

  it('keeps only same-family NotIpAddress ranges, or one that excludes the address', () => {
    const rewritten = sameFamilyNotIpAddress(base);
    const condition = rewritten.identity[0]!.Statement[0]!['Condition'] as Record<string, Record<string, string[]>>;
    expect(condition['NotIpAddress']!['aws:SourceIp']).toEqual(['2001:db8::/32']);
    const v4 = sameFamilyNotIpAddress({ ...base, identity: [{ Version: '2012-10-17', Statement: [{ ...base.identity[0]!.Statement[0]!, Condition: { NotIpAddress: { 'aws:SourceIp': '10.0.0.0/8' } } }] }] });
    const c4 = v4.identity[0]!.Statement[0]!['Condition'] as Record<string, Record<string, string[]>>;
    expect(c4['NotIpAddress']!['aws:SourceIp']).toEqual(['2001:db9::/32']);
  });
});
