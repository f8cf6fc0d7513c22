// Alerts on two nodes sharing PostgreSQL: a rule made through node A matches calls made
// through either node, and with both nodes' delivery workers running, every matching event
// reaches the receiver exactly once.

import { CreateApiDestinationCommand, CreateConnectionCommand, PutRuleCommand, PutTargetsCommand } from '@aws-sdk/client-eventbridge';
import { CreateUserCommand } from '@aws-sdk/client-iam';
import { afterAll, describe, expect, it } from 'vitest';
import { eventBridgeClient, startWebhookReceiver, type WebhookReceiver } from '../support/eventbridge.js';
import { startPgCluster, type PgCluster } from './support/pg-cluster.js';

// The first start seeds the AWS managed policy catalogue, which takes seconds on PostgreSQL.
const SLOW = { timeout: 120_000 };
const USERS = 24;

let cluster: PgCluster | undefined;
let receiver: WebhookReceiver | undefined;
afterAll(async () => {
  await cluster?.stop();
  await receiver?.close();
}, 60_000);

describe('alerts across two nodes on PostgreSQL', SLOW, () => {
  it('delivers each matching event once, whichever node took the call', async () => {
    cluster = await startPgCluster();
    receiver = await startWebhookReceiver();
    const { a, b } = cluster;
    const eb = eventBridgeClient(a.url);
    const { ConnectionArn } = await eb.send(
      new CreateConnectionCommand({ Name: 'two-nodes', AuthorizationType: 'BASIC', AuthParameters: { BasicAuthParameters: { Username: 'alerts', Password: 'two-node-password' } } }),
    );
    const { ApiDestinationArn } = await eb.send(new CreateApiDestinationCommand({ Name: 'two-nodes', ConnectionArn, InvocationEndpoint: receiver.url, HttpMethod: 'POST' }));
    await eb.send(new PutRuleCommand({ Name: 'two-nodes', EventPattern: JSON.stringify({ detail: { eventName: ['CreateUser'] } }) }));
    await eb.send(new PutTargetsCommand({ Rule: 'two-nodes', Targets: [{ Id: 'hook', Arn: ApiDestinationArn }] }));

    await Promise.all(Array.from({ length: USERS }, (_, i) => (i % 2 === 0 ? a : b).iam().send(new CreateUserCommand({ UserName: `two-node-${i}` }))));
    const delivered = await receiver.waitForDelivered(USERS, 30_000);
    // Both workers keep polling; give a duplicate time to show up.
    await new Promise((r) => setTimeout(r, 2500));
    expect(receiver.received).toHaveLength(USERS);
    const names = delivered.map((r) => (JSON.parse(r.body) as { detail: { requestParameters: { userName: string } } }).detail.requestParameters.userName).sort();
    expect(names).toEqual(Array.from({ length: USERS }, (_, i) => `two-node-${i}`).sort());
    expect(delivered[0]!.headers.authorization).toBe(`Basic ${Buffer.from('alerts:two-node-password').toString('base64')}`);
    const rows = await cluster.sql<{ n: string }>('SELECT COUNT(*) AS n FROM events_outbox');
    expect(Number(rows[0]!.n)).toBe(0);
  });
});
