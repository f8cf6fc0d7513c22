// LookupEvents' per-event fields and its NextToken.

import { describe, expect, it } from 'vitest';
import { buildApiCallRecord } from '../../audit/record/build-record.js';
import type { UserIdentity } from '../../audit/record/cloudtrail-record.js';
import { loadServiceModel } from '../../protocol/model/service-model.js';
import type { WireObject } from '../../protocol/wire-value.js';
import { lookupFieldsOf } from './lookup-fields.js';
import { openNextToken, queryFingerprint, sealNextToken } from './next-token.js';

const ACCT = '111122223333';
function record(service: 'iam' | 'sts', action: string, identity: UserIdentity, input: WireObject, output?: WireObject) {
  return buildApiCallRecord(loadServiceModel(service), {
    service, action, identity, recipientAccountId: ACCT, time: new Date(0), region: 'us-east-1', sourceIp: '192.0.2.1', requestId: 'r', eventId: 'e', input,
    ...(output !== undefined && { output }),
  });
}

describe('lookupFieldsOf', () => {
  it('names the IAM user, its key and the resources a policy call touched', () => {
    const alice: UserIdentity = { type: 'IAMUser', principalId: 'AIDA', arn: `arn:aws:iam::${ACCT}:user/alice`, accountId: ACCT, accessKeyId: 'AKIAALICE', userName: 'alice' };
    expect(lookupFieldsOf(record('iam', 'PutUserPolicy', alice, { UserName: 'bob', PolicyName: 'p1', PolicyDocument: '{}' }))).toEqual({
      username: 'alice',
      accessKeyId: 'AKIAALICE',
      resources: [
        { ResourceType: 'AWS::IAM::User', ResourceName: 'bob' },
        { ResourceType: 'AWS::IAM::Policy', ResourceName: 'p1' },
      ],
    });
  });

  it('gives a role session its session name, and AssumeRole its role, session and new key', () => {
    const session: UserIdentity = { type: 'AssumedRole', principalId: 'AROA:ci', arn: `arn:aws:sts::${ACCT}:assumed-role/Deploy/ci`, accountId: ACCT, accessKeyId: 'ASIAOLD' };
    const fields = lookupFieldsOf(record('sts', 'AssumeRole', session, { RoleArn: `arn:aws:iam::${ACCT}:role/Admin`, RoleSessionName: 'next' }, {
      Credentials: { AccessKeyId: 'ASIANEW', SecretAccessKey: 's', SessionToken: 't', Expiration: new Date(0) },
    }));
    expect(fields.username).toBe('ci');
    expect(fields.resources).toEqual([
      { ResourceType: 'AWS::IAM::Role', ResourceName: `arn:aws:iam::${ACCT}:role/Admin` },
      { ResourceType: 'AWS::IAM::AccessKey', ResourceName: 'ASIANEW' },
      { ResourceType: 'AWS::STS::AssumedRole', ResourceName: 'next' },
    ]);
  });

  it('calls the root user root', () => {
    const root: UserIdentity = { type: 'Root', principalId: ACCT, arn: `arn:aws:iam::${ACCT}:root`, accountId: ACCT, accessKeyId: 'AKIAROOT' };
    expect(lookupFieldsOf(record('iam', 'ListUsers', root, {})).username).toBe('root');
  });
});

describe('NextToken', () => {
  const key = Buffer.alloc(32, 1);
  const print = queryFingerprint({ StartTime: 1, LookupAttributes: [{ AttributeKey: 'Username', AttributeValue: 'alice' }] });
  it('opens for the same query and key only', () => {
    const token = sealNextToken(key, { time: 1234, eventId: 'abc' }, print);
    expect(openNextToken(key, token, print)).toEqual({ time: 1234, eventId: 'abc' });
    expect(openNextToken(key, token, queryFingerprint({ StartTime: 2 }))).toBeUndefined();
    expect(openNextToken(Buffer.alloc(32, 2), token, print)).toBeUndefined();
    expect(openNextToken(key, `${token}x`, print)).toBeUndefined();
    expect(openNextToken(key, 'not-a-token', print)).toBeUndefined();
  });
  it('fingerprints queries independently of key order', () => {
    expect(queryFingerprint({ a: 1, b: 2 })).toBe(queryFingerprint({ b: 2, a: 1 }));
  });
});
