// The two runners on hand-written scenarios of the new families: organization
// levels reach both engines (RCPFullAWSAccess on every RCP level), and sts: requests
// need the role's trust policy itself to allow, as AssumeRole does.

import { describe, expect, it } from 'vitest';
import { outcome } from './compare.js';
import type { PolicyJson, Scenario } from './scenario.js';

const allow = (Action: string, Resource = '*'): PolicyJson => ({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action, Resource }] });
const alice = 'arn:aws:iam::111111111111:user/alice';
const getObject: Scenario = {
  principal: alice,
  identity: [allow('s3:*')],
  action: 's3:GetObject',
  resource: 'arn:aws:s3:::bucket-a/k',
  resourceAccount: '111111111111',
  context: {},
};
const denyS3: PolicyJson = { Version: '2012-10-17', Statement: [{ Effect: 'Deny', Principal: '*', Action: 's3:*', Resource: '*' }] };
const trust = (Principal: unknown): PolicyJson => ({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal, Action: 'sts:AssumeRole' }] });
const assume: Scenario = {
  principal: alice,
  identity: [allow('sts:AssumeRole')],
  resourcePolicy: trust({ AWS: '222222222222' }),
  action: 'sts:AssumeRole',
  resource: 'arn:aws:iam::111111111111:role/Dev',
  resourceAccount: '111111111111',
  context: {},
};

describe('differential runners', () => {
  it('apply every SCP level: one level without an allow denies', async () => {
    expect(await outcome({ ...getObject, scp: [[allow('*')], [allow('s3:*')]] })).toEqual({ keyward: 'Allow', peer: 'Allow' });
    expect(await outcome({ ...getObject, scp: [[allow('*')], [allow('iam:*')]] })).toEqual({ keyward: 'ImplicitDeny', peer: 'ImplicitDeny' });
  });

  it('give every RCP level RCPFullAWSAccess, so custom RCPs only deny', async () => {
    expect(await outcome({ ...getObject, rcp: [[], []] })).toEqual({ keyward: 'Allow', peer: 'Allow' });
    expect(await outcome({ ...getObject, rcp: [[], [denyS3]] })).toEqual({ keyward: 'ExplicitDeny', peer: 'ExplicitDeny' });
  });

  it('need the trust policy to allow sts:AssumeRole even in the role account', async () => {
    expect(await outcome(assume)).toEqual({ keyward: 'ImplicitDeny', peer: 'ImplicitDeny' });
    expect(await outcome({ ...assume, resourcePolicy: trust({ AWS: '111111111111' }) })).toEqual({ keyward: 'Allow', peer: 'Allow' });
    expect(await outcome({ ...assume, identity: [allow('s3:*')], resourcePolicy: trust({ AWS: alice }) })).toEqual({ keyward: 'Allow', peer: 'Allow' });
    expect(await outcome({ ...assume, identity: [allow('s3:*')], resourcePolicy: trust({ AWS: '111111111111' }) })).toEqual({
      keyward: 'ImplicitDeny',
      peer: 'ImplicitDeny',
    });
  });

  it('need both sides across accounts', async () => {
    const bucketPolicy = (Principal: unknown): PolicyJson => ({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Principal, Action: 's3:GetObject', Resource: 'arn:aws:s3:::bucket-a/*' }],
    });
    const cross = { ...getObject, resourceAccount: '222222222222' };
    expect(await outcome({ ...cross, resourcePolicy: bucketPolicy({ AWS: '111111111111' }) })).toEqual({ keyward: 'Allow', peer: 'Allow' });
    expect(await outcome({ ...cross, identity: [allow('sqs:*')], resourcePolicy: bucketPolicy({ AWS: alice }) })).toEqual({
      keyward: 'ImplicitDeny',
      peer: 'ImplicitDeny',
    });
    expect(await outcome(cross)).toEqual({ keyward: 'ImplicitDeny', peer: 'ImplicitDeny' });
  });
});
