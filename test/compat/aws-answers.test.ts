// The answers fixed to match AWS in issue 9, as every installed aws CLI prints them: tag
// paging (the CLI's own --max-items walks IAM's Marker), an untagged policy's empty Tags, the
// Application Auto Scaling service-linked role name with its list-valued trust policy, and
// AWS's text when there is no password policy to delete.
import { rm } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectJson, expectRefused, runAws, type CliResult } from './aws-cli.js';
import { availableClis } from './available-clis.js';
import { COMPAT_ROOT_KEY, startKeyward, type KeywardProcess } from './keyward-process.js';
import { walkthroughDir } from './walkthrough-files.js';

describe.each(availableClis())('AWS\'s answers with $label', (cli) => {
  let server: KeywardProcess;
  let dir: string;

  beforeAll(async () => {
    server = await startKeyward();
    dir = await walkthroughDir();
  });
  afterAll(async () => {
    await server?.stop();
    if (dir !== undefined) await rm(dir, { recursive: true, force: true });
  });

  const aws = (...args: string[]): Promise<CliResult> => runAws(cli, server.url, COMPAT_ROOT_KEY, args, dir);

  it('list-user-tags pages with --max-items and --starting-token', async () => {
    await expectJson(aws('iam', 'create-user', '--user-name', 'tagged', '--tags', 'Key=k0,Value=0', 'Key=k1,Value=1', 'Key=k2,Value=2'), 'create-user');
    const first = await expectJson(aws('iam', 'list-user-tags', '--user-name', 'tagged', '--max-items', '1'), 'list-user-tags page 1');
    expect((first.Tags as { Key: string }[]).map((t) => t.Key)).toEqual(['k0']);
    expect(typeof first.NextToken).toBe('string');
    const rest = await expectJson(aws('iam', 'list-user-tags', '--user-name', 'tagged', '--starting-token', first.NextToken as string), 'list-user-tags page 2');
    expect((rest.Tags as { Key: string }[]).map((t) => t.Key)).toEqual(['k1', 'k2']);
    expect(rest.NextToken).toBeUndefined();
  });

  it('get-policy of an untagged policy has an empty Tags list', async () => {
    const created = await expectJson(aws('iam', 'create-policy', '--policy-name', 'untagged', '--policy-document', 'file://policy.json'), 'create-policy');
    const arn = (created.Policy as { Arn: string }).Arn;
    const got = await expectJson(aws('iam', 'get-policy', '--policy-arn', arn), 'get-policy');
    expect((got.Policy as { Tags?: unknown }).Tags).toEqual([]);
  });

  it('create-service-linked-role names the Application Auto Scaling role as AWS does', async () => {
    const out = await expectJson(aws('iam', 'create-service-linked-role', '--aws-service-name', 'custom-resource.application-autoscaling.amazonaws.com'), 'create-service-linked-role');
    const role = out.Role as { RoleName: string; AssumeRolePolicyDocument: { Statement: unknown[] } };
    expect(role.RoleName).toBe('AWSServiceRoleForApplicationAutoScaling_CustomResource');
    expect(role.AssumeRolePolicyDocument.Statement[0]).toEqual({
      Effect: 'Allow',
      Principal: { Service: ['custom-resource.application-autoscaling.amazonaws.com'] },
      Action: ['sts:AssumeRole'],
    });
  });

  it('delete-account-password-policy without one says what AWS says', async () => {
    const line = expectRefused(await aws('iam', 'delete-account-password-policy'), 'NoSuchEntity', 'delete-account-password-policy');
    expect(line).toContain('The account policy with name PasswordPolicy cannot be found.');
  });
});
