// Answers checked against what AWS returns, through the real SDK against a real server:
// regional S3 ARNs in identity policies, empty Tags lists, service-linked role names and
// trust policies, quota names and not-found messages.

import * as iam from '@aws-sdk/client-iam';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from './harness.js';

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
});
afterAll(async () => {
  await t.stop();
});

const allow = (action: string, resource: string): string =>
  JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: action, Resource: resource }] });

describe('S3 ARNs with a region in identity policies', () => {
  it('accepts regional S3 resource types (access points, jobs, Storage Lens, Access Grants)', async () => {
    await t.iam().send(new iam.CreateUserCommand({ UserName: 's3-region' }));
    for (const [i, resource] of [
      'arn:aws:s3:us-west-2:123456789012:accesspoint/my-access-point',
      'arn:aws:s3:us-west-2:123456789012:accesspoint/my-access-point/object/*',
      'arn:aws:s3:us-east-1:123456789012:job/*',
      'arn:aws:s3:us-east-1:123456789012:storage-lens/default',
      'arn:aws:s3:us-east-1:123456789012:access-grants/default/location/*',
    ].entries()) {
      await t.iam().send(new iam.PutUserPolicyCommand({ UserName: 's3-region', PolicyName: `p${i}`, PolicyDocument: allow('s3:GetObject', resource) }));
    }
    const names = await t.iam().send(new iam.ListUserPoliciesCommand({ UserName: 's3-region' }));
    expect(names.PolicyNames).toHaveLength(5);
  });

  it('still refuses a region on bucket and object ARNs', async () => {
    const resource = 'arn:aws:s3:us-west-2:123456789012:test/athena';
    await expect(
      t.iam().send(new iam.CreatePolicyCommand({ PolicyName: 's3-object-region', PolicyDocument: allow('s3:GetObject', resource) })),
    ).rejects.toMatchObject({
      name: 'MalformedPolicyDocumentException',
      message: `Resource ${resource} can not contain region information.`,
      $metadata: { httpStatusCode: 400 },
    });
  });
});
