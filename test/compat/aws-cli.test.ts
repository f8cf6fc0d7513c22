// The seed walkthrough with the real aws CLI (every CLI installed): the first admin user, a
// role with its policy and instance profile, the delete order, and an AccessDenied on stderr.
import { readFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectSuccess, runAws, type CliResult, type Credentials } from './aws-cli.js';
import { availableClis } from './available-clis.js';
import { shapeOf, shapeProblems } from './authorization-details-shape.js';
import { COMPAT_ACCOUNT_ID, COMPAT_ROOT_KEY, REPO_ROOT, startKeyward, type KeywardProcess } from './keyward-process.js';
import { ROLE_POLICY, walkthroughDir } from './walkthrough-files.js';

const ADMIN_POLICY = 'arn:aws:iam::aws:policy/AdministratorAccess';
const reference = JSON.parse(readFileSync(join(REPO_ROOT, 'test/fixtures/authorization-details/cloudsplaining-example.json'), 'utf8')) as Record<string, unknown>;

describe.each(availableClis())('seed walkthrough with $label', (cli) => {
  let server: KeywardProcess;
  let dir: string;
  let admin: Credentials | undefined;

  beforeAll(async () => {
    server = await startKeyward();
    dir = await walkthroughDir();
  });
  afterAll(async () => {
    await server?.stop();
    if (dir !== undefined) await rm(dir, { recursive: true, force: true });
  });

  const aws = (credentials: Credentials, ...args: string[]): Promise<CliResult> => runAws(cli, server.url, credentials, args, dir);
  const asAdmin = (...args: string[]): Promise<CliResult> => {
    if (admin === undefined) throw new Error('no admin access key: the first step failed');
    return aws(admin, ...args);
  };
  const json = async (result: Promise<CliResult>, what: string): Promise<Record<string, unknown>> =>
    JSON.parse(expectSuccess(await result, what) || '{}') as Record<string, unknown>;

  it('root creates the first admin: user, Administrators group with AdministratorAccess, access key', async () => {
    const user = await json(aws(COMPAT_ROOT_KEY, 'iam', 'create-user', '--user-name', 'admin'), 'create-user');
    expect(user).toMatchObject({ User: { UserName: 'admin', Arn: `arn:aws:iam::${COMPAT_ACCOUNT_ID}:user/admin` } });
    await json(aws(COMPAT_ROOT_KEY, 'iam', 'create-group', '--group-name', 'Administrators'), 'create-group');
    await json(aws(COMPAT_ROOT_KEY, 'iam', 'attach-group-policy', '--group-name', 'Administrators', '--policy-arn', ADMIN_POLICY), 'attach-group-policy');
    await json(aws(COMPAT_ROOT_KEY, 'iam', 'add-user-to-group', '--group-name', 'Administrators', '--user-name', 'admin'), 'add-user-to-group');
    const key = await json(aws(COMPAT_ROOT_KEY, 'iam', 'create-access-key', '--user-name', 'admin'), 'create-access-key');
    const accessKey = key.AccessKey as { AccessKeyId: string; SecretAccessKey: string; Status: string };
    expect(accessKey.Status).toBe('Active');
    admin = { accessKeyId: accessKey.AccessKeyId, secretAccessKey: accessKey.SecretAccessKey };
  });

  it('sts get-caller-identity answers as the admin', async () => {
    const identity = await json(asAdmin('sts', 'get-caller-identity'), 'get-caller-identity');
    expect(identity).toMatchObject({ Account: COMPAT_ACCOUNT_ID, Arn: `arn:aws:iam::${COMPAT_ACCOUNT_ID}:user/admin` });
    expect(identity.UserId).toMatch(/^AIDA/);
  });

  it('create-role from file://trust.json prints the ARN with --output text --query', async () => {
    const out = expectSuccess(
      await asAdmin('iam', 'create-role', '--role-name', 'app', '--assume-role-policy-document', 'file://trust.json', '--output', 'text', '--query', 'Role.Arn'),
      'create-role',
    );
    expect(out).toBe(`arn:aws:iam::${COMPAT_ACCOUNT_ID}:role/app\n`);
  });

  it('put-role-policy stores the document and get-role-policy gives it back decoded', async () => {
    expectSuccess(await asAdmin('iam', 'put-role-policy', '--role-name', 'app', '--policy-name', 'app-s3', '--policy-document', 'file://policy.json'), 'put-role-policy');
    const got = await json(asAdmin('iam', 'get-role-policy', '--role-name', 'app', '--policy-name', 'app-s3'), 'get-role-policy');
    expect(got).toMatchObject({ RoleName: 'app', PolicyName: 'app-s3', PolicyDocument: ROLE_POLICY });
  });

  it('an instance profile holds the role', async () => {
    const profile = await json(asAdmin('iam', 'create-instance-profile', '--instance-profile-name', 'app'), 'create-instance-profile');
    expect(profile).toMatchObject({ InstanceProfile: { InstanceProfileName: 'app', Roles: [] } });
    expectSuccess(await asAdmin('iam', 'add-role-to-instance-profile', '--instance-profile-name', 'app', '--role-name', 'app'), 'add-role-to-instance-profile');
  });

  it('get-account-authorization-details has the shape of real AWS output', async () => {
    const out = await json(asAdmin('iam', 'get-account-authorization-details'), 'get-account-authorization-details');
    const problems = shapeProblems(shapeOf(out), shapeOf(reference), {
      // Set only on entities that have them; the reference account has none of these.
      extra: ['UserDetailList[].PermissionsBoundary', 'RoleDetailList[].PermissionsBoundary', 'RoleDetailList[].InstanceProfileList[].Tags'],
    });
    expect(problems).toEqual([]);
    const role = (out.RoleDetailList as Array<Record<string, unknown>>).find((r) => r.RoleName === 'app');
    expect(role).toMatchObject({ RolePolicyList: [{ PolicyName: 'app-s3', PolicyDocument: ROLE_POLICY }], InstanceProfileList: [{ InstanceProfileName: 'app' }] });
    expect((out.Policies as Array<{ Arn: string }>).map((p) => p.Arn)).toEqual([ADMIN_POLICY]);
  });

  it('delete-role refuses while the role is in an instance profile, then the documented order works', async () => {
    const refused = await asAdmin('iam', 'delete-role', '--role-name', 'app');
    expect(refused.code).not.toBe(0);
    expect(cliError(refused.stderr)).toBe(
      'An error occurred (DeleteConflict) when calling the DeleteRole operation: Cannot delete entity, must remove roles from instance profile first.',
    );
    expectSuccess(await asAdmin('iam', 'remove-role-from-instance-profile', '--instance-profile-name', 'app', '--role-name', 'app'), 'remove-role-from-instance-profile');
    expectSuccess(await asAdmin('iam', 'delete-instance-profile', '--instance-profile-name', 'app'), 'delete-instance-profile');
    expectSuccess(await asAdmin('iam', 'delete-role-policy', '--role-name', 'app', '--policy-name', 'app-s3'), 'delete-role-policy');
    expectSuccess(await asAdmin('iam', 'delete-role', '--role-name', 'app'), 'delete-role');
    const gone = await asAdmin('iam', 'get-role', '--role-name', 'app');
    expect(cliError(gone.stderr)).toBe('An error occurred (NoSuchEntity) when calling the GetRole operation: The role with name app cannot be found.');
  });

  it('list-users lists the admin', async () => {
    const out = await json(asAdmin('iam', 'list-users'), 'list-users');
    expect((out.Users as Array<{ UserName: string }>).map((u) => u.UserName)).toEqual(['admin']);
  });

  it('a user without policies gets AccessDenied on stderr', async () => {
    await json(asAdmin('iam', 'create-user', '--user-name', 'viewer'), 'create-user viewer');
    const key = (await json(asAdmin('iam', 'create-access-key', '--user-name', 'viewer'), 'create-access-key viewer')).AccessKey as {
      AccessKeyId: string;
      SecretAccessKey: string;
    };
    const denied = await aws({ accessKeyId: key.AccessKeyId, secretAccessKey: key.SecretAccessKey }, 'iam', 'list-users');
    expect(denied.code).not.toBe(0);
    expect(denied.stdout).toBe('');
    expect(cliError(denied.stderr)).toBe(
      `An error occurred (AccessDenied) when calling the ListUsers operation: User: arn:aws:iam::${COMPAT_ACCOUNT_ID}:user/viewer is not authorized to perform: iam:ListUsers on resource: arn:aws:iam::${COMPAT_ACCOUNT_ID}:user/ because no identity-based policy allows the iam:ListUsers action`,
    );
  });
});

/** The CLI's one-line error, without v2's retry note (`operation (reached max retries: 0): ...`). */
function cliError(stderr: string): string {
  return stderr.trim().replace(/ operation \(reached max retries: \d+\):/, ' operation:');
}
