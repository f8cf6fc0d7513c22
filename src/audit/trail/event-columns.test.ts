// The columns LookupEvents filters on, read from built records: user name and resources.

import { describe, expect, it } from 'vitest';
import { buildApiCallRecord } from '../record/build-record.js';
import type { UserIdentity } from '../record/cloudtrail-record.js';
import { loadServiceModel } from '../../protocol/model/service-model.js';
import type { WireObject } from '../../protocol/wire-value.js';
import { resourcesOf, usernameOf } from './event-columns.js';

const ACCT = '111122223333';
function record(service: 'iam' | 'sts', action: string, identity: UserIdentity, input: WireObject, output?: WireObject) {
  return buildApiCallRecord(loadServiceModel(service), {
    service, action, identity, recipientAccountId: ACCT, time: new Date(0), region: 'us-east-1', sourceIp: '192.0.2.1', requestId: 'r', eventId: 'e', input,
    ...(output !== undefined && { output }),
  });
}
const alice: UserIdentity = { type: 'IAMUser', principalId: 'AIDA', arn: `arn:aws:iam::${ACCT}:user/alice`, accountId: ACCT, accessKeyId: 'AKIAALICE', userName: 'alice' };

describe('event columns', () => {
  it('names the IAM user and the resources a policy call touched', () => {
    const r = record('iam', 'PutUserPolicy', alice, { UserName: 'bob', PolicyName: 'p1', PolicyDocument: '{}' });
    expect(usernameOf(r)).toBe('alice');
    expect(resourcesOf(r)).toEqual([
      { type: 'AWS::IAM::User', name: 'bob' },
      { type: 'AWS::IAM::Policy', name: 'p1' },
    ]);
  });

  it('lists the access key a CreateAccessKey answer created', () => {
    const r = record('iam', 'CreateAccessKey', alice, { UserName: 'bob' }, {
      AccessKey: { UserName: 'bob', AccessKeyId: 'AKIANEWKEY', Status: 'Active', SecretAccessKey: 'secret', CreateDate: new Date(0) },
    });
    expect(resourcesOf(r)).toEqual([
      { type: 'AWS::IAM::User', name: 'bob' },
      { type: 'AWS::IAM::AccessKey', name: 'AKIANEWKEY' },
    ]);
  });

  it('gives a role session its session name, and AssumeRole its role, new key and session', () => {
    const session: UserIdentity = { type: 'AssumedRole', principalId: 'AROA:ci', arn: `arn:aws:sts::${ACCT}:assumed-role/Deploy/ci`, accountId: ACCT, accessKeyId: 'ASIAOLD' };
    const r = record('sts', 'AssumeRole', session, { RoleArn: `arn:aws:iam::${ACCT}:role/Admin`, RoleSessionName: 'next' }, {
      Credentials: { AccessKeyId: 'ASIANEW', SecretAccessKey: 's', SessionToken: 't', Expiration: new Date(0) },
    });
    expect(usernameOf(r)).toBe('ci');
    expect(resourcesOf(r)).toEqual(expect.arrayContaining([
      { type: 'AWS::IAM::Role', name: `arn:aws:iam::${ACCT}:role/Admin` },
      { type: 'AWS::IAM::AccessKey', name: 'ASIANEW' },
      { type: 'AWS::STS::AssumedRole', name: 'next' },
    ]));
  });

  it('names the federated user of GetFederationToken, not an EventBridge rule', () => {
    const r = record('sts', 'GetFederationToken', alice, { Name: 'fed' });
    expect(resourcesOf(r)).toContainEqual({ type: 'AWS::STS::FederatedUser', name: 'fed' });
    expect(resourcesOf(r).some((x) => x.type === 'AWS::Events::Rule')).toBe(false);
  });

  it('calls the root user root', () => {
    const root: UserIdentity = { type: 'Root', principalId: ACCT, arn: `arn:aws:iam::${ACCT}:root`, accountId: ACCT, accessKeyId: 'AKIAROOT' };
    expect(usernameOf(record('iam', 'ListUsers', root, {}))).toBe('root');
  });
});
