// The seed walkthrough with boto3 (endpoint_url), run as a Python child process; each step's
// outcome is one JSON line, checked here step by step.
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { awsEnv } from './aws-cli.js';
import { shapeOf, shapeProblems } from './authorization-details-shape.js';
import { COMPAT_ACCOUNT_ID, COMPAT_ROOT_KEY, REPO_ROOT, startKeyward, type KeywardProcess } from './keyward-process.js';
import { ROLE_POLICY, walkthroughDir } from './walkthrough-files.js';

interface StepResult {
  readonly step: string;
  readonly ok: boolean;
  readonly value?: unknown;
  readonly code?: string;
  readonly message?: string;
}

const SCRIPT = join(REPO_ROOT, 'test/compat/boto3-walkthrough.py');
const reference = JSON.parse(readFileSync(join(REPO_ROOT, 'test/fixtures/authorization-details/cloudsplaining-example.json'), 'utf8')) as Record<string, unknown>;

let server: KeywardProcess;
let dir: string;
const steps = new Map<string, StepResult>();
let scriptOutput = '';

beforeAll(async () => {
  server = await startKeyward();
  dir = await walkthroughDir();
  scriptOutput = await new Promise<string>((resolve, reject) => {
    execFile('python3', [SCRIPT, server.url], { cwd: dir, env: awsEnv(COMPAT_ROOT_KEY), encoding: 'utf8' }, (error, stdout, stderr) => {
      if (error !== null && stdout === '') reject(new Error(`boto3 walkthrough did not run: ${stderr}`));
      else resolve(stdout);
    });
  });
  for (const line of scriptOutput.split('\n').filter((l) => l.trim() !== '')) {
    const result = JSON.parse(line) as StepResult;
    steps.set(result.step, result);
  }
});
afterAll(async () => {
  await server?.stop();
  if (dir !== undefined) await rm(dir, { recursive: true, force: true });
});

/** The step's value, or a failure that says what went wrong (and whether Keyward lacks the action). */
function value(name: string): unknown {
  const result = steps.get(name);
  if (result === undefined) throw new Error(`step ${name} did not report; script output:\n${scriptOutput}`);
  if (!result.ok) {
    const tag = result.code === 'NotImplemented' ? ' [NotImplemented in Keyward]' : '';
    throw new Error(`step ${name} failed${tag}: ${result.code ?? ''} ${result.message ?? ''}`);
  }
  return result.value;
}

describe('seed walkthrough with boto3', () => {
  it('root creates the first admin in Administrators with an access key', () => {
    expect(value('first-admin')).toEqual({ Arn: `arn:aws:iam::${COMPAT_ACCOUNT_ID}:user/admin`, Status: 'Active' });
  });

  it('sts get_caller_identity answers as the admin', () => {
    expect(value('caller-identity')).toMatchObject({ Account: COMPAT_ACCOUNT_ID, Arn: `arn:aws:iam::${COMPAT_ACCOUNT_ID}:user/admin` });
  });

  it('create_role returns the role ARN', () => {
    expect(value('create-role')).toBe(`arn:aws:iam::${COMPAT_ACCOUNT_ID}:role/app`);
  });

  it('put_role_policy / get_role_policy round-trip the document (decoded by botocore)', () => {
    expect(value('role-policy')).toEqual(ROLE_POLICY);
  });

  it('the role is in its instance profile', () => {
    expect(value('instance-profile')).toEqual(['app']);
  });

  it('the get_account_authorization_details paginator (page size 1) gives real-shaped output', () => {
    const out = value('authorization-details') as Record<string, Array<Record<string, unknown>>>;
    expect(out.UserDetailList?.map((u) => u.UserName)).toEqual(['admin']);
    expect(out.GroupDetailList?.map((g) => g.GroupName)).toEqual(['Administrators']);
    expect(out.RoleDetailList?.[0]).toMatchObject({ RoleName: 'app', RolePolicyList: [{ PolicyName: 'app-s3', PolicyDocument: ROLE_POLICY }] });
    expect(out.Policies?.map((p) => p.Arn)).toEqual(['arn:aws:iam::aws:policy/AdministratorAccess']);
    const extra = ['UserDetailList[].PermissionsBoundary', 'RoleDetailList[].PermissionsBoundary', 'RoleDetailList[].InstanceProfileList[].Tags'];
    expect(shapeProblems(shapeOf(out), shapeOf(reference), { extra })).toEqual([]);
  });

  it('delete_role is refused with DeleteConflict while the role is in an instance profile', () => {
    expect(value('delete-role-conflict')).toMatchObject({
      Code: 'DeleteConflict',
      Message: 'Cannot delete entity, must remove roles from instance profile first.',
    });
  });

  it('the documented delete order removes the role', () => {
    expect(value('delete-role-order')).toEqual([]);
  });

  it('list_users lists the admin', () => {
    expect(value('list-users')).toEqual(['admin']);
  });

  it('a user without policies gets AccessDenied', () => {
    expect(value('access-denied')).toMatchObject({
      Code: 'AccessDenied',
      Status: 403,
      Text: expect.stringContaining(
        `An error occurred (AccessDenied) when calling the ListUsers operation: User: arn:aws:iam::${COMPAT_ACCOUNT_ID}:user/viewer is not authorized to perform: iam:ListUsers`,
      ),
    });
  });
  it('sees the answers fixed to match AWS: tag paging, empty Tags, service-linked naming, AWS\'s messages', () => {
    expect(value('aws-answers')).toEqual({
      FirstPage: ['k0'],
      FirstTruncated: true,
      RestPage: ['k1', 'k2'],
      RestTruncated: false,
      PolicyTags: [],
      RoleName: 'AWSServiceRoleForApplicationAutoScaling_CustomResource',
      TrustStatement: { Effect: 'Allow', Principal: { Service: ['custom-resource.application-autoscaling.amazonaws.com'] }, Action: ['sts:AssumeRole'] },
      NoPasswordPolicy: { Code: 'NoSuchEntity', Message: 'The account policy with name PasswordPolicy cannot be found.' },
    });
  });
});
