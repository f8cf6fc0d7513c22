// Access Analyzer's analyzers with the real clients against `keyward serve`: each aws CLI (v1 and
// v2) creates an ACCOUNT analyzer over a role another account can assume, reads it back, tags
// it, manages archive rules, lists and archives the finding (where the CLI has the V2 finding
// commands; v2 older than 2.13 does not) and deletes it; boto3 does the same for an unused-access
// analyzer with its paginator and reads AWS's error members.
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { awsEnv, expectJson, expectRefused, expectSuccess, runAws } from './aws-cli.js';
import { availableClis } from './available-clis.js';
import { COMPAT_ACCOUNT_ID, COMPAT_ROOT_KEY, startKeyward, type KeywardProcess } from './keyward-process.js';

const PARTNER_TRUST = JSON.stringify({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::444455556666:root' }, Action: 'sts:AssumeRole', Condition: { StringEquals: { 'sts:ExternalId': 'compat' } } }],
});

let server: KeywardProcess;
let dir: string;

beforeAll(async () => {
  server = await startKeyward();
  dir = await mkdtemp(join(tmpdir(), 'keyward-aa-analyzers-'));
  await writeFile(join(dir, 'trust.json'), PARTNER_TRUST);
});
afterAll(async () => {
  await server?.stop();
  if (dir !== undefined) await rm(dir, { recursive: true, force: true });
});

describe.each(availableClis())('accessanalyzer analyzers with $label', (cli) => {
  const aws = (...args: string[]) => runAws(cli, server.url, COMPAT_ROOT_KEY, args, dir);

  // About twenty CLI runs: each starts a Python interpreter, slow on a loaded machine.
  it('creates, reads, tags, rules, lists and archives findings, and deletes an ACCOUNT analyzer', { timeout: 400_000 }, async () => {
    const role = `partner-${cli.bin === 'aws' ? 'v1' : 'v2'}`;
    expectSuccess(await aws('iam', 'create-role', '--role-name', role, '--assume-role-policy-document', 'file://trust.json'), 'create-role');
    const created = await expectJson(aws('accessanalyzer', 'create-analyzer', '--analyzer-name', 'external', '--type', 'ACCOUNT', '--tags', 'team=sec'), 'create-analyzer');
    const arn = `arn:aws:access-analyzer:us-east-1:${COMPAT_ACCOUNT_ID}:analyzer/external`;
    expect(created).toEqual({ arn });
    expectRefused(await aws('accessanalyzer', 'create-analyzer', '--analyzer-name', 'external', '--type', 'ACCOUNT'), 'ConflictException', 'create-analyzer again');
    const got = await expectJson(aws('accessanalyzer', 'get-analyzer', '--analyzer-name', 'external'), 'get-analyzer');
    expect(got.analyzer).toMatchObject({ arn, name: 'external', type: 'ACCOUNT', status: 'ACTIVE', tags: { team: 'sec' } });
    expect(((await expectJson(aws('accessanalyzer', 'list-analyzers', '--type', 'ACCOUNT'), 'list-analyzers')).analyzers as { name: string }[]).map((a) => a.name)).toEqual(['external']);
    expectSuccess(await aws('accessanalyzer', 'tag-resource', '--resource-arn', arn, '--tags', 'env=compat'), 'tag-resource');
    expect((await expectJson(aws('accessanalyzer', 'list-tags-for-resource', '--resource-arn', arn), 'list-tags-for-resource')).tags).toEqual({ team: 'sec', env: 'compat' });
    expectSuccess(await aws('accessanalyzer', 'create-archive-rule', '--analyzer-name', 'external', '--rule-name', 'partner', '--filter', '{"principal.AWS":{"eq":["arn:aws:iam::444455556666:root"]}}'), 'create-archive-rule');
    const rule = await expectJson(aws('accessanalyzer', 'get-archive-rule', '--analyzer-name', 'external', '--rule-name', 'partner'), 'get-archive-rule');
    expect(rule.archiveRule).toMatchObject({ ruleName: 'partner', filter: { 'principal.AWS': { eq: ['arn:aws:iam::444455556666:root'] } } });
    expectSuccess(await aws('accessanalyzer', 'start-resource-scan', '--analyzer-arn', arn, '--resource-arn', `arn:aws:iam::${COMPAT_ACCOUNT_ID}:role/${role}`), 'start-resource-scan');

    const listed = await aws('accessanalyzer', 'list-findings-v2', '--analyzer-arn', arn);
    if (!(listed.code !== 0 && /Invalid choice/.test(listed.stderr))) {
      const findings = (await expectJson(Promise.resolve(listed), 'list-findings-v2')).findings as { id: string; resource: string; status: string; findingType: string }[];
      const mine = findings.find((f) => f.resource.endsWith(`:role/${role}`));
      expect(mine).toMatchObject({ findingType: 'ExternalAccess', status: 'ACTIVE', resourceOwnerAccount: COMPAT_ACCOUNT_ID });
      const detail = await expectJson(aws('accessanalyzer', 'get-finding-v2', '--analyzer-arn', arn, '--id', mine!.id), 'get-finding-v2');
      expect(detail.findingDetails).toEqual([
        { externalAccessDetails: { action: ['sts:AssumeRole'], condition: { 'sts:ExternalId': 'compat' }, isPublic: false, principal: { AWS: 'arn:aws:iam::444455556666:root' } } },
      ]);
      expectSuccess(await aws('accessanalyzer', 'apply-archive-rule', '--analyzer-arn', arn, '--rule-name', 'partner'), 'apply-archive-rule');
      const archived = (await expectJson(aws('accessanalyzer', 'list-findings-v2', '--analyzer-arn', arn, '--filter', '{"status":{"eq":["ARCHIVED"]}}'), 'list archived')).findings as { id: string }[];
      expect(archived.map((f) => f.id)).toContain(mine!.id);
      expectSuccess(await aws('accessanalyzer', 'update-findings', '--analyzer-arn', arn, '--ids', mine!.id, '--status', 'ACTIVE'), 'update-findings');
      const stats = await expectJson(aws('accessanalyzer', 'get-findings-statistics', '--analyzer-arn', arn), 'get-findings-statistics');
      expect((stats.findingsStatistics as Record<string, { totalActiveFindings: number }>[])[0]?.externalAccessFindingsStatistics?.totalActiveFindings).toBeGreaterThanOrEqual(1);
    }
    expectSuccess(await aws('accessanalyzer', 'delete-archive-rule', '--analyzer-name', 'external', '--rule-name', 'partner'), 'delete-archive-rule');
    expectSuccess(await aws('accessanalyzer', 'delete-analyzer', '--analyzer-name', 'external'), 'delete-analyzer');
    expectRefused(await aws('accessanalyzer', 'get-analyzer', '--analyzer-name', 'external'), 'ResourceNotFoundException', 'get-analyzer after delete');
  });
});

