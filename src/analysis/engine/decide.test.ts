import { describe, expect, it } from 'vitest';
import { parsePolicy } from '../../policy/document/parse-policy.js';
import type { PolicyKind } from '../../policy/document/types.js';
import type { PolicyRef, PrincipalModel } from '../model/model.js';
import { adminCheck } from './admin.js';
import { decide } from './decide.js';
import { NO_ORG } from './organization.js';
import { principalSubject } from './subject.js';

const NOW = new Date('2026-06-01T00:00:00Z');

function ref(id: string, statements: unknown[], kind: PolicyKind = 'identity'): PolicyRef {
  const parsed = parsePolicy(JSON.stringify({ Version: '2012-10-17', Statement: statements }), { kind });
  if (!parsed.ok) throw new Error(parsed.message);
  return { id, document: parsed.document };
}

function alice(policies: PolicyRef[], extra: Partial<PrincipalModel> = {}): PrincipalModel {
  return { kind: 'user', arn: 'arn:aws:iam::111111111111:user/alice', name: 'alice', id: 'AIDAALICE', account: '111111111111', source: 'test', tags: { team: 'dev' }, groups: [], inline: policies, attached: [], instanceProfiles: [], activity: {}, ...extra };
}

const req = { action: 'iam:CreateAccessKey', resource: 'arn:aws:iam::111111111111:user/bob' };

describe('decide', () => {
  it('takes a condition the request sets as met and reports it', () => {
    const p = ref('p', [{ Sid: 'Office', Effect: 'Allow', Action: 'iam:*', Resource: '*', Condition: { IpAddress: { 'aws:SourceIp': '10.0.0.0/8' } } }]);
    expect(decide(principalSubject(alice([p]), NOW), req)).toEqual({
      allowed: true,
      needsMfa: false,
      conditions: [{ policy: 'p', statement: 'Office', effect: 'Allow', operator: 'IpAddress', key: 'aws:SourceIp', values: ['10.0.0.0/8'] }],
    });
  });

  it('reports a Deny the request could avoid, and keeps the allow', () => {
    const p = ref('p', [
      { Effect: 'Allow', Action: 'iam:*', Resource: '*' },
      { Effect: 'Deny', Action: 'iam:*', Resource: '*', Condition: { StringNotEquals: { 'aws:RequestedRegion': 'eu-west-1' } } },
    ]);
    const c = decide(principalSubject(alice([p]), NOW), req);
    expect(c.allowed).toBe(true);
    expect(c.conditions).toEqual([{ policy: 'p', statement: '1', effect: 'Deny', operator: 'StringNotEquals', key: 'aws:RequestedRegion', values: ['eu-west-1'] }]);
  });

  it('marks MFA as needed, for an Allow on MFA and for the deny-unless-MFA pattern', () => {
    const allowMfa = ref('a', [{ Effect: 'Allow', Action: 'iam:*', Resource: '*', Condition: { Bool: { 'aws:MultiFactorAuthPresent': 'true' } } }]);
    expect(decide(principalSubject(alice([allowMfa]), NOW), req)).toEqual({ allowed: true, needsMfa: true, conditions: [] });
    const forceMfa = ref('f', [
      { Effect: 'Allow', Action: 'iam:*', Resource: '*' },
      { Effect: 'Deny', NotAction: 'iam:ListMFADevices', Resource: '*', Condition: { BoolIfExists: { 'aws:MultiFactorAuthPresent': 'false' } } },
    ]);
    expect(decide(principalSubject(alice([forceMfa]), NOW), req)).toEqual({ allowed: true, needsMfa: true, conditions: [] });
    const plain = ref('x', [{ Effect: 'Allow', Action: 'iam:*', Resource: '*' }]);
    expect(decide(principalSubject(alice([plain]), NOW), req).needsMfa).toBe(false);
  });

  it("decides the principal's own keys: a tag it lacks, a date already past", () => {
    const tag = (team: string) => ref('t', [{ Effect: 'Allow', Action: 'iam:*', Resource: '*', Condition: { StringEquals: { 'aws:PrincipalTag/team': team } } }]);
    expect(decide(principalSubject(alice([tag('admins')]), NOW), req).allowed).toBe(false);
    expect(decide(principalSubject(alice([tag('dev')]), NOW), req).allowed).toBe(true);
    const until = (date: string) => ref('d', [{ Effect: 'Allow', Action: 'iam:*', Resource: '*', Condition: { DateLessThan: { 'aws:CurrentTime': date } } }]);
    expect(decide(principalSubject(alice([until('2020-01-01T00:00:00Z')]), NOW), req).allowed).toBe(false);
    expect(decide(principalSubject(alice([until('2030-01-01T00:00:00Z')]), NOW), req)).toEqual({ allowed: true, needsMfa: false, conditions: [] });
  });

  it('needs a trust policy to allow by itself when told so, as STS does', () => {
    const identity = ref('i', [{ Effect: 'Allow', Action: 'sts:AssumeRole', Resource: '*' }]);
    const trustsAccount = ref('trust', [{ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::111111111111:root' }, Action: 'sts:AssumeRole' }], 'trust');
    const trustsOther = ref('trust', [{ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::111111111111:user/bob' }, Action: 'sts:AssumeRole' }], 'trust');
    const spec = (trust: PolicyRef) => ({ action: 'sts:AssumeRole', resource: 'arn:aws:iam::111111111111:role/r', resourcePolicies: [trust], resourceMustAllow: true });
    expect(decide(principalSubject(alice([identity]), NOW), spec(trustsAccount)).allowed).toBe(true);
    expect(decide(principalSubject(alice([identity]), NOW), spec(trustsOther)).allowed).toBe(false);
  });
});

describe('adminCheck', () => {
  const admin = (policies: PolicyRef[], extra: Partial<PrincipalModel> = {}, scps: PolicyRef[] = []) => adminCheck(principalSubject(alice(policies, extra), NOW), { ...NO_ORG, scps }).allowed;
  const all = ref('all', [{ Effect: 'Allow', Action: '*', Resource: '*' }]);

  it('is the engine allowing anything on anything', () => {
    expect(admin([all])).toBe(true);
    expect(admin([ref('na', [{ Effect: 'Allow', NotAction: 's3:GetObject', Resource: '*' }])])).toBe(true);
  });

  it('is not a long list of services, nor everything but IAM, nor everything inside a boundary or an SCP', () => {
    expect(admin([ref('many', [{ Effect: 'Allow', Action: ['iam:*', 'sts:*', 'organizations:*', 's3:*', 'ec2:*', 'lambda:*', 'kms:*', 'secretsmanager:*', 'ssm:*', 'dynamodb:*', 'rds:*', 'cloudformation:*', 'cloudtrail:*', 'logs:*', 'sns:*', 'sqs:*', 'ecs:*', 'glue:*', 'sagemaker:*'], Resource: '*' }])])).toBe(false);
    expect(admin([ref('noiam', [{ Effect: 'Allow', NotAction: 'iam:*', Resource: '*' }])])).toBe(false);
    expect(admin([all], { boundary: ref('b', [{ Effect: 'Allow', Action: 's3:*', Resource: '*' }]) })).toBe(false);
    expect(admin([all], {}, [ref('scp', [{ Effect: 'Allow', Action: '*', Resource: '*' }, { Effect: 'Deny', Action: 'iam:*', Resource: '*' }], 'scp')])).toBe(false);
    expect(admin([all], {}, [ref('scp', [{ Effect: 'Allow', Action: '*', Resource: '*' }], 'scp')])).toBe(true);
  });
});
