// The console federation endpoint as AWS has it: temporary credentials from the SDK's
// AssumeRole (or GetFederationToken) -> getSigninToken -> login -> a console session that calls
// as the assumed role. Tokens work once and for 15 minutes; long-term keys are refused.

import { CreateUserCommand, ListUsersCommand } from '@aws-sdk/client-iam';
import { AssumeRoleCommand, GetFederationTokenCommand, GetSessionTokenCommand } from '@aws-sdk/client-sts';
import { LookupEventsCommand } from '@aws-sdk/client-cloudtrail';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cloudTrailClient } from '../support/cloudtrail-client.js';
import { ConsoleClient } from '../support/console-client.js';
import { ACCOUNT_ID, type TestServer } from '../support/server.js';
import { accountRoot, createRole, createUser, policy, sessionKeys, startStsNode, statement, trust, type Keys, type StsNode } from '../support/sts-fixtures.js';

let t: StsNode;
let userKeys: Keys;

function sessionParam(keys: Keys): string {
  return encodeURIComponent(JSON.stringify({ sessionId: keys.accessKeyId, sessionKey: keys.secretAccessKey, sessionToken: keys.sessionToken }));
}

async function getSigninToken(keys: Keys, duration?: number): Promise<{ status: number; body: { SigninToken?: string } }> {
  const res = await fetch(`${t.node.url}/federation?Action=getSigninToken${duration === undefined ? '' : `&SessionDuration=${duration}`}&Session=${sessionParam(keys)}`);
  return { status: res.status, body: (await res.json()) as { SigninToken?: string } };
}

async function login(token: string, destination: string): Promise<{ status: number; location: string | null; browser: ConsoleClient }> {
  const browser = new ConsoleClient(t.node.url);
  const res = await fetch(`${t.node.url}/federation?Action=login&Issuer=${encodeURIComponent('https://broker.example')}&Destination=${encodeURIComponent(destination)}&SigninToken=${encodeURIComponent(token)}`, { redirect: 'manual' });
  const cookie = res.headers.getSetCookie()[0];
  if (cookie !== undefined) browser.cookie = cookie.split(';')[0];
  await res.arrayBuffer();
  return { status: res.status, location: res.headers.get('location'), browser };
}

beforeAll(async () => {
  t = await startStsNode();
  userKeys = await createUser(t, 'broker', policy(statement('Allow', ['sts:AssumeRole', 'sts:GetFederationToken', 'iam:ListUsers'])));
  await createRole(t, 'Reader', trust(accountRoot), { inlinePolicy: policy(statement('Allow', 'iam:ListUsers')), maxSessionDuration: 43_200 });
}, 60_000);
afterAll(async () => {
  await t?.stop();
});

