import {
  AttachUserPolicyCommand,
  CreateAccessKeyCommand,
  CreateAccountAliasCommand,
  CreateGroupCommand,
  CreatePolicyCommand,
  CreateRoleCommand,
  CreateUserCommand,
  GetAccountPasswordPolicyCommand,
  GetPolicyCommand,
  GetUserCommand,
  IAMClient,
  ListAccountAliasesCommand,
  ListGroupsCommand,
  ListPoliciesCommand,
  ListRolesCommand,
  ListUsersCommand,
  PutUserPolicyCommand,
  UpdateAccountPasswordPolicyCommand,
} from '@aws-sdk/client-iam';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startKeyward, TEST_ACCOUNT_ID, TEST_ROOT_CREDENTIALS, type TestingKeyward } from './index.js';

const TRUST = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }] });
const ALLOW_ALL = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] });

async function errorCode(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    return (error as { name: string }).name;
  }
  throw new Error('the call succeeded');
}

describe('startKeyward', () => {
  let keyward: TestingKeyward;
  let iam: IAMClient;

  beforeAll(async () => {
    keyward = await startKeyward();
    iam = new IAMClient({ ...keyward.clientConfig, maxAttempts: 1 });
  });
  afterAll(async () => {
    await keyward?.stop();
  });

  it('serves the given account to the default root credentials', async () => {
    expect(keyward.accountId).toBe(TEST_ACCOUNT_ID);
    expect(keyward.credentials).toEqual(TEST_ROOT_CREDENTIALS);
    expect(keyward.endpoint).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(keyward.clientConfig).toEqual({ endpoint: keyward.endpoint, region: 'us-east-1', credentials: TEST_ROOT_CREDENTIALS });
    const sts = new STSClient({ ...keyward.clientConfig, maxAttempts: 1 });
    const identity = await sts.send(new GetCallerIdentityCommand({}));
    expect(identity.Arn).toBe(`arn:aws:iam::${TEST_ACCOUNT_ID}:root`);
  });

  it('reset removes everything created since the start and keeps the root key and AWS managed policies', async () => {
    await iam.send(new CreateUserCommand({ UserName: 'alice' }));
    await iam.send(new PutUserPolicyCommand({ UserName: 'alice', PolicyName: 'all', PolicyDocument: ALLOW_ALL }));
    const { AccessKey } = await iam.send(new CreateAccessKeyCommand({ UserName: 'alice' }));
    const alice = { accessKeyId: AccessKey?.AccessKeyId ?? '', secretAccessKey: AccessKey?.SecretAccessKey ?? '' };
    const { Policy } = await iam.send(new CreatePolicyCommand({ PolicyName: 'mine', PolicyDocument: ALLOW_ALL }));
    await iam.send(new AttachUserPolicyCommand({ UserName: 'alice', PolicyArn: Policy?.Arn }));
    await iam.send(new AttachUserPolicyCommand({ UserName: 'alice', PolicyArn: 'arn:aws:iam::aws:policy/ReadOnlyAccess' }));
    await iam.send(new CreateGroupCommand({ GroupName: 'admins' }));
    await iam.send(new CreateRoleCommand({ RoleName: 'app', AssumeRolePolicyDocument: TRUST }));
    await iam.send(new CreateAccountAliasCommand({ AccountAlias: 'keyward-testing' }));
    await iam.send(new UpdateAccountPasswordPolicyCommand({ MinimumPasswordLength: 20 }));
    // Alice's key is now in the server's caller cache: reset must drop it there too.
    const asAlice = new IAMClient({ ...keyward.clientConfig, credentials: alice, maxAttempts: 1 });
    expect((await asAlice.send(new GetUserCommand({}))).User?.UserName).toBe('alice');

    await keyward.reset();

    expect((await iam.send(new ListUsersCommand({}))).Users).toEqual([]);
    expect((await iam.send(new ListGroupsCommand({}))).Groups).toEqual([]);
    expect((await iam.send(new ListRolesCommand({}))).Roles).toEqual([]);
    expect((await iam.send(new ListPoliciesCommand({ Scope: 'Local' }))).Policies).toEqual([]);
    expect((await iam.send(new ListAccountAliasesCommand({}))).AccountAliases).toEqual([]);
    expect(await errorCode(iam.send(new GetAccountPasswordPolicyCommand({})))).toBe('NoSuchEntityException');
    expect(await errorCode(asAlice.send(new GetUserCommand({})))).toBe('InvalidClientTokenId');
    const readOnly = await iam.send(new GetPolicyCommand({ PolicyArn: 'arn:aws:iam::aws:policy/ReadOnlyAccess' }));
    expect(readOnly.Policy?.AttachmentCount).toBe(0);
    // The names are free again.
    await iam.send(new CreateUserCommand({ UserName: 'alice' }));
    expect((await iam.send(new ListUsersCommand({}))).Users?.map((u) => u.UserName)).toEqual(['alice']);
    await keyward.reset();
    expect((await iam.send(new ListUsersCommand({}))).Users).toEqual([]);
  });
});

describe('startKeyward options', () => {
  it('takes an account id, root credentials and region; stop closes the port', async () => {
    const credentials = { accessKeyId: 'AKIAOTHERTESTINGROOT', secretAccessKey: 'another-root-secret-for-this-test-only' };
    const keyward = await startKeyward({ accountId: '210987654321', credentials, region: 'eu-west-1' });
    const sts = new STSClient({ ...keyward.clientConfig, maxAttempts: 1 });
    try {
      expect(keyward.clientConfig.region).toBe('eu-west-1');
      expect((await sts.send(new GetCallerIdentityCommand({}))).Account).toBe('210987654321');
      const wrong = new STSClient({ ...keyward.clientConfig, credentials: TEST_ROOT_CREDENTIALS, maxAttempts: 1 });
      expect(await errorCode(wrong.send(new GetCallerIdentityCommand({})))).toBe('InvalidClientTokenId');
    } finally {
      await keyward.stop();
    }
    await expect(fetch(keyward.endpoint)).rejects.toThrow();
  });
});
