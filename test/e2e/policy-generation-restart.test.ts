// Policy generation jobs are stored: a job started before a restart is found, listed and
// completed after it, from the same data directory.

import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AccessAnalyzerClient, GetGeneratedPolicyCommand, ListPolicyGenerationsCommand, StartPolicyGenerationCommand } from '@aws-sdk/client-accessanalyzer';
import { CreateAccessKeyCommand, CreateUserCommand, GetUserCommand, PutUserPolicyCommand } from '@aws-sdk/client-iam';
import { afterAll, expect, it } from 'vitest';
import { ACCOUNT_ID, ROOT_KEY, startTestServer, type TestServer } from '../support/server.js';

let dir = '';
let running: TestServer | undefined;
afterAll(async () => {
  await running?.stop();
  if (dir !== '') await rm(dir, { recursive: true, force: true });
});

const analyzer = (t: TestServer): AccessAnalyzerClient => new AccessAnalyzerClient({ endpoint: t.server.url, region: 'us-east-1', credentials: ROOT_KEY, maxAttempts: 1 });

it('keeps a job across a restart and completes it afterwards', { timeout: 120_000 }, async () => {
  dir = await mkdtemp(join(tmpdir(), 'keyward-polgen-restart-'));
  running = await startTestServer({ dataDir: dir });
  const iam = running.iam();
  const since = new Date(Date.now() - 1000);
  await iam.send(new CreateUserCommand({ UserName: 'restart-user' }));
  await iam.send(new PutUserPolicyCommand({ UserName: 'restart-user', PolicyName: 'p', PolicyDocument: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'iam:GetUser', Resource: '*' }] }) }));
  const { AccessKey } = await iam.send(new CreateAccessKeyCommand({ UserName: 'restart-user' }));
  await running.iam({ accessKeyId: AccessKey!.AccessKeyId!, secretAccessKey: AccessKey!.SecretAccessKey! }).send(new GetUserCommand({}));
  const principalArn = `arn:aws:iam::${ACCOUNT_ID}:user/restart-user`;
  const { jobId } = await analyzer(running).send(
    new StartPolicyGenerationCommand({
      policyGenerationDetails: { principalArn },
      cloudTrailDetails: { trails: [{ cloudTrailArn: `arn:aws:cloudtrail:us-east-1:${ACCOUNT_ID}:trail/keyward` }], accessRole: `arn:aws:iam::${ACCOUNT_ID}:role/r`, startTime: since },
    }),
  );
  // Stopping writes the buffered trail events; the job is still IN_PROGRESS (nobody asked yet).
  await running.stop();
  running = await startTestServer({ dataDir: dir });
  const aa = analyzer(running);
  expect((await aa.send(new ListPolicyGenerationsCommand({ principalArn }))).policyGenerations?.map((g) => g.jobId)).toEqual([jobId]);
  let out = await aa.send(new GetGeneratedPolicyCommand({ jobId: jobId! }));
  for (let i = 0; i < 50 && out.jobDetails?.status === 'IN_PROGRESS'; i += 1) {
    await new Promise((r) => setTimeout(r, 200));
    out = await aa.send(new GetGeneratedPolicyCommand({ jobId: jobId! }));
  }
  expect(out.jobDetails?.status).toBe('SUCCEEDED');
  const statements = (JSON.parse(out.generatedPolicyResult!.generatedPolicies![0]!.policy!) as { Statement: unknown[] }).Statement;
  expect(statements).toEqual([{ Sid: 'SupportedServiceSid0', Effect: 'Allow', Action: 'iam:GetUser', Resource: principalArn }]);
});
