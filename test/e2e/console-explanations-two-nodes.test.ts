// The console's "why" link on a deployment of two nodes sharing PostgreSQL: a call denied through
// node A is explained through node B, to the denied principal in any session; another principal
// of the account reads it only when allowed sts:DecodeAuthorizationMessage, as the aws CLI would
// decode the AccessDenied's message.

import { CreateLoginProfileCommand, CreateUserCommand, PutUserPolicyCommand } from '@aws-sdk/client-iam';
import { afterAll, describe, expect, it } from 'vitest';
import { ConsoleClient } from '../support/console-client.js';
import { ACCOUNT_ID } from '../support/server.js';
import { startPgCluster, type PgCluster } from './support/pg-cluster.js';

const PASSWORD = 'Correct-Horse-Battery-1';
const SLOW = { timeout: 120_000 };
const userArn = (name: string): string => `arn:aws:iam::${ACCOUNT_ID}:user/${name}`;
const allow = (actions: string[]): string => JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: actions, Resource: '*' }] });

// Set up inside the tests, not in beforeAll: an unreachable PostgreSQL must fail them, not skip them.
let started: Promise<PgCluster> | undefined;
function cluster(): Promise<PgCluster> {
  started ??= (async () => {
    const c = await startPgCluster();
    const iam = c.a.iam();
    for (const [name, actions] of [
      ['alice', ['iam:ListUsers']],
      ['bob', ['iam:GetUser']],
      ['auditor', ['sts:DecodeAuthorizationMessage']],
    ] as const) {
      await iam.send(new CreateUserCommand({ UserName: name }));
      await iam.send(new PutUserPolicyCommand({ UserName: name, PolicyName: 'p', PolicyDocument: allow([...actions]) }));
      await iam.send(new CreateLoginProfileCommand({ UserName: name, Password: PASSWORD }));
    }
    return c;
  })();
  return started;
}

afterAll(async () => {
  await (await started?.catch(() => undefined))?.stop();
}, 60_000);

async function signedIn(url: string, userName: string): Promise<ConsoleClient> {
  const client = new ConsoleClient(url);
  expect((await client.signIn(ACCOUNT_ID, PASSWORD, userName)).status).toBe(200);
  return client;
}

describe('console explanations across two nodes', SLOW, () => {
  it('explains on node B a call denied through node A', async () => {
    const { a, b, sql } = await cluster();
    const onA = await signedIn(a.url, 'alice');
    const denied = await onA.call<{ error: { code: string; requestId: string; explanation: Record<string, unknown> } }>('iam', 'CreateUser', { UserName: 'eve' });
    expect(denied.status).toBe(403);
    const { requestId, explanation } = denied.body.error;
    expect(explanation).toMatchObject({ requestId, principal: userArn('alice'), action: 'iam:CreateUser', decision: 'ImplicitDeny' });

    // The same browser behind a load balancer that now sends it to node B.
    const sameSessionOnB = new ConsoleClient(b.url);
    sameSessionOnB.cookie = onA.cookie;
    const again = await sameSessionOnB.request('GET', `/console/api/explain/${requestId}`);
    expect(again.status).toBe(200);
    expect(again.body).toEqual({ explanation });

    // Alice's other session, signed in through node B, reads it too.
    const aliceOnB = await signedIn(b.url, 'alice');
    expect((await aliceOnB.request('GET', `/console/api/explain/${requestId}`)).body).toEqual({ explanation });

    // What the store keeps is the sealed message, not the explanation's text.
    const rows = await sql<{ principal_arn: string; encoded_message: string }>('SELECT principal_arn, encoded_message FROM console_explanations WHERE request_id = $1', [requestId]);
    expect(rows).toHaveLength(1);
    expect(rows[0]?.principal_arn).toBe(userArn('alice'));
    expect(rows[0]?.encoded_message).not.toContain('CreateUser');
  });

  it('lets another principal read it only with sts:DecodeAuthorizationMessage', async () => {
    const { a, b } = await cluster();
    const onA = await signedIn(a.url, 'alice');
    const denied = await onA.call<{ error: { requestId: string; explanation: Record<string, unknown> } }>('iam', 'DeleteUser', { UserName: 'bob' });
    const { requestId, explanation } = denied.body.error;

    const bob = await signedIn(b.url, 'bob');
    const refused = await bob.request<{ error: { code: string; message: string } }>('GET', `/console/api/explain/${requestId}`);
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe('AccessDenied');
    expect(refused.body.error.message).toContain(`User: ${userArn('bob')} is not authorized to perform: sts:DecodeAuthorizationMessage`);

    const auditor = await signedIn(b.url, 'auditor');
    const read = await auditor.request('GET', `/console/api/explain/${requestId}`);
    expect(read.status).toBe(200);
    expect(read.body).toEqual({ explanation });

    expect((await auditor.request('GET', '/console/api/explain/no-such-request')).status).toBe(404);
    expect((await new ConsoleClient(b.url).request('GET', `/console/api/explain/${requestId}`)).status).toBe(401);
  });
});
