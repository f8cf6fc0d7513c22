// CloudTrail's LookupEvents through the real clients: `aws cloudtrail lookup-events` with every
// aws CLI installed (v1 and v2), and boto3 with its paginator, against `keyward serve`.
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { awsEnv, expectJson, expectRefused, runAws, type CliResult } from './aws-cli.js';
import { availableClis } from './available-clis.js';
import { COMPAT_ACCOUNT_ID, COMPAT_ROOT_KEY, startKeyward, type KeywardProcess } from './keyward-process.js';

interface LookedUp {
  readonly Events: { EventName: string; Username: string; ReadOnly: string; EventTime: string; CloudTrailEvent: string; Resources: { ResourceType: string; ResourceName: string }[] }[];
  readonly NextToken?: string;
}

describe.each(availableClis())('aws cloudtrail lookup-events with $label', (cli) => {
  let server: KeywardProcess;
  let dir: string;
  beforeAll(async () => {
    server = await startKeyward();
    dir = await mkdtemp(join(tmpdir(), 'keyward-compat-ct-'));
  });
  afterAll(async () => {
    await server?.stop();
    if (dir !== undefined) await rm(dir, { recursive: true, force: true });
  });
  const aws = (...args: string[]): Promise<CliResult> => runAws(cli, server.url, COMPAT_ROOT_KEY, args, dir);

  it('finds the calls root made, by event name and by user, with the record as a string', async () => {
    for (const name of ['ct-a', 'ct-b', 'ct-c']) await expectJson(aws('iam', 'create-user', '--user-name', name), 'create-user');
    const out = (await expectJson(aws('cloudtrail', 'lookup-events', '--lookup-attributes', 'AttributeKey=EventName,AttributeValue=CreateUser'), 'lookup-events')) as unknown as LookedUp;
    expect(out.Events.map((e) => e.Resources[0]?.ResourceName)).toEqual(['ct-c', 'ct-b', 'ct-a']);
    expect(out.Events[0]).toMatchObject({ EventName: 'CreateUser', Username: 'root', ReadOnly: 'false', Resources: [{ ResourceType: 'AWS::IAM::User', ResourceName: 'ct-c' }] });
    expect(JSON.parse(out.Events[0]!.CloudTrailEvent)).toMatchObject({ eventSource: 'iam.amazonaws.com', recipientAccountId: COMPAT_ACCOUNT_ID, requestParameters: { userName: 'ct-c' } });
    // v2 prints EventTime as an ISO time, v1 as the epoch seconds it read (cli_timestamp_format none).
    const time = out.Events[0]!.EventTime as string | number;
    expect(typeof time === 'number' ? time * 1000 : Date.parse(time)).toBeGreaterThan(Date.now() - 600_000);

    const byUser = (await expectJson(
      aws('cloudtrail', 'lookup-events', '--lookup-attributes', 'AttributeKey=ResourceName,AttributeValue=ct-b', '--start-time', new Date(Date.now() - 3_600_000).toISOString()),
      'lookup-events by resource',
    )) as unknown as LookedUp;
    expect(byUser.Events.map((e) => e.EventName)).toEqual(['CreateUser']);
  });

  it('pages through the CLI paginator with --max-items and --starting-token', async () => {
    const first = (await expectJson(
      aws('cloudtrail', 'lookup-events', '--lookup-attributes', 'AttributeKey=EventName,AttributeValue=CreateUser', '--max-items', '2'),
      'lookup-events page 1',
    )) as unknown as LookedUp;
    expect(first.Events).toHaveLength(2);
    expect(first.NextToken).toBeTruthy();
    const rest = (await expectJson(
      aws('cloudtrail', 'lookup-events', '--lookup-attributes', 'AttributeKey=EventName,AttributeValue=CreateUser', '--max-items', '2', '--starting-token', first.NextToken!),
      'lookup-events page 2',
    )) as unknown as LookedUp;
    expect(rest.Events.map((e) => e.Resources[0]?.ResourceName)).toEqual(['ct-a']);
  });

  it('refuses two lookup attributes with InvalidLookupAttributesException', async () => {
    const refused = await aws(
      'cloudtrail',
      'lookup-events',
      '--lookup-attributes',
      'AttributeKey=EventName,AttributeValue=CreateUser',
      'AttributeKey=Username,AttributeValue=root',
    );
    expect(expectRefused(refused, 'InvalidLookupAttributesException', 'two attributes')).toContain('when calling the LookupEvents operation');
  });
});

const BOTO3 = `
import json, sys, boto3
ct = boto3.client('cloudtrail', endpoint_url=sys.argv[1])
iam = boto3.client('iam', endpoint_url=sys.argv[1])
for name in ['boto-a', 'boto-b', 'boto-c']:
    iam.create_user(UserName=name)
pages = ct.get_paginator('lookup_events').paginate(
    LookupAttributes=[{'AttributeKey': 'EventName', 'AttributeValue': 'CreateUser'}], PaginationConfig={'PageSize': 2})
names = []
count = 0
for page in pages:
    count += 1
    names += [e['Resources'][0]['ResourceName'] for e in page['Events']]
    first = page['Events'][0] if page['Events'] else None
try:
    ct.lookup_events(MaxResults=51)
    error = None
except ct.exceptions.InvalidMaxResultsException as e:
    error = e.response['Error']['Code']
print(json.dumps({'names': names, 'pages': count, 'time': type(first['EventTime']).__name__, 'error': error}))
`;

describe('boto3 lookup_events', () => {
  let server: KeywardProcess;
  beforeAll(async () => {
    server = await startKeyward();
  });
  afterAll(async () => {
    await server?.stop();
  });

  it('pages with the paginator and raises the modelled exception', async () => {
    const out = await new Promise<string>((resolve, reject) => {
      execFile('python3', ['-c', BOTO3, server.url], { env: awsEnv(COMPAT_ROOT_KEY), encoding: 'utf8' }, (error, stdout, stderr) => {
        if (error !== null) reject(new Error(`boto3 failed: ${stderr}`));
        else resolve(stdout);
      });
    });
    expect(JSON.parse(out)).toEqual({ names: ['boto-c', 'boto-b', 'boto-a'], pages: 2, time: 'datetime', error: 'InvalidMaxResultsException' });
  });
});
