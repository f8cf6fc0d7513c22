// The documents of the seed walkthrough, written as files the way a user would keep them
// (`--assume-role-policy-document file://trust.json`), shared by the CLI and boto3 runs.
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const TRUST_POLICY = {
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }],
};

export const ROLE_POLICY = {
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Action: ['s3:GetObject', 's3:ListBucket'], Resource: ['arn:aws:s3:::app-bucket', 'arn:aws:s3:::app-bucket/*'] }],
};

/** A fresh directory holding trust.json and policy.json (pretty-printed, as people write them). */
export async function walkthroughDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'keyward-walkthrough-'));
  await writeFile(join(dir, 'trust.json'), `${JSON.stringify(TRUST_POLICY, null, 2)}\n`);
  await writeFile(join(dir, 'policy.json'), `${JSON.stringify(ROLE_POLICY, null, 2)}\n`);
  return dir;
}
