// Alerts end to end on SQLite: rules made with the EventBridge SDK client match the trail's
// events, and the delivery worker POSTs them to a webhook receiver on loopback, signed and
// authenticated as the connection says; retried after the receiver fails, dead-lettered
// after too many failures and replayed, and never lost across a restart.

import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreateApiDestinationCommand, CreateConnectionCommand, PutRuleCommand, PutTargetsCommand, type RuleState } from '@aws-sdk/client-eventbridge';
import { CreateAccessKeyCommand, CreateGroupCommand, CreateUserCommand, GetUserCommand } from '@aws-sdk/client-iam';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyWebhook } from '../../src/audit/rules/webhook-signature.js';
import { fakeIo } from '../../src/cli/fake-io.case.js';
import { main } from '../../src/cli/main.js';
import { openStore } from '../../src/storage/open-store.js';
import { eventBridgeClient, startWebhookReceiver, type WebhookReceiver } from '../support/eventbridge.js';
import { ACCOUNT_ID, startTestServer, type TestServer } from '../support/server.js';

const FAST = { pollMs: 50, retryBaseMs: 100, retryMaxMs: 400, maxAttempts: 3 };
const SECRET = 'alert-key-0123456789';

/** A rule named `name` with `pattern`, targeting `receiver` through an API_KEY connection. */
async function alertRule(server: TestServer, name: string, pattern: object, receiver: WebhookReceiver, state: RuleState = 'ENABLED'): Promise<void> {
  const eb = eventBridgeClient(server.server.url);
  const { ConnectionArn } = await eb.send(
    new CreateConnectionCommand({ Name: `${name}-conn`, AuthorizationType: 'API_KEY', AuthParameters: { ApiKeyAuthParameters: { ApiKeyName: 'X-Api-Key', ApiKeyValue: SECRET } } }),
  );
  const { ApiDestinationArn } = await eb.send(new CreateApiDestinationCommand({ Name: `${name}-dest`, ConnectionArn, InvocationEndpoint: receiver.url, HttpMethod: 'POST' }));
  await eb.send(new PutRuleCommand({ Name: name, EventPattern: JSON.stringify(pattern), State: state }));
  const put = await eb.send(new PutTargetsCommand({ Rule: name, Targets: [{ Id: 'hook', Arn: ApiDestinationArn }] }));
  expect(put.FailedEntryCount).toBe(0);
}

interface Envelope {
  id: string;
  'detail-type': string;
  source: string;
  account: string;
  detail: { eventName: string; eventID: string; readOnly: boolean; requestParameters?: Record<string, unknown>; userIdentity: { type: string } };
}

const envelope = (body: string): Envelope => JSON.parse(body) as Envelope;

