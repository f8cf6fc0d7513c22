import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parsePolicy } from '../document/parse-policy.js';
import type { PolicyDocument, PolicyKind } from '../document/types.js';
import { compileWildcard } from '../match/wildcard.js';
import { checkAccessNotGranted, checkNoNewAccess, checkNoPublicAccess } from './custom-checks.js';

function doc(statements: object[], kind: PolicyKind = 'identity'): PolicyDocument {
  const parsed = parsePolicy(JSON.stringify({ Version: '2012-10-17', Statement: statements }), { kind });
  if (!parsed.ok) throw new Error(parsed.message);
  return parsed.document;
}

const allow = (action: string | string[], resource: string | string[], extra: object = {}): object => ({ Effect: 'Allow', Action: action, Resource: resource, ...extra });
const deny = (action: string | string[], resource: string | string[], extra: object = {}): object => ({ Effect: 'Deny', Action: action, Resource: resource, ...extra });
const noNew = (next: object[], existing: object[]) => checkNoNewAccess({ newPolicy: doc(next), existingPolicy: doc(existing), principals: false });

describe('CheckNoNewAccess', () => {
  it('s3:Get* is new access over s3:GetObject*, with an example outside it; the reverse is not', () => {
    const wide = noNew([allow('s3:Get*', '*')], [allow('s3:GetObject*', '*')]);
    expect(wide.result).toBe('FAIL');
    expect(wide.reasons).toHaveLength(1);
    expect(wide.reasons[0]).toMatchObject({ description: 'New access in the statement with index: 0.', statementIndex: 0 });
    const action = wide.reasons[0]?.example?.action ?? '';
    expect(compileWildcard('s3:get*', { ignoreCase: true })(action)).toBe(true);
    expect(compileWildcard('s3:getobject*', { ignoreCase: true })(action)).toBe(false);
    expect(noNew([allow('s3:GetObject*', '*')], [allow('s3:Get*', '*')]).result).toBe('PASS');
  });

  it('arn:aws:s3:::b/* is new access over arn:aws:s3:::b/a*; b/a* is not over b/*', () => {
    const r = noNew([allow('s3:GetObject', 'arn:aws:s3:::b/*')], [allow('s3:GetObject', 'arn:aws:s3:::b/a*')]);
    expect(r.result).toBe('FAIL');
    expect(r.reasons[0]?.example?.resource).toBe('arn:aws:s3:::b/');
    expect(noNew([allow('s3:GetObject', 'arn:aws:s3:::b/a*')], [allow('s3:GetObject', 'arn:aws:s3:::b/*')]).result).toBe('PASS');
  });

  it('names the statement by sid and only the statements that add access', () => {
    const r = noNew([allow('s3:GetObject', '*', { Sid: 'Same' }), allow('sqs:SendMessage', '*', { Sid: 'Queue' })], [allow('s3:GetObject', '*')]);
    expect(r.reasons.map((x) => [x.statementIndex, x.statementId, x.description])).toEqual([[1, 'Queue', 'New access in the statement with sid: Queue.']]);
  });

  it('a condition that narrows is no new access; dropping or widening it is', () => {
    const cond = (v: string[]) => ({ Condition: { StringEquals: { 'aws:PrincipalTag/team': v } } });
    expect(noNew([allow('s3:GetObject', '*', cond(['a']))], [allow('s3:GetObject', '*', cond(['a', 'b']))]).result).toBe('PASS');
    expect(noNew([allow('s3:GetObject', '*', cond(['a', 'c']))], [allow('s3:GetObject', '*', cond(['a', 'b']))]).result).toBe('FAIL');
    expect(noNew([allow('s3:GetObject', '*')], [allow('s3:GetObject', '*', cond(['a']))]).result).toBe('FAIL');
    expect(noNew([allow('s3:GetObject', '*', { Condition: { IpAddress: { 'aws:SourceIp': '203.0.113.0/25' } } })], [allow('s3:GetObject', '*', { Condition: { IpAddress: { 'aws:SourceIp': '203.0.113.0/24' } } })]).result).toBe('PASS');
    expect(noNew([allow('s3:GetObject', '*', { Condition: { NumericLessThan: { 'aws:MultiFactorAuthAge': '600' } } })], [allow('s3:GetObject', '*', { Condition: { NumericLessThan: { 'aws:MultiFactorAuthAge': '3600' } } })]).result).toBe('PASS');
  });

  it('reasons about NotAction and NotResource', () => {
    expect(noNew([{ Effect: 'Allow', NotAction: 'iam:*', Resource: '*' }], [allow('*', '*')]).result).toBe('PASS');
    expect(noNew([allow('*', '*')], [{ Effect: 'Allow', NotAction: 'iam:*', Resource: '*' }]).result).toBe('FAIL');
    const r = noNew([{ Effect: 'Allow', NotAction: 'iam:*', Resource: '*' }], [{ Effect: 'Allow', NotAction: ['iam:*', 's3:*'], Resource: '*' }]);
    expect(r.result).toBe('FAIL');
    expect(r.reasons[0]?.example?.action.startsWith('s3:')).toBe(true);
    expect(noNew([{ Effect: 'Allow', Action: 's3:GetObject', NotResource: 'arn:aws:s3:::secret/*' }], [allow('s3:GetObject', '*')]).result).toBe('PASS');
    expect(noNew([allow('s3:GetObject', '*')], [{ Effect: 'Allow', Action: 's3:GetObject', NotResource: 'arn:aws:s3:::secret/*' }]).reasons[0]?.example?.resource).toBe('arn:aws:s3:::secret/');
  });

  it('counts Deny statements: a new deny removes access, an existing deny must stay', () => {
    expect(noNew([allow('s3:*', '*'), deny('s3:Delete*', '*')], [allow('s3:*', '*')]).result).toBe('PASS');
    expect(noNew([allow('s3:*', '*')], [allow('s3:*', '*'), deny('s3:Delete*', '*')]).result).toBe('FAIL');
    const kept = deny('s3:Delete*', '*', { Condition: { Bool: { 'aws:MultiFactorAuthPresent': 'false' } } });
    expect(noNew([allow('s3:*', '*'), kept], [allow('s3:*', '*'), kept]).result).toBe('PASS');
  });

  it('compares principals for resource policies', () => {
    const rp = (principal: object) => doc([{ Effect: 'Allow', Principal: principal, Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*' }], 'resource');
    expect(checkNoNewAccess({ newPolicy: rp({ AWS: 'arn:aws:iam::111122223333:role/r' }), existingPolicy: rp({ AWS: '111122223333' }), principals: true }).result).toBe('PASS');
    const r = checkNoNewAccess({ newPolicy: rp({ AWS: ['111122223333', '444455556666'] }), existingPolicy: rp({ AWS: '111122223333' }), principals: true });
    expect(r.result).toBe('FAIL');
    expect(r.reasons[0]?.example?.principal).toContain('444455556666');
  });

  // A random request allowed by the new policy and not by the old one must make the check FAIL;
  // and whenever the check passes, no sampled request is allowed by new and refused by old.
  it('agrees with brute force on random single-condition-free policies', () => {
    const actionPat = fc.constantFrom('s3:Get*', 's3:GetObject*', 's3:GetObject', 's3:*', 's3:Put*', '*', 's3:G?tObject');
    const resourcePat = fc.constantFrom('*', 'arn:aws:s3:::b/*', 'arn:aws:s3:::b/a*', 'arn:aws:s3:::b/a', 'arn:aws:s3:::c/*', 'arn:aws:s3:::b/?');
    const stmt = fc.record({ Effect: fc.constantFrom('Allow', 'Allow', 'Deny'), Action: fc.array(actionPat, { minLength: 1, maxLength: 2 }), Resource: fc.array(resourcePat, { minLength: 1, maxLength: 2 }) });
    const policy = fc.array(stmt, { minLength: 1, maxLength: 3 });
    const requestActions = ['s3:GetObject', 's3:GetObjectAcl', 's3:GetBucketPolicy', 's3:PutObject', 's3:GatObject', 'iam:PassRole'];
    const requestResources = ['arn:aws:s3:::b/a', 'arn:aws:s3:::b/ab', 'arn:aws:s3:::b/x', 'arn:aws:s3:::b/', 'arn:aws:s3:::c/x', 'arn:aws:s3:::d'];
    const allows = (p: { Effect: string; Action: string[]; Resource: string[] }[], a: string, r: string): boolean => {
      const m = (s: { Action: string[]; Resource: string[] }) => s.Action.some((x) => compileWildcard(x, { ignoreCase: true })(a)) && s.Resource.some((x) => compileWildcard(x, { ignoreCase: false })(r));
      return p.some((s) => s.Effect === 'Allow' && m(s)) && !p.some((s) => s.Effect === 'Deny' && m(s));
    };
    fc.assert(
      fc.property(policy, policy, (next, existing) => {
        const result = noNew(next, existing);
        const witnessed = requestActions.some((a) => requestResources.some((r) => allows(next, a, r) && !allows(existing, a, r)));
        if (witnessed) expect(result.result).toBe('FAIL');
        for (const reason of result.reasons) {
          const ex = reason.example;
          expect(ex).toBeDefined();
          if (ex !== undefined) expect(allows(next, ex.action, ex.resource) && !allows(existing, ex.action, ex.resource)).toBe(true);
        }
        if (result.result === 'FAIL') expect(result.reasons.length).toBeGreaterThan(0);
      }),
      { numRuns: Number(process.env.FC_RUNS ?? 400) },
    );
  });
});

describe('CheckAccessNotGranted', () => {
  const policy = doc([allow(['s3:GetObject', 's3:ListBucket'], 'arn:aws:s3:::b/*', { Sid: 'Read' }), deny('s3:GetObject', 'arn:aws:s3:::b/secret/*')]);
  it('fails when a listed action is granted, naming the statement', () => {
    const r = checkAccessNotGranted({ policy, actions: ['s3:GetObject'], resources: [], principals: false });
    expect(r.result).toBe('FAIL');
    expect(r.reasons[0]).toMatchObject({ statementIndex: 0, statementId: 'Read', description: 'One or more of the listed actions or resources in the statement with sid: Read.' });
  });
  it('passes for actions or resources the policy does not grant, and for ones a deny removes', () => {
    expect(checkAccessNotGranted({ policy, actions: ['s3:PutObject', 's3:DeleteObject'], resources: [], principals: false }).result).toBe('PASS');
    expect(checkAccessNotGranted({ policy, actions: [], resources: ['arn:aws:s3:::other/*'], principals: false }).result).toBe('PASS');
    expect(checkAccessNotGranted({ policy, actions: ['s3:GetObject'], resources: ['arn:aws:s3:::b/secret/*'], principals: false }).result).toBe('PASS');
    expect(checkAccessNotGranted({ policy, actions: ['s3:ListBucket'], resources: ['arn:aws:s3:::b/secret/*'], principals: false }).result).toBe('FAIL');
  });
});

describe('CheckNoPublicAccess', () => {
  const bucket = (statement: object) => doc([{ Sid: 'Bob', Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*', ...statement }], 'resource');
  it('fails for Principal "*" without restricting conditions', () => {
    const r = checkNoPublicAccess({ policy: bucket({ Principal: '*' }) });
    expect(r).toMatchObject({ result: 'FAIL', message: 'The resource policy grants public access for the given resource type.' });
    expect(r.reasons[0]).toMatchObject({ description: 'Public access granted in the following statement with sid: Bob.', statementIndex: 0, statementId: 'Bob' });
  });
  it('passes for named accounts, organization conditions and services', () => {
    expect(checkNoPublicAccess({ policy: bucket({ Principal: { AWS: '111122223333' } }) }).result).toBe('PASS');
    expect(checkNoPublicAccess({ policy: bucket({ Principal: '*', Condition: { StringEquals: { 'aws:PrincipalOrgID': 'o-abc' } } }) }).result).toBe('PASS');
    expect(checkNoPublicAccess({ policy: bucket({ Principal: { Service: 'cloudtrail.amazonaws.com' } }) }).result).toBe('PASS');
    expect(checkNoPublicAccess({ policy: bucket({ Principal: '*', Condition: { StringLike: { 'aws:PrincipalOrgID': '*' } } }) }).result).toBe('FAIL');
  });
});
