import { describe, expect, it } from 'vitest';
import { externalAccessFindings } from './external-access.js';

const ACCOUNT = '111122223333';
const ARN = `arn:aws:access-analyzer:us-east-1:${ACCOUNT}:analyzer/x`;
const role = (name: string, statements: object[]) => ({
  id: name,
  name,
  path: '/',
  arn: `arn:aws:iam::${ACCOUNT}:role/${name}`,
  createDate: new Date(0),
  tags: [],
  trustPolicy: JSON.stringify({ Version: '2012-10-17', Statement: statements }),
});
const details = (roles: ReturnType<typeof role>[]) => externalAccessFindings(roles, ACCOUNT, ARN).map((f) => [f.resource.split('/')[1], f.details[0]?.externalAccessDetails]);

describe('externalAccessFindings', () => {
  it('reports other accounts, federated providers and anyone, not the own account or services', () => {
    const found = details([
      role('own', [{ Effect: 'Allow', Principal: { AWS: [`arn:aws:iam::${ACCOUNT}:root`, ACCOUNT] }, Action: 'sts:AssumeRole' }]),
      role('svc', [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }]),
      role('other', [{ Effect: 'Allow', Principal: { AWS: '444455556666' }, Action: 'sts:AssumeRole', Condition: { Bool: { 'aws:MultiFactorAuthPresent': 'true' } } }]),
      role('oidc', [{ Effect: 'Allow', Principal: { Federated: `arn:aws:iam::${ACCOUNT}:oidc-provider/token.actions.githubusercontent.com` }, Action: 'sts:AssumeRoleWithWebIdentity' }]),
      role('anyone', [{ Effect: 'Allow', Principal: { AWS: '*' }, Action: 'sts:*' }]),
    ]).sort();
    expect(found).toEqual([
      ['anyone', { action: ['sts:AssumeRole', 'sts:AssumeRoleWithSAML', 'sts:AssumeRoleWithWebIdentity'], condition: {}, isPublic: true, principal: { AWS: '*' } }],
      ['oidc', { action: ['sts:AssumeRoleWithWebIdentity'], condition: {}, isPublic: false, principal: { Federated: `arn:aws:iam::${ACCOUNT}:oidc-provider/token.actions.githubusercontent.com` } }],
      ['other', { action: ['sts:AssumeRole'], condition: { 'aws:MultiFactorAuthPresent': 'true' }, isPublic: false, principal: { AWS: '444455556666' } }],
    ]);
  });

  it('drops access an unconditional Deny takes back, and keeps what it does not', () => {
    const found = details([
      role('denied', [
        { Effect: 'Allow', Principal: { AWS: ['444455556666', '777788889999'] }, Action: 'sts:AssumeRole' },
        { Effect: 'Deny', Principal: { AWS: 'arn:aws:iam::444455556666:root' }, Action: 'sts:AssumeRole' },
      ]),
      role('conditional-deny', [
        { Effect: 'Allow', Principal: { AWS: '444455556666' }, Action: 'sts:AssumeRole' },
        { Effect: 'Deny', Principal: { AWS: '*' }, Action: 'sts:AssumeRole', Condition: { Bool: { 'aws:SecureTransport': 'false' } } },
      ]),
    ]);
    expect(found.map(([name, d]) => `${name} ${JSON.stringify((d as { principal: object }).principal)}`).sort()).toEqual([
      'conditional-deny {"AWS":"444455556666"}',
      'denied {"AWS":"777788889999"}',
    ]);
  });

  it('gives the same ids for the same access, whatever the order of roles', () => {
    const roles = [role('a', [{ Effect: 'Allow', Principal: { AWS: '444455556666' }, Action: 'sts:AssumeRole' }]), role('b', [{ Effect: 'Allow', Principal: { AWS: '*' }, Action: 'sts:AssumeRole' }])];
    expect(externalAccessFindings(roles, ACCOUNT, ARN)).toEqual(externalAccessFindings([...roles].reverse(), ACCOUNT, ARN));
  });
});