describe('alerts to a webhook', () => {
  let server: TestServer;
  let receiver: WebhookReceiver;
  beforeAll(async () => {
    server = await startTestServer({ alerts: { delivery: FAST } });
    receiver = await startWebhookReceiver();
  }, 60_000);
  afterAll(async () => {
    await server?.stop();
    await receiver?.close();
  });

  it('posts each matching event once, as EventBridge delivers it, signed and with the API key', async () => {
    await alertRule(server, 'user-created', { source: ['aws.iam'], detail: { eventName: ['CreateUser'] } }, receiver);
    const iam = server.iam();
    await iam.send(new CreateGroupCommand({ GroupName: 'not-alerted' }));
    await iam.send(new CreateUserCommand({ UserName: 'alerted-1' }));
    await iam.send(new CreateUserCommand({ UserName: 'alerted-2' }));
    const delivered = await receiver.waitForDelivered(2);
    const names = delivered.map((r) => envelope(r.body).detail.requestParameters?.userName).sort();
    expect(names).toEqual(['alerted-1', 'alerted-2']);
    const first = delivered[0]!;
    const event = envelope(first.body);
    expect(event).toMatchObject({ 'detail-type': 'AWS API Call via CloudTrail', source: 'aws.iam', account: ACCOUNT_ID, detail: { eventName: 'CreateUser', userIdentity: { type: 'Root' } } });
    expect(first.headers['x-api-key']).toBe(SECRET);
    expect(first.headers['content-type']).toMatch(/^application\/json/);
    expect(verifyWebhook(SECRET, first.body, String(first.headers['x-keyward-signature']), Math.floor(Date.now() / 1000))).toBe(true);
    expect(verifyWebhook('another-secret', first.body, String(first.headers['x-keyward-signature']), Math.floor(Date.now() / 1000))).toBe(false);
    // Nothing else arrives: CreateGroup did not match, and each event came once.
    await new Promise((r) => setTimeout(r, 300));
    expect(receiver.received.filter((r) => envelope(r.body).detail.eventName !== 'CreateUser')).toEqual([]);
    expect(new Set(receiver.received.map((r) => envelope(r.body).id)).size).toBe(receiver.received.length);
  });

  it('gives read-only events only to rules that ask for all management events', async () => {
    const reads = await startWebhookReceiver();
    try {
      await alertRule(server, 'reads-enabled', { detail: { eventName: ['GetUser'] } }, reads, 'ENABLED');
      await alertRule(server, 'reads-all', { detail: { eventName: ['GetUser'] } }, reads, 'ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS');
      await server.iam().send(new GetUserCommand({ UserName: 'alerted-1' }));
      await server.server.flushUsage();
      const [got] = await reads.waitForDelivered(1);
      expect(envelope(got!.body).detail).toMatchObject({ eventName: 'GetUser', readOnly: true });
      await new Promise((r) => setTimeout(r, 300));
      expect(reads.received).toHaveLength(1);
    } finally {
      await reads.close();
    }
  });

  it('retries after the receiver fails, with the same event', async () => {
    const flaky = await startWebhookReceiver();
    try {
      await alertRule(server, 'flaky', { detail: { eventName: ['CreateAccessKey'] } }, flaky);
      flaky.respondWith(500);
      await server.iam().send(new CreateAccessKeyCommand({ UserName: 'alerted-1' }));
      const [ok] = await flaky.waitForDelivered(1);
      expect(flaky.received.map((r) => r.status)).toEqual([500, 200]);
      expect(flaky.received[0]!.body).toBe(ok!.body);
      // The trail's record of CreateAccessKey never carries the secret key, nor does its alert.
      expect(ok!.body).not.toMatch(/secretAccessKey/i);
    } finally {
      await flaky.close();
    }
  });

  it('moves an alert to the dead letters after repeated failures, and replays it', async () => {
    const down = await startWebhookReceiver();
    try {
      await alertRule(server, 'down', { detail: { eventName: ['CreateGroup'], requestParameters: { groupName: ['dead-letter-group'] } } }, down);
      down.respondWith(503, 503, 503);
      await server.iam().send(new CreateGroupCommand({ GroupName: 'dead-letter-group' }));
      const deadline = Date.now() + 10_000;
      const store = await openStore({ kind: 'sqlite', file: join(server.dataDir, 'keyward.db') });
      try {
        let dead = await store.read((tx) => tx.events.listDeadLetters(100));
        while (dead.length === 0 && Date.now() < deadline) {
          await new Promise((r) => setTimeout(r, 50));
          dead = await store.read((tx) => tx.events.listDeadLetters(100));
        }
        expect(dead).toHaveLength(1);
        expect(dead[0]).toMatchObject({ ruleName: 'down', attempts: 3, lastError: 'HTTP 503' });
        expect(down.received.map((r) => r.status)).toEqual([503, 503, 503]);
        // Replayed with the command an operator runs, while the server keeps running.
        const io = fakeIo({});
        expect(await main(['alerts', 'dead-letters', 'replay', dead[0]!.id, '--data', server.dataDir], io)).toBe(0);
        expect(io.stdout).toEqual([`keyward: replaying ${dead[0]!.id}`]);
      } finally {
        await store.close();
      }
      const [delivered] = await down.waitForDelivered(1);
      expect(envelope(delivered!.body).detail.requestParameters?.groupName).toBe('dead-letter-group');
    } finally {
      await down.close();
    }
  });
});

describe('alerts across a restart', () => {
  it('delivers after a restart what the receiver could not take before it', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'keyward-alerts-restart-'));
    const receiver = await startWebhookReceiver();
    try {
      const first = await startTestServer({ dataDir, alerts: { delivery: { ...FAST, maxAttempts: 100, retryBaseMs: 60_000, retryMaxMs: 60_000 } } });
      await alertRule(first, 'restart', { detail: { eventName: ['CreateUser'] } }, receiver);
      receiver.respondWith(500);
      await first.iam().send(new CreateUserCommand({ UserName: 'before-restart' }));
      // The one try failed; the retry is a minute away when the server stops.
      const deadline = Date.now() + 10_000;
      while (receiver.received.length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 25));
      await first.stop();
      expect(receiver.received.map((r) => r.status)).toEqual([500]);
      // A new server on the same data, its clock past the retry time, sends it.
      const second = await startTestServer({ dataDir, alerts: { delivery: { ...FAST, retryBaseMs: 0 } } });
      try {
        const store = await openStore({ kind: 'sqlite', file: join(dataDir, 'keyward.db') });
        try {
          // Make the row due now (the restart does not wait out the first server's backoff).
          await store.write(async (tx) => {
            const leased = await tx.events.claim('test', new Date(Date.now() + 120_000), new Date(Date.now() + 120_000), 100);
            for (const row of leased) await tx.events.retryLater(row.id, 'test', new Date(0), 'made due by the test');
          });
        } finally {
          await store.close();
        }
        const [ok] = await receiver.waitForDelivered(1);
        expect(envelope(ok!.body).detail.requestParameters?.userName).toBe('before-restart');
      } finally {
        await second.stop();
      }
    } finally {
      await receiver.close();
      await rm(dataDir, { recursive: true, force: true });
    }
  }, 60_000);
});
