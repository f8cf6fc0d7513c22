import { describe, expect, it } from 'vitest';
import type { Caller } from '../../../auth/caller.js';
import type { Role } from '../../../domain/entities.js';
import { serviceAccessEvent } from './record.js';

const ACCT = '111122223333';
const call = { service: 'iam', action: 'GetUser', region: 'eu-west-1', date: new Date('2024-01-02T03:04:05Z') };
const role: Role = {
  accountId: ACCT,
  id: 'AROAEXAMPLEEXAMPLE01',
  name: 'ops',
  path: '/team/',
  arn: `arn:aws:iam::${ACCT}:role/team/ops`,
  createDate: new Date(0),
  assumeRolePolicyDocument: '{}',
  maxSessionDuration: 3600,
  tags: [],
};
const base = { accountId: ACCT, userId: 'x', accessKeyId: 'AKIAEXAMPLE' };

describe('serviceAccessEvent', () => {
  it('attributes an IAM user call to the user', () => {
    const arn = `arn:aws:iam::${ACCT}:user/alice`;
    const caller: Caller = { ...base, principal: { type: 'User', arn, account: ACCT } };
    expect(serviceAccessEvent(caller, call)).toEqual({
      accountId: ACCT,
      principalArn: arn,
      serviceNamespace: 'iam',
      actionName: 'GetUser',
      region: 'eu-west-1',
      date: call.date,
      authenticatedEntity: arn,
    });
  });

  it('attributes a role session call to the role, keeping the session as the exact caller', () => {
    const session = `arn:aws:sts::${ACCT}:assumed-role/ops/s1`;
    const caller: Caller = { ...base, principal: { type: 'AssumedRole', arn: session, account: ACCT, roleArn: role.arn }, role };
    expect(serviceAccessEvent(caller, call)).toMatchObject({ principalArn: role.arn, authenticatedEntity: session });
  });

  it('records nothing for the root user, federated users and sessions of a deleted role', () => {
    const rootCaller: Caller = { ...base, principal: { type: 'Root', arn: `arn:aws:iam::${ACCT}:root`, account: ACCT } };
    const fed: Caller = { ...base, principal: { type: 'FederatedUser', arn: `arn:aws:sts::${ACCT}:federated-user/f`, account: ACCT } };
    const orphan: Caller = {
      ...base,
      principal: { type: 'AssumedRole', arn: `arn:aws:sts::${ACCT}:assumed-role/ops/s1`, account: ACCT, roleArn: role.arn },
    };
    expect(serviceAccessEvent(rootCaller, call)).toBeUndefined();
    expect(serviceAccessEvent(fed, call)).toBeUndefined();
    expect(serviceAccessEvent(orphan, call)).toBeUndefined();
  });
});
