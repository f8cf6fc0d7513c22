// The console's search across the whole account (GET /console/api/search/<kind>): names
// containing the text, whatever page IAM's List* would put them on, in the List* output's shape
// with IAM's markers; allowed only to a principal allowed the List* action, which is refused
// with AWS's AccessDenied and its explanation otherwise.

import { CreateGroupCommand, CreateLoginProfileCommand, CreatePolicyCommand, CreateRoleCommand, CreateUserCommand, ListUsersCommand } from '@aws-sdk/client-iam';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConsoleClient } from '../support/console-client.js';
import { ACCOUNT_ID } from '../support/server.js';
import { createUser, policy, startStsNode, statement, userArnOf, type Keys, type StsNode } from '../support/sts-fixtures.js';

const PASSWORD = 'Correct-Horse-Battery-1';
const USERS = 130;
const numbered = (i: number): string => `user-${String(i).padStart(3, '0')}`;

let t: StsNode;
let aliceKeys: Keys;

interface Listed {
  output: { Users?: { UserName: string; CreateDate: string; Arn: string }[]; IsTruncated: boolean; Marker?: string; [k: string]: unknown };
}

beforeAll(async () => {
  t = await startStsNode();
  aliceKeys = await createUser(t, 'alice', policy(statement('Allow', ['iam:ListUsers', 'iam:ListGroups', 'iam:ListRoles', 'iam:ListPolicies'])));
  await createUser(t, 'bob', policy(statement('Allow', 'iam:GetUser')));
  for (const name of ['alice', 'bob']) await t.iam().send(new CreateLoginProfileCommand({ UserName: name, Password: PASSWORD }));
  const iam = t.iam();
  for (let i = 0; i < USERS; i += 8) await Promise.all(Array.from({ length: Math.min(8, USERS - i) }, (_, j) => iam.send(new CreateUserCommand({ UserName: numbered(i + j) }))));
  await iam.send(new CreateGroupCommand({ GroupName: 'Platform-Admins' }));
  await iam.send(new CreateRoleCommand({ RoleName: 'deploy-PROD', AssumeRolePolicyDocument: policy({ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${ACCOUNT_ID}:root` }, Action: 'sts:AssumeRole' }) }));
  await iam.send(new CreatePolicyCommand({ PolicyName: 'ProdDeploy', PolicyDocument: policy(statement('Allow', 's3:GetObject')) }));
}, 120_000);
afterAll(async () => {
  await t?.stop();
});

async function signedIn(userName: string): Promise<ConsoleClient> {
  const browser = new ConsoleClient(t.node.url);
  expect((await browser.signIn(ACCOUNT_ID, PASSWORD, userName)).status).toBe(200);
  return browser;
}

describe('console search', { timeout: 60_000 }, () => {
  it('finds users on any page of the account by a name substring, ignoring case', async () => {
    const alice = await signedIn('alice');
    // IAM's own first page stops long before user-12x.
    const first = await t.iam(aliceKeys).send(new ListUsersCommand({ MaxItems: 50 }));
    expect(first.Users?.map((u) => u.UserName)).not.toContain('user-125');
    const found = await alice.request<Listed>('GET', '/console/api/search/users?contains=USER-12');
    expect(found.status).toBe(200);
    expect(found.body.output.Users?.map((u) => u.UserName)).toEqual(['user-120', 'user-121', 'user-122', 'user-123', 'user-124', 'user-125', 'user-126', 'user-127', 'user-128', 'user-129']);
    expect(found.body.output.IsTruncated).toBe(false);
    // The List* member shape, as the SDK answers ListUsers.
    const sdk = (await t.iam(aliceKeys).send(new ListUsersCommand({ PathPrefix: '/' }))).Users?.find((u) => u.UserName === 'alice');
    const mine = (await alice.request<Listed>('GET', '/console/api/search/users?contains=alice')).body.output.Users?.[0];
    expect(Object.keys(mine ?? {}).sort()).toEqual(Object.keys(sdk ?? {}).sort());
    expect(mine).toMatchObject({ Path: '/', UserName: 'alice', UserId: sdk?.UserId, Arn: userArnOf('alice') });
    expect(Date.parse(String(mine?.CreateDate))).toBe(sdk?.CreateDate?.getTime());
  });

  it('pages the matches with markers', async () => {
    const alice = await signedIn('alice');
    const names: string[] = [];
    let marker: string | undefined;
    let pages = 0;
    do {
      const res = await alice.request<Listed>('GET', `/console/api/search/users?contains=-0&maxItems=30${marker === undefined ? '' : `&marker=${encodeURIComponent(marker)}`}`);
      expect(res.status).toBe(200);
      names.push(...(res.body.output.Users ?? []).map((u) => u.UserName));
      marker = res.body.output.IsTruncated ? res.body.output.Marker : undefined;
      pages += 1;
    } while (marker !== undefined);
    expect(pages).toBe(4);
    expect(names).toEqual(Array.from({ length: 100 }, (_, i) => numbered(i)));
  });

  it('searches groups, roles and policies the same way', async () => {
    const alice = await signedIn('alice');
    const groups = await alice.request<Listed>('GET', '/console/api/search/groups?contains=admins');
    expect((groups.body.output.Groups as { GroupName: string }[]).map((g) => g.GroupName)).toEqual(['Platform-Admins']);
    const roles = await alice.request<Listed>('GET', '/console/api/search/roles?contains=prod');
    expect((roles.body.output.Roles as { RoleName: string }[]).map((r) => r.RoleName)).toEqual(['deploy-PROD']);
    const local = await alice.request<Listed>('GET', '/console/api/search/policies?contains=deploy&scope=Local');
    expect((local.body.output.Policies as { PolicyName: string; AttachmentCount: number }[]).map((p) => [p.PolicyName, p.AttachmentCount])).toEqual([['ProdDeploy', 0]]);
    const aws = await alice.request<Listed>('GET', '/console/api/search/policies?contains=AdministratorAccess&scope=AWS');
    expect((aws.body.output.Policies as { PolicyName: string }[]).map((p) => p.PolicyName)).toContain('AdministratorAccess');
  });

  it('refuses a principal without the List* permission with AWS AccessDenied and its explanation', async () => {
    const bob = await signedIn('bob');
    const res = await bob.request<{ error: { code: string; message: string; requestId: string; explanation: { action: string } } }>('GET', '/console/api/search/users?contains=user');
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('AccessDenied');
    expect(res.body.error.message).toContain(`User: ${userArnOf('bob')} is not authorized to perform: iam:ListUsers`);
    expect(res.body.error.explanation.action).toBe('iam:ListUsers');
    expect((await bob.request('GET', `/console/api/explain/${res.body.error.requestId}`)).status).toBe(200);
    expect(JSON.stringify(res.body)).not.toContain('user-001');
  });

  it('answers bad input with a console error, never a 500', async () => {
    const alice = await signedIn('alice');
    expect((await alice.request('GET', '/console/api/search/accesskeys?contains=x')).status).toBe(404);
    expect((await alice.request('GET', `/console/api/search/users?contains=${'x'.repeat(129)}`)).status).toBe(400);
    expect((await alice.request('GET', '/console/api/search/users?maxItems=0')).status).toBe(400);
    expect((await alice.request('GET', '/console/api/search/users?maxItems=abc')).status).toBe(400);
    expect((await alice.request('GET', '/console/api/search/users?contains=%25%5F')).status).toBe(200);
    expect((await new ConsoleClient(t.node.url).request('GET', '/console/api/search/users')).status).toBe(401);
  });
});
