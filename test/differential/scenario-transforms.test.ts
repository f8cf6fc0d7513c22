// The rewrites behind the counterfactual divergence predicates: each must change
// exactly the feature it names and nothing else.

import { describe, expect, it } from 'vitest';
import type { Scenario } from './scenario.js';
import {
  arnConditionValues,
  lowerArnPrefix,
  mapResourcePatterns,
  resourcePatterns,
  roleOfSession,
  sameFamilyNotIpAddress,
  sessionGrantsToRole,
  substitutePresentVariables,
  unresolvedVariables,
  variableHidesResourceType,
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

  it('finds a policy variable that hides the resource type of an ARN', () => {
    expect(variableHidesResourceType('arn:aws:sqs:us-east-1:111111111111:${aws:username}-*')).toBe(true);
    expect(variableHidesResourceType('arn:aws:iam::111111111111:user/${aws:username}')).toBe(false);
    expect(variableHidesResourceType('arn:aws:s3:::${aws:PrincipalTag/team}-*')).toBe(true);
    expect(variableHidesResourceType('arn:aws:s3:::bucket-a/*')).toBe(false);
  });

  it('turns resource-policy grants to the session itself into grants to its role', () => {
    const session = 'arn:aws:sts::111111111111:assumed-role/Dev/s1';
    expect(roleOfSession(session)).toBe('arn:aws:iam::111111111111:role/Dev');
    expect(roleOfSession('arn:aws:iam::111111111111:user/alice')).toBeUndefined();
    const allow = (Principal: unknown): Scenario['identity'][number]['Statement'][number] => ({ Effect: 'Allow', Principal, Action: 's3:*', Resource: '*' });
    const scenario: Scenario = {
      ...base,
      principal: session,
      session: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'iam:*', Resource: '*' }] },
      resourcePolicy: {
        Version: '2012-10-17',
        Statement: [allow('*'), allow({ AWS: [session, '222222222222'] }), allow({ AWS: '111111111111' }), { ...allow('*'), Effect: 'Deny' }],
      },
    };
    const rewritten = sessionGrantsToRole(scenario);
    expect(rewritten?.resourcePolicy?.Statement.map((st) => st['Principal'])).toEqual([
      { AWS: 'arn:aws:iam::111111111111:role/Dev' },
      { AWS: 'arn:aws:iam::111111111111:role/Dev' },
      { AWS: '111111111111' },
      '*',
    ]);
    // Only with a session policy, in the resource's account, and only when a grant names the session.
    const { session: _dropped, ...withoutSession } = scenario;
    expect(sessionGrantsToRole(withoutSession)).toBeUndefined();
    expect(sessionGrantsToRole({ ...scenario, resourceAccount: '222222222222' })).toBeUndefined();
    expect(sessionGrantsToRole({ ...scenario, resourcePolicy: { Version: '2012-10-17', Statement: [allow({ AWS: '111111111111' })] } })).toBeUndefined();
  });
});
