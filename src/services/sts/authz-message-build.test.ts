import { describe, expect, it } from 'vitest';
import type { Caller } from '../../auth/caller.js';
import { authorize, compilePolicy, contextKeys, parsePolicy, type CompiledPolicy, type PolicyKind, type PolicySet } from '../../policy/index.js';
import { authorizationMessage } from './authz-message-build.js';

const ACCT = '111122223333';
const roleArn = `arn:aws:iam::${ACCT}:role/ops`;

function compiled(id: string, kind: PolicyKind, statements: object[]): CompiledPolicy {
  const parsed = parsePolicy(JSON.stringify({ Version: '2012-10-17', Statement: statements }), { kind });
  if (!parsed.ok) throw new Error(parsed.message);
  return compilePolicy(parsed.document, { id, type: kind === 'trust' ? 'resource' : 'identity' });
}

const session: Caller = {
  accountId: ACCT,
  principal: { type: 'AssumedRole', arn: `arn:aws:sts::${ACCT}:assumed-role/ops/job`, account: ACCT, roleArn },
  userId: 'AROAEXAMPLEROLEID0001:job',
  accessKeyId: 'ASIAEXAMPLE',
};

describe('authorizationMessage', () => {
  it('describes a denial the engine did not make itself: a trust policy that must allow on its own', () => {
    const identity = compiled('role/ops/p', 'identity', [{ Sid: 'Any', Effect: 'Allow', Action: 'sts:AssumeRole', Resource: '*' }]);
    const trust = compiled(roleArn, 'trust', [
      { Sid: 'OnlyTagged', Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${ACCT}:root` }, Action: 'sts:AssumeRole', Condition: { StringEquals: { 'aws:PrincipalTag/team': 'ops' } } },
    ]);
    const policies: PolicySet = { identity: [identity], resource: [trust] };
    const keys = { 'aws:PrincipalArn': session.principal.arn };
    const request = { principal: session.principal, action: 'sts:AssumeRole', resource: roleArn, keys: contextKeys(keys) };
    const decision = authorize(request, policies);
    expect(decision.decision).toBe('Allow');

    const message = authorizationMessage({ caller: session, request, keys, policies, decision: { ...decision, decision: 'ImplicitDeny', deniedBy: 'resource' } });
    expect(message).toMatchObject({
      allowed: false,
      explicitDeny: false,
      matchedStatements: { items: [] },
      context: {
        principal: { id: 'AROAEXAMPLEROLEID0001:job', arn: session.principal.arn },
        action: 'sts:AssumeRole',
        resource: roleArn,
        conditions: { items: [{ key: 'aws:PrincipalArn', values: { items: [{ value: session.principal.arn }] } }] },
      },
      keyward: { decision: 'ImplicitDeny', deniedBy: 'resource', missingContextKeys: ['aws:PrincipalTag/team'] },
    });
    expect(message.context.principal).not.toHaveProperty('name');
    expect(message.keyward.statements).toEqual([
      expect.objectContaining({ sid: 'Any', matched: true, reason: 'matches the request and allows it' }),
      expect.objectContaining({
        sid: 'OnlyTagged',
        matched: false,
        mismatch: 'condition',
        reason: 'condition StringEquals aws:PrincipalTag/team ["ops"] is not met: the request has no such key',
      }),
    ]);
  });

  it('lists the matching denies in AWS’s statement shape, with the role id as the principal', () => {
    const identity = compiled('role/ops/p', 'identity', [
      { Effect: 'Deny', NotAction: 'iam:Get*', Resource: 'arn:aws:iam::*:user/*', Condition: { Bool: { 'aws:SecureTransport': 'false' } } },
    ]);
    const keys = { 'aws:SecureTransport': 'false' };
    const resource = `arn:aws:iam::${ACCT}:user/bob`;
    const request = { principal: session.principal, action: 'iam:DeleteUser', resource, keys: contextKeys(keys) };
    const policies: PolicySet = { identity: [identity] };
    const message = authorizationMessage({ caller: session, request, keys, policies, decision: authorize(request, policies) });
    expect(message.explicitDeny).toBe(true);
    expect(message.matchedStatements.items).toEqual([
      {
        statementId: '',
        effect: 'DENY',
        principals: { items: [{ value: 'AROAEXAMPLEROLEID0001' }] },
        principalGroups: { items: [] },
        actions: { items: [] },
        resources: { items: [{ value: 'arn:aws:iam::*:user/*' }] },
        notActions: { items: [{ value: 'iam:Get*' }] },
        conditions: { items: [{ key: 'aws:SecureTransport', values: { items: [{ value: 'false' }] } }] },
      },
    ]);
  });
});
