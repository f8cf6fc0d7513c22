// IAM Access Analyzer with the real clients: validate-policy with each aws CLI (v1 and v2), the
// custom checks where the CLI has them (v2 older than 2.13 does not), and boto3's accessanalyzer
// client, against `keyward serve`.
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { awsEnv, expectJson, expectRefused, runAws } from './aws-cli.js';
import { availableClis } from './available-clis.js';
import { COMPAT_ROOT_KEY, startKeyward, type KeywardProcess } from './keyward-process.js';

const TRUST = JSON.stringify({
  Version: '2012-10-17',
  Statement: [{ Sid: '', Effect: 'Allow', Principal: { Federated: 'cognito-identity.amazonaws.com' }, Action: ['sts:AssumeRole'] }],
});
const WIDE = JSON.stringify({ Version: '2012-10-17', Statement: [{ Sid: 'Read', Effect: 'Allow', Action: 's3:Get*', Resource: '*' }] });
const NARROW = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject*', Resource: '*' }] });

let server: KeywardProcess;
let dir: string;

beforeAll(async () => {
  server = await startKeyward();
  dir = await mkdtemp(join(tmpdir(), 'keyward-aa-compat-'));
  await writeFile(join(dir, 'trust.json'), TRUST);
  await writeFile(join(dir, 'wide.json'), WIDE);
  await writeFile(join(dir, 'narrow.json'), NARROW);
});
afterAll(async () => {
  await server?.stop();
  if (dir !== undefined) await rm(dir, { recursive: true, force: true });
});

describe.each(availableClis())('accessanalyzer with $label', (cli) => {
  const aws = (...args: string[]) => runAws(cli, server.url, COMPAT_ROOT_KEY, args, dir);

  it('validate-policy prints the findings with codes and locations', async () => {
    const out = await expectJson(aws('accessanalyzer', 'validate-policy', '--policy-type', 'RESOURCE_POLICY', '--policy-document', 'file://trust.json'), 'validate-policy');
    const findings = out.findings as { issueCode: string; findingType: string; locations: { path: unknown[] }[] }[];
    expect(findings.map((f) => f.issueCode)).toEqual(['EMPTY_SID_VALUE', 'MISMATCHED_ACTION_FOR_PRINCIPAL']);
    expect(findings[0]?.locations[0]?.path).toEqual([{ value: 'Statement' }, { index: 0 }, { value: 'Sid' }]);
  });

  it('validate-policy with a bad policy type is refused with ValidationException', async () => {
    // The CLI checks enums only on the server side: the refusal is Keyward's.
    const line = expectRefused(await aws('accessanalyzer', 'validate-policy', '--policy-type', 'NOPE', '--policy-document', '{}'), 'ValidationException', 'validate-policy');
    expect(line).toContain('policyType');
  });

  it('check-no-new-access fails for s3:Get* over s3:GetObject* (when the CLI has the command)', async () => {
    const result = await aws('accessanalyzer', 'check-no-new-access', '--policy-type', 'IDENTITY_POLICY', '--new-policy-document', 'file://wide.json', '--existing-policy-document', 'file://narrow.json');
    if (result.code !== 0 && /Invalid choice/.test(result.stderr)) return;
    const out = await expectJson(Promise.resolve(result), 'check-no-new-access');
    expect(out).toMatchObject({ result: 'FAIL', reasons: [{ statementIndex: 0, statementId: 'Read' }] });
  });
});

describe('accessanalyzer with boto3', () => {
  it('validates, checks and pages like AWS', async () => {
    const script = `
import json, sys, boto3
c = boto3.client('accessanalyzer', endpoint_url=sys.argv[1])
out = {}
out['validate'] = [f['issueCode'] for f in c.validate_policy(policyDocument=sys.argv[2], policyType='RESOURCE_POLICY')['findings']]
pages = c.get_paginator('validate_policy').paginate(policyDocument=sys.argv[2], policyType='RESOURCE_POLICY', PaginationConfig={'PageSize': 1})
out['paged'] = [f['issueCode'] for p in pages for f in p['findings']]
out['noNew'] = c.check_no_new_access(newPolicyDocument=sys.argv[3], existingPolicyDocument=sys.argv[4], policyType='IDENTITY_POLICY')['result']
out['public'] = c.check_no_public_access(policyDocument=json.dumps({'Version': '2012-10-17', 'Statement': [{'Effect': 'Allow', 'Principal': '*', 'Action': 's3:GetObject', 'Resource': 'arn:aws:s3:::b/*'}]}), resourceType='AWS::S3::Bucket')['result']
try:
    c.validate_policy(policyDocument='{}', policyType='NOPE')
except c.exceptions.ValidationException as e:
    out['error'] = [e.response['Error']['Code'], e.response.get('reason'), [f['name'] for f in e.response.get('fieldList', [])]]
print(json.dumps(out))
`;
    const stdout = await new Promise<string>((resolve, reject) => {
      execFile('python3', ['-c', script, server.url, TRUST, WIDE, NARROW], { env: awsEnv(COMPAT_ROOT_KEY), encoding: 'utf8' }, (error, out, stderr) => (error === null ? resolve(out) : reject(new Error(stderr))));
    });
    const out = JSON.parse(stdout) as Record<string, unknown>;
    expect(out.validate).toEqual(['EMPTY_SID_VALUE', 'MISMATCHED_ACTION_FOR_PRINCIPAL']);
    expect(out.paged).toEqual(['EMPTY_SID_VALUE', 'MISMATCHED_ACTION_FOR_PRINCIPAL']);
    expect(out.noNew).toBe('FAIL');
    expect(out.public).toBe('FAIL');
    expect(out.error).toEqual(['ValidationException', 'fieldValidationFailed', ['policyType']]);
  });
});
