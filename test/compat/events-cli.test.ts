// The README's "Alert on root use" with the real aws CLI (every CLI installed): the four
// `aws events` calls make a rule whose alerts reach a receiver on loopback, signed with the
// connection's secret; `keyward serve --alert-root-use` does the same by itself; and the
// CLI shows EventBridge's errors.
import { rm } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyWebhook } from '../../src/audit/rules/webhook-signature.js';
import { startWebhookReceiver, type WebhookReceiver } from '../support/eventbridge.js';
import { expectJson, expectSuccess, runAws, type CliResult } from './aws-cli.js';
import { availableClis } from './available-clis.js';
import { COMPAT_ACCOUNT_ID, COMPAT_ROOT_KEY, startKeyward, type KeywardProcess } from './keyward-process.js';
import { walkthroughDir } from './walkthrough-files.js';

const ROOT_PATTERN = '{"detail-type":["AWS API Call via CloudTrail","AWS Console Sign In via CloudTrail"],"detail":{"userIdentity":{"type":["Root"]}}}';
const SERVE_SECRET = 'serve-alert-secret-0123456789';

describe.each(availableClis())('EventBridge alerts with $label', (cli) => {
  let server: KeywardProcess;
  let byHand: WebhookReceiver;
  let managed: WebhookReceiver;
  let dir: string;

  beforeAll(async () => {
    byHand = await startWebhookReceiver();
    managed = await startWebhookReceiver();
    server = await startKeyward({ args: ['--alert-root-use', managed.url], env: { KEYWARD_ALERT_SECRET: SERVE_SECRET } });
    dir = await walkthroughDir();
  });
  afterAll(async () => {
    await server?.stop();
    await byHand?.close();
    await managed?.close();
    if (dir !== undefined) await rm(dir, { recursive: true, force: true });
  });

  const aws = (...args: string[]): Promise<CliResult> => runAws(cli, server.url, COMPAT_ROOT_KEY, args, dir);

  it("makes the README's rule with four aws events calls, and its alerts arrive signed", async () => {
    const connection = await expectJson(
      aws('events', 'create-connection', '--name', 'root-alerts', '--authorization-type', 'API_KEY', '--auth-parameters', '{"ApiKeyAuthParameters":{"ApiKeyName":"X-Api-Key","ApiKeyValue":"change-me"}}'),
      'create-connection',
    );
    expect(connection).toMatchObject({ ConnectionState: 'AUTHORIZED' });
    // aws CLI v1 fetches a parameter that looks like a URL and sends what it got; the input as
    // JSON is taken as it is by both CLIs (the README says so).
    const input = JSON.stringify({ Name: 'root-alerts', HttpMethod: 'POST', ConnectionArn: connection.ConnectionArn, InvocationEndpoint: byHand.url });
    const destination = await expectJson(aws('events', 'create-api-destination', '--cli-input-json', input), 'create-api-destination');
    const rule = await expectJson(aws('events', 'put-rule', '--name', 'root-activity', '--event-pattern', ROOT_PATTERN), 'put-rule');
    expect(rule.RuleArn).toBe(`arn:aws:events:us-east-1:${COMPAT_ACCOUNT_ID}:rule/root-activity`);
    const targets = await expectJson(aws('events', 'put-targets', '--rule', 'root-activity', '--targets', `Id=hook,Arn=${String(destination.ApiDestinationArn)}`), 'put-targets');
    expect(targets).toMatchObject({ FailedEntryCount: 0 });
    const listed = await expectJson(aws('events', 'list-rules', '--name-prefix', 'root-'), 'list-rules');
    expect((listed.Rules as { Name: string }[]).map((r) => r.Name)).toEqual(['root-activity']);

    expectSuccess(await aws('iam', 'create-user', '--user-name', 'root-made-this'), 'create-user');
    // (PutTargets by root may alert too: the rule is live once it has its target.)
    const alert = await byHand.waitForAlert((body) => (JSON.parse(body) as { detail: { eventName: string } }).detail.eventName === 'CreateUser');
    expect(JSON.parse(alert.body)).toMatchObject({ 'detail-type': 'AWS API Call via CloudTrail', source: 'aws.iam', detail: { eventName: 'CreateUser', userIdentity: { type: 'Root' } } });
    expect(alert.headers['x-api-key']).toBe('change-me');
    expect(verifyWebhook('change-me', alert.body, String(alert.headers['x-keyward-signature']), Math.floor(Date.now() / 1000))).toBe(true);
  });

  it('keyward serve --alert-root-use posts root calls with the alert key', async () => {
    const rule = await expectJson(aws('events', 'describe-rule', '--name', 'keyward-root-use'), 'describe-rule');
    expect(rule).toMatchObject({ State: 'ENABLED', EventBusName: 'default' });
    expect(JSON.parse(String(rule.EventPattern))).toEqual(JSON.parse(ROOT_PATTERN));
    const delivered = await managed.waitForDelivered(1);
    expect(delivered.some((r) => (JSON.parse(r.body) as { detail: { eventName: string } }).detail.eventName === 'CreateUser')).toBe(true);
    for (const r of delivered) {
      expect(r.headers['x-keyward-alert-key']).toBe(SERVE_SECRET);
      expect(verifyWebhook(SERVE_SECRET, r.body, String(r.headers['x-keyward-signature']), Math.floor(Date.now() / 1000))).toBe(true);
    }
  });

  it("shows EventBridge's errors and answers test-event-pattern", async () => {
    const missing = await aws('events', 'describe-rule', '--name', 'nope');
    expect(missing.code).not.toBe(0);
    expect(missing.stderr).toContain('(ResourceNotFoundException)');
    expect(missing.stderr).toContain('Rule nope does not exist on EventBus default.');
    const busy = await aws('events', 'delete-rule', '--name', 'root-activity');
    // aws CLI v2 adds "(reached max retries: 0)" after the operation's name (AWS_MAX_ATTEMPTS=1).
    expect(busy.stderr).toMatch(/\(ValidationException\) when calling the DeleteRule operation(?: \(reached max retries: \d+\))?: Rule can't be deleted since it has targets\./);
    const bad = await aws('events', 'put-rule', '--name', 'bad', '--event-pattern', '{"detail":{}}');
    expect(bad.stderr).toContain('(InvalidEventPatternException)');
    const event = JSON.stringify({ id: '1', account: COMPAT_ACCOUNT_ID, source: 'aws.iam', time: '2024-01-01T00:00:00Z', region: 'us-east-1', resources: [], 'detail-type': 'AWS API Call via CloudTrail', detail: { userIdentity: { type: 'Root' } } });
    const result = await expectJson(aws('events', 'test-event-pattern', '--event-pattern', ROOT_PATTERN, '--event', event), 'test-event-pattern');
    expect(result).toEqual({ Result: true });
  });
});
