// `keyward vault login` against the real console: the URL it prints (from a role profile's
// session, or a plain profile's GetFederationToken session) signs a browser in to Keyward's
// console, which then calls as that role or federated user.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConsoleClient } from '../support/console-client.js';
import { ACCOUNT_ID } from '../support/server.js';
import { accountRoot, createRole, createUser, policy, roleArnOf, startStsNode, statement, trust, type StsNode } from '../support/sts-fixtures.js';
import { vaultHarness, type VaultHarness } from '../support/vault-fixtures.js';

let t: StsNode;
let v: VaultHarness;

beforeAll(async () => {
  t = await startStsNode();
  v = await vaultHarness({ now: () => t.now() });
  const keys = await createUser(t, 'vault-login-dev', policy(statement('Allow', ['sts:AssumeRole', 'sts:GetFederationToken', 'iam:ListUsers'])));
  await createRole(t, 'vault-login-role', trust(accountRoot), { inlinePolicy: policy(statement('Allow', 'iam:ListUsers')) });
  await v.writeConfig(`
[profile dev]
region = us-east-1
endpoint_url = ${t.node.url}

[profile role]
source_profile = dev
role_arn = ${roleArnOf('vault-login-role')}
role_session_name = vault-login
`);
  const added = await v.run(['add', 'dev', '--env'], { env: { AWS_ACCESS_KEY_ID: keys.accessKeyId, AWS_SECRET_ACCESS_KEY: keys.secretAccessKey } });
  expect(added.code).toBe(0);
}, 60_000);
afterAll(async () => {
  await t?.stop();
  await v?.cleanup();
});

/** Opens the printed URL as a browser would: the redirect, the cookie, then the console. */
async function follow(url: string): Promise<{ location: string | null; browser: ConsoleClient }> {
  const res = await fetch(url, { redirect: 'manual' });
  await res.arrayBuffer();
  const browser = new ConsoleClient(t.node.url);
  const cookie = res.headers.getSetCookie()[0];
  if (cookie !== undefined) browser.cookie = cookie.split(';')[0];
  return { location: res.headers.get('location'), browser };
}

describe('keyward vault login', { timeout: 60_000 }, () => {
  it('prints a URL that signs in to the console as the role profile', async () => {
    const run = await v.run(['login', 'role']);
    expect(run.code).toBe(0);
    const url = new URL(run.out.trim());
    expect(url.origin + url.pathname).toBe(`${t.node.url}/federation`);
    expect(url.searchParams.get('Action')).toBe('login');
    const { location, browser } = await follow(url.toString());
    expect(location).toBe('/console/');
    const session = await browser.session();
    expect(session.body).toMatchObject({ signedIn: true, principal: { type: 'AssumedRole', arn: `arn:aws:sts::${ACCOUNT_ID}:assumed-role/vault-login-role/vault-login` } });
    expect((await browser.call('iam', 'ListUsers')).status).toBe(200);
    expect((await browser.call('iam', 'CreateUser', { UserName: 'x' })).body).toMatchObject({ error: { code: 'AccessDenied' } });
  });

  it('signs a plain profile in as a federated user', async () => {
    const run = await v.run(['login', 'dev']);
    expect(run.code).toBe(0);
    const { browser } = await follow(run.out.trim());
    expect((await browser.session()).body).toMatchObject({ signedIn: true, principal: { type: 'FederatedUser' } });
    expect((await browser.call('iam', 'ListUsers')).status).toBe(200);
  });
});
