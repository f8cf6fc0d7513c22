// EventBridge with boto3 (endpoint_url), run as a Python child process: connections, API
// destinations, rules with the paginator, targets, AWS's errors as botocore parses them, and
// an alert reaching a receiver on loopback with BASIC auth.
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWebhookReceiver, type WebhookReceiver } from '../support/eventbridge.js';
import { awsEnv } from './aws-cli.js';
import { COMPAT_ACCOUNT_ID, COMPAT_ROOT_KEY, REPO_ROOT, startKeyward, type KeywardProcess } from './keyward-process.js';

interface StepResult {
  readonly step: string;
  readonly ok: boolean;
  readonly value?: unknown;
  readonly code?: string;
  readonly message?: string;
}

const SCRIPT = join(REPO_ROOT, 'test/compat/events-boto3.py');
let server: KeywardProcess;
let receiver: WebhookReceiver;
const steps = new Map<string, StepResult>();

beforeAll(async () => {
  server = await startKeyward();
  receiver = await startWebhookReceiver();
  const output = await new Promise<string>((resolve, reject) => {
    execFile('python3', [SCRIPT, server.url, receiver.url], { env: awsEnv(COMPAT_ROOT_KEY), encoding: 'utf8' }, (error, stdout, stderr) => {
      if (error !== null && stdout === '') reject(new Error(`the boto3 script did not run: ${stderr}`));
      else resolve(stdout);
    });
  });
  for (const line of output.split('\n').filter((l) => l.trim() !== '')) {
    const result = JSON.parse(line) as StepResult;
    steps.set(result.step, result);
  }
});
afterAll(async () => {
  await server?.stop();
  await receiver?.close();
});

function ok(name: string): unknown {
  const result = steps.get(name);
  if (result?.ok !== true) throw new Error(`${name} failed: ${result?.code ?? 'not run'}: ${result?.message ?? ''}`);
  return result.value;
}

describe('EventBridge with boto3', () => {
  it('makes a BASIC connection whose password never comes back, an API destination and a rule with its target', () => {
    expect(ok('create_connection')).toEqual({ ConnectionState: 'AUTHORIZED' });
    expect(ok('describe_connection')).toEqual({ BasicAuthParameters: { Username: 'boto3' } });
    expect(ok('create_api_destination')).toEqual({ ApiDestinationState: 'ACTIVE' });
    expect(ok('put_rule')).toBe(`arn:aws:events:us-east-1:${COMPAT_ACCOUNT_ID}:rule/boto3-rule`);
    expect(ok('put_targets')).toEqual({ FailedEntryCount: 0 });
    expect(ok('list_targets')).toEqual(['hook']);
  });

  it("pages ListRules with boto3's paginator", () => {
    expect(ok('list_rules_paginated')).toEqual(['boto3-rule', 'boto3-rule-2']);
  });

  it("parses EventBridge's errors", () => {
    expect(steps.get('describe_missing_rule')).toMatchObject({ ok: false, code: 'ResourceNotFoundException', message: 'Rule missing does not exist on EventBus default.' });
    expect(steps.get('delete_rule_with_targets')).toMatchObject({ ok: false, code: 'ValidationException', message: "Rule can't be deleted since it has targets." });
  });

  it('delivers the matching call to the receiver with Basic auth', async () => {
    expect(ok('create_group')).toBe('boto3-alerted');
    const alert = await receiver.waitForAlert((body) => (JSON.parse(body) as { detail: { eventName: string } }).detail.eventName === 'CreateGroup');
    expect(alert.headers.authorization).toBe(`Basic ${Buffer.from('boto3:boto3-password').toString('base64')}`);
  });
});
