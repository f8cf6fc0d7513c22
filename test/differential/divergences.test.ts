// The divergence categories on minimal real disagreements (found by the fixed seed
// and shrunk): both engines run, and the category comes from the rewrite alone.

import { describe, expect, it } from 'vitest';
import { compare } from './compare.js';
import { classify, type Outcome } from './divergences.js';
import type { PolicyJson, Scenario } from './scenario.js';

const session = 'arn:aws:sts::111111111111:assumed-role/Admin/ops';
const bucketGrant = (Principal: unknown): PolicyJson => ({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Principal, Action: 's3:Get*', Resource: '*' }],
});
const sessionGrant: Scenario = {
  principal: session,
  identity: [],
  session: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'iam:*', Resource: '*' }] },
  resourcePolicy: bucketGrant({ AWS: '*' }),
  action: 's3:GetObject',
  resource: 'arn:aws:s3:::bucket-b/public/index.html',
  resourceAccount: '111111111111',
  context: {},
};

const queue = 'arn:aws:sqs:us-east-1:111111111111:alice-jobs';
const variableQueue: Scenario = {
  principal: 'arn:aws:sts::111111111111:assumed-role/Dev/s1',
  identity: [{ Version: '2012-10-17', Statement: [{ Effect: 'Deny', Action: 'sqs:*', Resource: 'arn:aws:sqs:us-east-1:111111111111:${aws:username}-*' }] }],
  resourcePolicy: {
    Version: '2012-10-17',
    Statement: [{ Effect: 'Allow', Principal: { AWS: 'arn:aws:sts::111111111111:assumed-role/Dev/s1' }, Action: 'sqs:*', Resource: queue }],
  },
  action: 'sqs:ReceiveMessage',
  resource: queue,
  resourceAccount: '111111111111',
  context: { 'aws:username': 'alice' },
};

describe('divergence categories', () => {
  it('a session policy does not limit a bucket policy granting to the session itself', async () => {
    expect(await compare(sessionGrant)).toEqual({ keyward: 'Allow', peer: 'ImplicitDeny', divergence: 'session-policy-limits-session-arn-grant' });
    expect(await compare({ ...sessionGrant, resourcePolicy: bucketGrant({ AWS: session }) })).toMatchObject({
      divergence: 'session-policy-limits-session-arn-grant',
    });
  });

  it('the same grant to the role is limited by the session policy in both engines', async () => {
    expect(await compare({ ...sessionGrant, resourcePolicy: bucketGrant({ AWS: 'arn:aws:iam::111111111111:role/Admin' }) })).toEqual({
      keyward: 'ImplicitDeny',
      peer: 'ImplicitDeny',
    });
  });

  it('a variable at the start of a queue name', async () => {
    expect(await compare(variableQueue)).toEqual({ keyward: 'ExplicitDeny', peer: 'Allow', divergence: 'variable-in-resource-id-without-type' });
  });

  it('explains nothing when no rewrite applies or the engines still disagree after it', async () => {
    const reruns: Scenario[] = [];
    const stillDisagree = async (s: Scenario): Promise<Outcome> => {
      reruns.push(s);
      return { keyward: 'Allow', peer: 'ImplicitDeny' };
    };
    const plain: Scenario = { ...sessionGrant, resourcePolicy: bucketGrant({ AWS: '111111111111' }) };
    expect(await classify(plain, stillDisagree)).toBeUndefined();
    expect(reruns).toEqual([]);
    expect(await classify(sessionGrant, stillDisagree)).toBeUndefined();
    expect(reruns).toHaveLength(1);
  });
});
