// Console sign-ins in the audit trail as CloudTrail records them: ConsoleLogin (and CheckMfa)
// from signin.amazonaws.com, AwsConsoleSignIn, Success or Failure, and a failure naming only
// what the server verified.

import { LookupEventsCommand } from '@aws-sdk/client-cloudtrail';
import { CreateAccountAliasCommand, CreateLoginProfileCommand } from '@aws-sdk/client-iam';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cloudTrailClient } from '../support/cloudtrail-client.js';
import { ConsoleClient } from '../support/console-client.js';
import { codeAt, createDevice, enableDevice, nextStep, wrongCode } from '../support/mfa-fixtures.js';
import { ACCOUNT_ID, type TestServer } from '../support/server.js';
import { createUser, startStsNode, userArnOf, type StsNode } from '../support/sts-fixtures.js';

const PASSWORD = 'Correct-Horse-Battery-1';

let t: StsNode;

interface Record {
  eventName: string;
  eventSource: string;
  eventType: string;
  userIdentity: Record_;
  responseElements: Record_;
  additionalEventData: Record_;
  errorMessage?: string;
  requestParameters: unknown;
  sourceIPAddress: string;
  recipientAccountId: string;
}
type Record_ = { [k: string]: unknown };

async function signInEvents(): Promise<Record[]> {
  await t.node.server.flushUsage();
  const client = cloudTrailClient({ server: t.node.server } as TestServer);
  const out = await client.send(new LookupEventsCommand({ LookupAttributes: [{ AttributeKey: 'EventSource', AttributeValue: 'signin.amazonaws.com' }], MaxResults: 50 }));
  return (out.Events ?? []).map((e) => JSON.parse(e.CloudTrailEvent!) as Record).reverse();
}

beforeAll(async () => {
  t = await startStsNode();
  await createUser(t, 'anaya');
  await t.iam().send(new CreateLoginProfileCommand({ UserName: 'anaya', Password: PASSWORD }));
  await t.iam().send(new CreateLoginProfileCommand({ Password: PASSWORD }));
  await t.iam().send(new CreateAccountAliasCommand({ AccountAlias: 'example-corp' }));
}, 60_000);
afterAll(async () => {
  await t?.stop();
});

