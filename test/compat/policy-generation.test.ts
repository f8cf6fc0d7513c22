// Policy generation with the real clients: a role is assumed and used through each aws CLI (v1
// and v2) and boto3, then start-policy-generation, get-generated-policy (polled until done, with
// and without placeholders), list-policy-generations and cancel-policy-generation against
// `keyward serve`; the generated policy names exactly the actions the role's session used.
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { awsEnv, credentialsOf, expectJson, expectRefused, runAws, type Credentials } from './aws-cli.js';
import { availableClis } from './available-clis.js';
import { COMPAT_ROOT_KEY, startKeyward, type KeywardProcess } from './keyward-process.js';

let server: KeywardProcess;
let dir: string;
let account = '';

beforeAll(async () => {
  server = await startKeyward();
  dir = await mkdtemp(join(tmpdir(), 'keyward-polgen-compat-'));
});
afterAll(async () => {
  await server?.stop();
  if (dir !== undefined) await rm(dir, { recursive: true, force: true });
});

const policy = (statements: object[]): string => JSON.stringify({ Version: '2012-10-17', Statement: statements });
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

interface Statement {
  Action: string | string[];
  Resource: string | string[];
}

describe.each(availableClis())('policy generation with $label', (cli) => {
  const aws = (credentials: Credentials, ...args: string[]) => runAws(cli, server.url, credentials, args, dir);
  const tag = cli.bin === 'aws' ? 'v1' : 'v2';

  it('generates a role\'s policy from what its session did', async () => {
    const root = (...args: string[]) => aws(COMPAT_ROOT_KEY, ...args);
    const identity = await expectJson(root('sts', 'get-caller-identity'), 'get-caller-identity');
    account = String(identity.Account);
    const roleName = `polgen-${tag}`;
    const userName = `polgen-caller-${tag}`;
    const roleArn = `arn:aws:iam::${account}:role/${roleName}`;
    await expectJson(root('iam', 'create-role', '--role-name', roleName, '--assume-role-policy-document', policy([{ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${account}:root` }, Action: 'sts:AssumeRole' }])), 'create-role');
    await expectJson(root('iam', 'put-role-policy', '--role-name', roleName, '--policy-name', 'p', '--policy-document', policy([{ Effect: 'Allow', Action: 'iam:*', Resource: '*' }])), 'put-role-policy');
    await expectJson(root('iam', 'create-user', '--user-name', userName), 'create-user');
    await expectJson(root('iam', 'put-user-policy', '--user-name', userName, '--policy-name', 'p', '--policy-document', policy([{ Effect: 'Allow', Action: 'sts:AssumeRole', Resource: roleArn }])), 'put-user-policy');
    const caller = credentialsOf(await expectJson(root('iam', 'create-access-key', '--user-name', userName), 'create-access-key'));
    const start = new Date(Date.now() - 2000).toISOString();
    const session = credentialsOf(await expectJson(aws(caller, 'sts', 'assume-role', '--role-arn', roleArn, '--role-session-name', 'compat-session'), 'assume-role'));
    await expectJson(aws(session, 'iam', 'list-users'), 'list-users');
    await expectJson(aws(session, 'iam', 'get-role', '--role-name', roleName), 'get-role');
    // Buffered read events reach the trail within a second.
    await sleep(1500);

    const trail = `cloudTrailArn=arn:aws:cloudtrail:us-east-1:${account}:trail/keyward,allRegions=true`;
    const started = await expectJson(
      root('accessanalyzer', 'start-policy-generation', '--policy-generation-details', `principalArn=${roleArn}`, '--cloud-trail-details', `trails=[{${trail}}],accessRole=arn:aws:iam::${account}:role/service-role/AccessAnalyzerMonitorServiceRole,startTime=${start}`),
      'start-policy-generation',
    );
    const jobId = String(started.jobId);
    let out: Record<string, unknown> = {};
    for (let i = 0; i < 50; i += 1) {
      out = await expectJson(root('accessanalyzer', 'get-generated-policy', '--job-id', jobId), 'get-generated-policy');
      if ((out.jobDetails as { status: string }).status !== 'IN_PROGRESS') break;
      await sleep(1000);
    }
    expect(out.jobDetails).toMatchObject({ jobId, status: 'SUCCEEDED' });
    const result = out.generatedPolicyResult as { generatedPolicies: { policy: string }[]; properties: Record<string, unknown> };
    expect(result.properties).toMatchObject({ isComplete: true, principalArn: roleArn, cloudTrailProperties: { trailProperties: [{ allRegions: true }] } });
    const statements = result.generatedPolicies.flatMap((p) => (JSON.parse(p.policy) as { Statement: Statement[] }).Statement);
    expect(statements.flatMap((s) => [s.Action].flat()).sort()).toEqual(['iam:GetRole', 'iam:ListUsers']);
    expect(statements.find((s) => [s.Action].flat().includes('iam:GetRole'))?.Resource).toBe(roleArn);

    const withPlaceholders = await expectJson(root('accessanalyzer', 'get-generated-policy', '--job-id', jobId, '--include-resource-placeholders', '--include-service-level-template'), 'get-generated-policy');
    expect((withPlaceholders.jobDetails as { status: string }).status).toBe('SUCCEEDED');

    const listed = await expectJson(root('accessanalyzer', 'list-policy-generations', '--principal-arn', roleArn), 'list-policy-generations');
    expect(listed.policyGenerations).toEqual([expect.objectContaining({ jobId, principalArn: roleArn, status: 'SUCCEEDED' })]);

    const fresh = await expectJson(root('accessanalyzer', 'start-policy-generation', '--policy-generation-details', `principalArn=${roleArn}`, '--cloud-trail-details', `trails=[{${trail}}],accessRole=arn:aws:iam::${account}:role/r,startTime=${start}`), 'start-policy-generation');
    const canceled = await root('accessanalyzer', 'cancel-policy-generation', '--job-id', String(fresh.jobId));
    expect(canceled.code).toBe(0);
    const after = await expectJson(root('accessanalyzer', 'get-generated-policy', '--job-id', String(fresh.jobId)), 'get-generated-policy');
    expect((after.jobDetails as { status: string }).status).toBe('CANCELED');

    expectRefused(await root('accessanalyzer', 'get-generated-policy', '--job-id', 'no-such-job'), 'ValidationException', 'get-generated-policy');
  }, 400_000);
});

describe('policy generation with boto3', () => {
  it('starts, polls, lists, pages and cancels like AWS', async () => {
    const script = `
import json, sys, time, datetime, boto3
url, account = sys.argv[1], sys.argv[2]
c = boto3.client('accessanalyzer', endpoint_url=url)
iam = boto3.client('iam', endpoint_url=url)
start = datetime.datetime.now(datetime.timezone.utc) - datetime.timedelta(seconds=2)
iam.create_user(UserName='polgen-boto3')
iam.put_user_policy(UserName='polgen-boto3', PolicyName='p', PolicyDocument=json.dumps({'Version': '2012-10-17', 'Statement': [{'Effect': 'Allow', 'Action': 'iam:GetUser', 'Resource': '*'}]}))
key = iam.create_access_key(UserName='polgen-boto3')['AccessKey']
me = boto3.client('iam', endpoint_url=url, aws_access_key_id=key['AccessKeyId'], aws_secret_access_key=key['SecretAccessKey'])
me.get_user()
time.sleep(1.5)
arn = 'arn:aws:iam::%s:user/polgen-boto3' % account
details = {'trails': [{'cloudTrailArn': 'arn:aws:cloudtrail:us-east-1:%s:trail/keyward' % account, 'allRegions': True}], 'accessRole': 'arn:aws:iam::%s:role/r' % account, 'startTime': start}
job = c.start_policy_generation(policyGenerationDetails={'principalArn': arn}, cloudTrailDetails=details)['jobId']
for _ in range(50):
    got = c.get_generated_policy(jobId=job, includeResourcePlaceholders=True)
    if got['jobDetails']['status'] != 'IN_PROGRESS':
        break
    time.sleep(0.3)
out = {'status': got['jobDetails']['status'], 'policy': json.loads(got['generatedPolicyResult']['generatedPolicies'][0]['policy']), 'complete': got['generatedPolicyResult']['properties']['isComplete']}
second = c.start_policy_generation(policyGenerationDetails={'principalArn': arn}, cloudTrailDetails=details)['jobId']
c.cancel_policy_generation(jobId=second)
out['canceled'] = c.get_generated_policy(jobId=second)['jobDetails']['status']
pages = c.get_paginator('list_policy_generations').paginate(principalArn=arn, PaginationConfig={'PageSize': 1})
out['listed'] = [g['jobId'] for p in pages for g in p['policyGenerations']]
out['ids'] = [second, job]
try:
    c.start_policy_generation(policyGenerationDetails={'principalArn': 'arn:aws:iam::%s:group/g' % account})
except c.exceptions.ValidationException as e:
    out['error'] = [e.response['Error']['Code'], e.response.get('reason')]
print(json.dumps(out, default=str))
`;
    const identity = await new Promise<string>((resolve, reject) => {
      execFile('python3', ['-c', `import boto3,sys;print(boto3.client('sts',endpoint_url=sys.argv[1]).get_caller_identity()['Account'])`, server.url], { env: awsEnv(COMPAT_ROOT_KEY), encoding: 'utf8' }, (e, o, s) => (e === null ? resolve(o.trim()) : reject(new Error(s))));
    });
    const stdout = await new Promise<string>((resolve, reject) => {
      execFile('python3', ['-c', script, server.url, identity], { env: awsEnv(COMPAT_ROOT_KEY), encoding: 'utf8' }, (error, out, stderr) => (error === null ? resolve(out) : reject(new Error(stderr))));
    });
    const out = JSON.parse(stdout) as { status: string; policy: { Statement: Statement[] }; complete: boolean; canceled: string; listed: string[]; ids: string[]; error: string[] };
    expect(out.status).toBe('SUCCEEDED');
    expect(out.complete).toBe(true);
    expect(out.policy.Statement).toEqual([{ Sid: 'SupportedServiceSid0', Effect: 'Allow', Action: 'iam:GetUser', Resource: `arn:aws:iam::${identity}:user/polgen-boto3` }]);
    expect(out.canceled).toBe('CANCELED');
    expect(out.listed).toEqual(out.ids);
    expect(out.error).toEqual(['ValidationException', 'fieldValidationFailed']);
  });
});
