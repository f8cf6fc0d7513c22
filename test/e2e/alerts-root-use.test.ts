// `keyward serve --alert-root-use URL`: Keyward's managed rule with AWS's recommended
// root-activity pattern posts every root call to URL (with the alert key and a signature
// made with it), never an IAM user's; a restart with another URL keeps the rule's ARNs.

import { DescribeRuleCommand, ListTargetsByRuleCommand } from '@aws-sdk/client-eventbridge';
import { CreateAccessKeyCommand, CreateLoginProfileCommand, CreateUserCommand, ListUsersCommand, PutUserPolicyCommand } from '@aws-sdk/client-iam';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT_USE_PATTERN } from '../../src/audit/rules/root-use-rule.js';
import { verifyWebhook } from '../../src/audit/rules/webhook-signature.js';
import { eventBridgeClient, startWebhookReceiver } from '../support/eventbridge.js';
import { ACCOUNT_ID, startTestServer } from '../support/server.js';

const DELIVERY = { pollMs: 50, retryBaseMs: 100, retryMaxMs: 400, maxAttempts: 3 };
const SECRET = 'root-alert-secret-0123456789';

describe('--alert-root-use', () => {
  it('alerts on root calls only, and keeps its rule across restarts', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'keyward-root-use-'));
    const receiver = await startWebhookReceiver();
    const moved = await startWebhookReceiver();
    try {
      const server = await startTestServer({ dataDir, alerts: { rootUseUrl: receiver.url, rootUseSecret: SECRET, delivery: DELIVERY } });
      let targetArn: string | undefined;
      try {
        const rule = await eventBridgeClient(server.server.url).send(new DescribeRuleCommand({ Name: 'keyward-root-use' }));
        expect(rule).toMatchObject({ State: 'ENABLED', EventPattern: ROOT_USE_PATTERN, Arn: `arn:aws:events:us-east-1:${ACCOUNT_ID}:rule/keyward-root-use` });
        targetArn = (await eventBridgeClient(server.server.url).send(new ListTargetsByRuleCommand({ Rule: 'keyward-root-use' }))).Targets?.[0]?.Arn;
        expect(targetArn).toMatch(/:api-destination\/keyward-root-use\//);

        const iam = server.iam();
        await iam.send(new CreateUserCommand({ UserName: 'not-root' }));
        const allow = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'iam:CreateUser', Resource: '*' }] };
        await iam.send(new PutUserPolicyCommand({ UserName: 'not-root', PolicyName: 'p', PolicyDocument: JSON.stringify(allow) }));
        const { AccessKey } = await iam.send(new CreateAccessKeyCommand({ UserName: 'not-root' }));
        const delivered = await receiver.waitForDelivered(3);
        // An IAM user's write: no alert.
        await server.iam({ accessKeyId: AccessKey!.AccessKeyId!, secretAccessKey: AccessKey!.SecretAccessKey! }).send(new CreateUserCommand({ UserName: 'made-by-user' }));
        // A root read is not offered to an ENABLED rule (AWS: read-only management events need ENABLED_WITH_ALL_...).
        await iam.send(new ListUsersCommand({}));
        await server.server.flushUsage();
        await new Promise((r) => setTimeout(r, 400));
        expect(receiver.received).toHaveLength(3);
        const names = delivered.map((r) => (JSON.parse(r.body) as { detail: { eventName: string } }).detail.eventName).sort();
        expect(names).toEqual(['CreateAccessKey', 'CreateUser', 'PutUserPolicy']);
        for (const r of delivered) {
          expect(JSON.parse(r.body)).toMatchObject({ 'detail-type': 'AWS API Call via CloudTrail', detail: { userIdentity: { type: 'Root' } } });
          expect(r.headers['x-keyward-alert-key']).toBe(SECRET);
          expect(verifyWebhook(SECRET, r.body, String(r.headers['x-keyward-signature']), Math.floor(Date.now() / 1000))).toBe(true);
        }
      } finally {
        await server.stop();
      }

      // Restarted with another URL and no secret given: the kept secret, the same ARNs, the new URL.
      const again = await startTestServer({ dataDir, alerts: { rootUseUrl: moved.url, delivery: DELIVERY } });
      try {
        const targets = await eventBridgeClient(again.server.url).send(new ListTargetsByRuleCommand({ Rule: 'keyward-root-use' }));
        expect(targets.Targets?.map((t) => t.Arn)).toEqual([targetArn]);
        await again.iam().send(new CreateUserCommand({ UserName: 'after-move' }));
        const [r] = await moved.waitForDelivered(1);
        expect(r!.headers['x-keyward-alert-key']).toBe(SECRET);
        expect(receiver.received).toHaveLength(3);
      } finally {
        await again.stop();
      }
    } finally {
      await receiver.close();
      await moved.close();
      await rm(dataDir, { recursive: true, force: true });
    }
  }, 60_000);

  it('alerts on a root console sign-in, delivered as "AWS Console Sign In via CloudTrail"', async () => {
    const receiver = await startWebhookReceiver();
    const server = await startTestServer({ alerts: { rootUseUrl: receiver.url, rootUseSecret: SECRET, delivery: DELIVERY } });
    try {
      await server.iam().send(new CreateLoginProfileCommand({ Password: 'Root-Console-Password-1' }));
      const [created] = await receiver.waitForDelivered(1);
      expect(JSON.parse(created!.body)).toMatchObject({ detail: { eventName: 'CreateLoginProfile' } });
      const res = await fetch(`${server.server.url}/console/api/sign-in`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ account: ACCOUNT_ID, password: 'Root-Console-Password-1' }),
      });
      expect(res.status).toBe(200);
      const delivered = await receiver.waitForDelivered(2);
      const event = JSON.parse(delivered[1]!.body) as { 'detail-type': string; source: string; detail: Record<string, unknown> };
      expect(event).toMatchObject({
        'detail-type': 'AWS Console Sign In via CloudTrail',
        source: 'aws.signin',
        detail: { eventName: 'ConsoleLogin', eventSource: 'signin.amazonaws.com', userIdentity: { type: 'Root' }, responseElements: { ConsoleLogin: 'Success' } },
      });
      expect(verifyWebhook(SECRET, delivered[1]!.body, String(delivered[1]!.headers['x-keyward-signature']), Math.floor(Date.now() / 1000))).toBe(true);
    } finally {
      await server.stop();
      await receiver.close();
    }
  }, 60_000);
});
