// The role walkthrough with the real aws CLI (every CLI installed): a user allowed to assume
// a role, assume-role, then the role's session credentials (AWS_SESSION_TOKEN) at work.
import { rm } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { credentialsOf, expectJson, expectRefused, expectSuccess, runAws, type CliResult, type Credentials } from './aws-cli.js';
import { availableClis } from './available-clis.js';
import { dirWithJsonFiles } from './json-files.js';
import { COMPAT_ACCOUNT_ID, COMPAT_ROOT_KEY, startKeyward, type KeywardProcess } from './keyward-process.js';

const ACCOUNT = COMPAT_ACCOUNT_ID;
const READER_ARN = `arn:aws:iam::${ACCOUNT}:role/reader`;
// Trusts only another account: the identity policy alone cannot open it.
const FOREIGN_ARN = `arn:aws:iam::${ACCOUNT}:role/foreign`;

const FILES = {
  'dev-policy.json': { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRole', Resource: [READER_ARN, FOREIGN_ARN] }] },
  'trust.json': { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` }, Action: 'sts:AssumeRole' }] },
  'foreign-trust.json': { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::210987654321:root' }, Action: 'sts:AssumeRole' }] },
  'reader-policy.json': { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'iam:List*', Resource: '*' }] },
};

describe.each(availableClis())('role walkthrough with $label', (cli) => {
  let server: KeywardProcess;
  let dir: string;
  let dev: Credentials | undefined;
  let session: Credentials | undefined;

  beforeAll(async () => {
    server = await startKeyward();
    dir = await dirWithJsonFiles(FILES);
  });
  afterAll(async () => {
    await server?.stop();
    if (dir !== undefined) await rm(dir, { recursive: true, force: true });
  });

  const aws = (credentials: Credentials, ...args: string[]): Promise<CliResult> => runAws(cli, server.url, credentials, args, dir);
  const root = (...args: string[]): Promise<CliResult> => aws(COMPAT_ROOT_KEY, ...args);
  const need = (credentials: Credentials | undefined, step: string): Credentials => {
    if (credentials === undefined) throw new Error(`no credentials: ${step} failed`);
    return credentials;
  };

  it('root sets up user dev (may assume roles) and role reader (trusts the account, may iam:List*)', async () => {
    await expectJson(root('iam', 'create-user', '--user-name', 'dev'), 'create-user');
    expectSuccess(await root('iam', 'put-user-policy', '--user-name', 'dev', '--policy-name', 'assume', '--policy-document', 'file://dev-policy.json'), 'put-user-policy');
    dev = credentialsOf(await expectJson(root('iam', 'create-access-key', '--user-name', 'dev'), 'create-access-key'));
    const role = await expectJson(root('iam', 'create-role', '--role-name', 'reader', '--assume-role-policy-document', 'file://trust.json'), 'create-role');
    expect(role).toMatchObject({ Role: { RoleName: 'reader', Arn: READER_ARN } });
    expectSuccess(await root('iam', 'put-role-policy', '--role-name', 'reader', '--policy-name', 'list', '--policy-document', 'file://reader-policy.json'), 'put-role-policy');
  });

  it('dev assumes reader: temporary ASIA credentials and the assumed-role user', async () => {
    const out = await expectJson(aws(need(dev, 'setup'), 'sts', 'assume-role', '--role-arn', READER_ARN, '--role-session-name', 's1'), 'assume-role');
    expect(out).toMatchObject({ AssumedRoleUser: { Arn: `arn:aws:sts::${ACCOUNT}:assumed-role/reader/s1` } });
    expect((out.AssumedRoleUser as { AssumedRoleId: string }).AssumedRoleId).toMatch(/^AROA[A-Z0-9]+:s1$/);
    session = credentialsOf(out);
    expect(session.accessKeyId).toMatch(/^ASIA/);
    expect(session.sessionToken).toBeTruthy();
    expect(Date.parse((out.Credentials as { Expiration: string }).Expiration)).toBeGreaterThan(Date.now());
  });

  it('with the session credentials: get-caller-identity is the session, list-users works, create-user is denied', async () => {
    const creds = need(session, 'assume-role');
    const identity = await expectJson(aws(creds, 'sts', 'get-caller-identity'), 'get-caller-identity');
    expect(identity).toMatchObject({ Account: ACCOUNT, Arn: `arn:aws:sts::${ACCOUNT}:assumed-role/reader/s1` });
    const users = await expectJson(aws(creds, 'iam', 'list-users'), 'list-users');
    expect((users.Users as Array<{ UserName: string }>).map((u) => u.UserName)).toEqual(['dev']);
    const denied = expectRefused(await aws(creds, 'iam', 'create-user', '--user-name', 'intruder'), 'AccessDenied', 'create-user as reader');
    expect(denied).toBe(
      `An error occurred (AccessDenied) when calling the CreateUser operation: User: arn:aws:sts::${ACCOUNT}:assumed-role/reader/s1 is not authorized to perform: iam:CreateUser on resource: arn:aws:iam::${ACCOUNT}:user/intruder because no identity-based policy allows the iam:CreateUser action`,
    );
  });

  it('a role that trusts another account refuses dev even though dev may call sts:AssumeRole on it', async () => {
    expectSuccess(await root('iam', 'create-role', '--role-name', 'foreign', '--assume-role-policy-document', 'file://foreign-trust.json'), 'create-role foreign');
    const refused = await aws(need(dev, 'setup'), 'sts', 'assume-role', '--role-arn', FOREIGN_ARN, '--role-session-name', 's2');
    // AWS ends the sentence at the role ARN (no "because ..." reason on AssumeRole); only the prefix is pinned here.
    expect(expectRefused(refused, 'AccessDenied', 'assume-role foreign')).toMatch(
      new RegExp(`^${escape(`An error occurred (AccessDenied) when calling the AssumeRole operation: User: arn:aws:iam::${ACCOUNT}:user/dev is not authorized to perform: sts:AssumeRole on resource: ${FOREIGN_ARN}`)}( |$)`),
    );
  });
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