describe('console sign-in events', { timeout: 60_000 }, () => {
  it('records ConsoleLogin successes and failures as CloudTrail does', async () => {
    const browser = new ConsoleClient(t.node.url);
    await browser.signIn('example-corp', PASSWORD, 'anaya');
    await browser.signIn(ACCOUNT_ID, 'wrong', 'anaya');
    await browser.signIn(ACCOUNT_ID, PASSWORD, 'no-such-user');
    await browser.signIn(ACCOUNT_ID, PASSWORD);
    await browser.signIn('999988887777', PASSWORD, 'anaya');
    const events = await signInEvents();
    expect(events.map((e) => [e.eventName, e.responseElements.ConsoleLogin])).toEqual([
      ['ConsoleLogin', 'Success'],
      ['ConsoleLogin', 'Failure'],
      ['ConsoleLogin', 'Failure'],
      ['ConsoleLogin', 'Success'],
    ]);
    const [ok, wrong, unknown, root] = events as [Record, Record, Record, Record];
    expect(ok).toMatchObject({
      eventSource: 'signin.amazonaws.com',
      eventType: 'AwsConsoleSignIn',
      requestParameters: null,
      recipientAccountId: ACCOUNT_ID,
      sourceIPAddress: '127.0.0.1',
      userIdentity: { type: 'IAMUser', arn: userArnOf('anaya'), accountId: ACCOUNT_ID, userName: 'anaya', accessKeyId: '' },
      additionalEventData: { LoginTo: `${t.node.url}/console/`, MobileVersion: 'No', MFAUsed: 'No' },
    });
    expect(ok.errorMessage).toBeUndefined();
    expect(wrong).toMatchObject({ errorMessage: 'Failed authentication', userIdentity: { type: 'IAMUser', userName: 'anaya', accessKeyId: '' } });
    expect(wrong.userIdentity.arn).toBeUndefined();
    // The typed name of a user that does not exist is never recorded.
    expect(unknown.userIdentity).toEqual({ type: 'IAMUser', accountId: ACCOUNT_ID, accessKeyId: '', userName: 'HIDDEN_DUE_TO_SECURITY_REASONS' });
    expect(JSON.stringify(events)).not.toContain('no-such-user');
    expect(root.userIdentity).toEqual({ type: 'Root', principalId: ACCOUNT_ID, arn: `arn:aws:iam::${ACCOUNT_ID}:root`, accountId: ACCOUNT_ID, accessKeyId: '', userName: 'example-corp' });
    // No password ever reaches the trail.
    expect(JSON.stringify(events)).not.toContain(PASSWORD);
  });

  it('records CheckMfa and MFAUsed for a sign-in with a code', async () => {
    const before = (await signInEvents()).length;
    const device = await createDevice(t, 'anaya-device');
    await enableDevice(t, 'anaya', device);
    const browser = new ConsoleClient(t.node.url);
    const step = nextStep(t);
    await browser.signIn(ACCOUNT_ID, PASSWORD, 'anaya', wrongCode(device.seed, step));
    await browser.signIn(ACCOUNT_ID, PASSWORD, 'anaya', codeAt(device.seed, step));
    const events = (await signInEvents()).slice(before);
    // A CheckMfa and its ConsoleLogin share one instant: compare them as a set.
    expect(events.map((e) => `${e.eventName}:${String(e.responseElements.CheckMfa ?? e.responseElements.ConsoleLogin)}`).sort()).toEqual([
      'CheckMfa:Failure',
      'CheckMfa:Success',
      'ConsoleLogin:Failure',
      'ConsoleLogin:Success',
    ]);
    const success = events.find((e) => e.eventName === 'ConsoleLogin' && e.responseElements.ConsoleLogin === 'Success')!;
    expect(success.additionalEventData).toMatchObject({ MFAUsed: 'Yes', MFAIdentifier: device.serial });
    const failed = events.find((e) => e.eventName === 'ConsoleLogin' && e.responseElements.ConsoleLogin === 'Failure')!;
    expect(failed).toMatchObject({ errorMessage: 'Failed authentication', additionalEventData: { MFAUsed: 'No' } });
  });

  it("records root's console password change as PasswordUpdated, Success or Failure", async () => {
    const before = (await signInEvents()).length;
    const browser = new ConsoleClient(t.node.url);
    expect((await browser.signIn(ACCOUNT_ID, PASSWORD)).status).toBe(200);
    const NEW = 'Brand-New-Root-Password-2';
    const change = (oldPassword: string, newPassword: string) => browser.request('POST', '/console/api/change-password', { oldPassword, newPassword });
    expect((await change('not-the-password', NEW)).status).toBe(400);
    expect((await change(PASSWORD, 'short')).status).toBeGreaterThanOrEqual(400);
    expect((await change(PASSWORD, NEW)).status).toBe(200);
    const events = (await signInEvents()).slice(before).filter((e) => e.eventName === 'PasswordUpdated');
    expect(events.map((e) => e.responseElements.PasswordUpdated)).toEqual(['Failure', 'Failure', 'Success']);
    for (const e of events) {
      expect(e).toMatchObject({
        eventSource: 'signin.amazonaws.com',
        eventType: 'AwsConsoleSignIn',
        requestParameters: null,
        recipientAccountId: ACCOUNT_ID,
        sourceIPAddress: '127.0.0.1',
        userIdentity: { type: 'Root', principalId: ACCOUNT_ID, arn: `arn:aws:iam::${ACCOUNT_ID}:root`, accountId: ACCOUNT_ID, accessKeyId: '' },
      });
      expect(e.errorMessage).toBeUndefined();
    }
    // Neither the old nor the new password reaches the trail.
    expect(JSON.stringify(events)).not.toContain(PASSWORD);
    expect(JSON.stringify(events)).not.toContain(NEW);
    // The new password signs root in.
    expect((await new ConsoleClient(t.node.url).signIn(ACCOUNT_ID, NEW)).status).toBe(200);
  });
});