describe('accessanalyzer analyzers with boto3', () => {
  it('creates an unused-access analyzer, pages its findings and reads errors as AWS', async () => {
    const script = `
import json, sys, boto3
c = boto3.client('accessanalyzer', endpoint_url=sys.argv[1])
out = {}
arn = c.create_analyzer(analyzerName='unused', type='ACCOUNT_UNUSED_ACCESS', configuration={'unusedAccess': {'unusedAccessAge': 30}})['arn']
out['arn'] = arn
out['config'] = c.get_analyzer(analyzerName='unused')['analyzer']['configuration']
pages = c.get_paginator('list_findings_v2').paginate(analyzerArn=arn, PaginationConfig={'PageSize': 1})
out['findings'] = [f['id'] for p in pages for f in p['findings']]
out['stats'] = c.get_findings_statistics(analyzerArn=arn)['findingsStatistics'][0]['unusedAccessFindingsStatistics']['totalActiveFindings']
try:
    c.create_analyzer(analyzerName='unused2', type='ACCOUNT_UNUSED_ACCESS')
except c.exceptions.ServiceQuotaExceededException as e:
    out['quota'] = [e.response['Error']['Code'], e.response['ResponseMetadata']['HTTPStatusCode'], e.response.get('resourceId')]
try:
    c.get_finding_v2(analyzerArn=arn, id='00000000-0000-5000-8000-000000000000')
except c.exceptions.ResourceNotFoundException as e:
    out['missing'] = [e.response['Error']['Code'], e.response.get('resourceType')]
try:
    c.list_findings_v2(analyzerArn=arn, filter={'colour': {'eq': ['red']}})
except c.exceptions.ValidationException as e:
    out['filter'] = [e.response.get('reason'), [f['name'] for f in e.response.get('fieldList', [])]]
c.delete_analyzer(analyzerName='unused')
print(json.dumps(out))
`;
    const stdout = await new Promise<string>((resolve, reject) => {
      execFile('python3', ['-c', script, server.url], { env: awsEnv(COMPAT_ROOT_KEY), encoding: 'utf8' }, (error, out, stderr) => (error === null ? resolve(out) : reject(new Error(stderr))));
    });
    const out = JSON.parse(stdout) as Record<string, unknown>;
    expect(out.arn).toBe(`arn:aws:access-analyzer:us-east-1:${COMPAT_ACCOUNT_ID}:analyzer/unused`);
    expect(out.config).toEqual({ unusedAccess: { unusedAccessAge: 30 } });
    // A fresh account: nothing is older than 30 days yet.
    expect(out.findings).toEqual([]);
    expect(out.stats).toBe(0);
    expect(out.quota).toEqual(['ServiceQuotaExceededException', 402, 'unused2']);
    expect(out.missing).toEqual(['ResourceNotFoundException', 'Finding']);
    expect(out.filter).toEqual(['fieldValidationFailed', ['filter.colour']]);
  });
});
