// The reproducer shrinker: it must keep the disagreement and drop everything else.

import { describe, expect, it } from 'vitest';
import { minimizeScenario } from './minimize-scenario.js';
import type { Scenario } from './scenario.js';

const noisy: Scenario = {
  principal: 'arn:aws:iam::111111111111:user/alice',
  identity: [
    { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ['s3:GetObject', 's3:PutObject'], Resource: ['*', 'arn:aws:s3:::b/*'] }] },
    {
      Version: '2012-10-17',
      Statement: [
        { Effect: 'Deny', Action: 'iam:*', Resource: '*', Condition: { Bool: { 'aws:SecureTransport': 'false' }, StringEquals: { 'aws:username': ['a', 'b'] } } },
        { Effect: 'Allow', Action: 'sqs:*', Resource: '*' },
      ],
    },
  ],
  boundary: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] },
  action: 's3:GetObject',
  resource: 'arn:aws:s3:::b/k',
  resourceAccount: '111111111111',
  context: { 'aws:username': 'a', 'aws:TagKeys': ['x', 'y'] },
};

describe('minimizeScenario', () => {
  it('shrinks to what the outcome depends on', async () => {
    // A stand-in "disagreement": present while some statement names iam:* with a Bool condition.
    const outcome = async (s: Scenario): Promise<string | undefined> =>
      JSON.stringify(s.identity).includes('"Action":"iam:*"') && JSON.stringify(s.identity).includes('"Bool"') ? 'x' : undefined;
    const minimal = await minimizeScenario(noisy, outcome);
    expect(minimal.identity).toEqual([
      { Version: '2012-10-17', Statement: [{ Effect: 'Deny', Action: 'iam:*', Resource: '*', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }] },
    ]);
    expect(minimal.boundary).toBeUndefined();
    expect(minimal.context).toEqual({});
  });

  it('returns the scenario unchanged when the engines agree', async () => {
    expect(await minimizeScenario(noisy, async () => undefined)).toBe(noisy);
  });
});