describe('console federation sign-in', { timeout: 60_000 }, () => {
  it('signs in from AssumeRole credentials and calls as the assumed role', async () => {
    const assumed = await t.sts(userKeys).send(new AssumeRoleCommand({ RoleArn: `arn:aws:iam::${ACCOUNT_ID}:role/Reader`, RoleSessionName: 'console-alice', DurationSeconds: 3600 }));
    const keys = sessionKeys(assumed.Credentials);
    const token = await getSigninToken(keys, 43_200);
    expect(token.status).toBe(200);
    expect(typeof token.body.SigninToken).toBe('string');

    const { status, location, browser } = await login(token.body.SigninToken!, `${t.node.url}/console/users?x=1`);
    expect(status).toBe(302);
    expect(location).toBe('/console/users?x=1');
    const session = await browser.session();
    const sessionArn = `arn:aws:sts::${ACCOUNT_ID}:assumed-role/Reader/console-alice`;
    expect(session.body).toMatchObject({ signedIn: true, principal: { type: 'AssumedRole', arn: sessionArn, accountId: ACCOUNT_ID, displayName: 'Reader/console-alice' } });
    // SessionDuration cannot stretch the console past the credentials' own hour.
    expect(Date.parse(String(session.body.expiresAt))).toBe(assumed.Credentials!.Expiration!.getTime());

    const listed = await browser.call<{ output: { Users: { UserName: string }[] } }>('iam', 'ListUsers');
    expect(listed.status).toBe(200);
    const sdk = await t.iam(keys).send(new ListUsersCommand({}));
    expect(listed.body.output.Users.map((u) => u.UserName)).toEqual(sdk.Users!.map((u) => u.UserName));
    const denied = await browser.call<{ error: { code: string; message: string } }>('iam', 'CreateUser', { UserName: 'nope' });
    const sdkDenied = await t.iam(keys).send(new CreateUserCommand({ UserName: 'nope' })).catch((e: Error) => e);
    expect(denied.body.error.code).toBe('AccessDenied');
    expect(sdkDenied).toMatchObject({ name: 'AccessDenied', message: denied.body.error.message });
    expect(denied.body.error.message).toContain(sessionArn);

    // The token worked once.
    expect((await login(token.body.SigninToken!, '/console/')).status).toBe(400);

    // The sign-in is in the trail as the role session's ConsoleLogin.
    await t.node.server.flushUsage();
    const events = await cloudTrailClient({ server: t.node.server } as TestServer).send(new LookupEventsCommand({ LookupAttributes: [{ AttributeKey: 'EventName', AttributeValue: 'ConsoleLogin' }] }));
    const record = JSON.parse(events.Events![0]!.CloudTrailEvent!) as { userIdentity: { type: string; arn: string }; responseElements: object };
    expect(record).toMatchObject({ userIdentity: { type: 'AssumedRole', arn: sessionArn }, responseElements: { ConsoleLogin: 'Success' } });
  });

  it('accepts GetFederationToken credentials (without SessionDuration), whose console may call IAM', async () => {
    const federated = await t.sts(userKeys).send(new GetFederationTokenCommand({ Name: 'fed-bob', Policy: policy(statement('Allow', 'iam:ListUsers')) }));
    const keys = sessionKeys(federated.Credentials);
    expect((await getSigninToken(keys, 3600)).status).toBe(400);
    const token = await getSigninToken(keys);
    expect(token.status).toBe(200);
    const { browser, location } = await login(token.body.SigninToken!, 'https://evil.example/steal');
    // Only a same-origin console page is a destination.
    expect(location).toBe('/console/');
    expect((await browser.session()).body).toMatchObject({ principal: { type: 'FederatedUser', arn: `arn:aws:sts::${ACCOUNT_ID}:federated-user/fed-bob` } });
    expect((await browser.call('iam', 'ListUsers')).status).toBe(200);
  });

  it('refuses long-term keys, GetSessionToken sessions, tampered secrets and expired tokens', async () => {
    const refused = await getSigninToken(userKeys);
    expect(refused).toEqual({
      status: 400,
      body: { error: { code: 'InvalidCredentials', message: 'Invalid Credentials Parameter. The request sent by the client was syntactically incorrect.' } },
    });
    const malformed = await fetch(`${t.node.url}/federation?Action=getSigninToken&Session=not-json`);
    expect([malformed.status, await malformed.json()]).toEqual([400, refused.body]);
    const own = await t.sts(userKeys).send(new GetSessionTokenCommand({}));
    expect((await getSigninToken(sessionKeys(own.Credentials))).status).toBe(400);
    const assumed = await t.sts(userKeys).send(new AssumeRoleCommand({ RoleArn: `arn:aws:iam::${ACCOUNT_ID}:role/Reader`, RoleSessionName: 'late' }));
    const keys = sessionKeys(assumed.Credentials);
    expect((await getSigninToken({ ...keys, secretAccessKey: `${keys.secretAccessKey.slice(0, -1)}x` })).status).toBe(400);
    expect((await getSigninToken(keys, 100)).status).toBe(400);
    const token = await getSigninToken(keys);
    t.advance(15 * 60_000 + 1000);
    // A refused token signs nobody in and redirects nowhere.
    for (const bad of [token.body.SigninToken!, 'garbage']) {
      const answer = await login(bad, '/console/');
      expect(answer.status).toBe(400);
      expect(answer.location).toBeNull();
      expect(answer.browser.cookie).toBeUndefined();
    }
    const unknownAction = await fetch(`${t.node.url}/federation?Action=nothing`);
    expect([unknownAction.status, await unknownAction.json()]).toEqual([400, { error: { code: 'InvalidRequest', message: 'Action must be getSigninToken or login.' } }]);
  });
});
