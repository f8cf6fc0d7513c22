// The root user in the console: its password and e-mail from the environment at first start
// (never overwritten), "Forgot password?" with a one-time 15-minute link mailed through a
// local SMTP server, root's MFA still required after a reset, and the operator's
// `keyward root ...` recovery recorded in the audit trail.

import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LookupEventsCommand } from '@aws-sdk/client-cloudtrail';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runRoot } from '../../src/cli/root.js';
import { cloudTrailClient } from '../support/cloudtrail-client.js';
import { ConsoleClient } from '../support/console-client.js';
import { startNode, type KeywardNode } from '../support/keyward-node.js';
import { codeAt, createDevice, nextStep } from '../support/mfa-fixtures.js';
import { ACCOUNT_ID, type TestServer } from '../support/server.js';
import { startSmtpSink, type SmtpSink } from '../support/smtp-sink.js';
import type { StsNode } from '../support/sts-fixtures.js';
import { EnableMFADeviceCommand } from '@aws-sdk/client-iam';

const ROOT_PASSWORD = 'First-Root-Password-1';
const ROOT_EMAIL = 'root@example.com';

let dir: string;
let smtp: SmtpSink;
let node: KeywardNode;
let offset = 0;
const clock = (): Date => new Date(Date.now() + offset);

async function start(rootPassword = ROOT_PASSWORD): Promise<KeywardNode> {
  return startNode({ dataDir: join(dir, 'data'), clock, operating: { smtpUrl: smtp.url, rootPassword, rootEmail: ROOT_EMAIL } });
}

function fakeIo(): { out: string[]; err: string[]; io: Parameters<typeof runRoot>[1] } {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, io: { out: (t) => out.push(t), err: (t) => err.push(t), readFile: async (p) => (await import('node:fs/promises')).readFile(p, 'utf8') } };
}

function linkIn(text: string): string {
  const match = /(http:\/\/\S+\/console\/reset-password\?token=[A-Za-z0-9_-]+)/.exec(text);
  if (match === null) throw new Error(`no reset link in: ${text}`);
  return match[1]!;
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'keyward-console-root-'));
  smtp = await startSmtpSink();
  node = await start();
}, 60_000);
afterAll(async () => {
  await node?.stop();
  await smtp?.close();
  await rm(dir, { recursive: true, force: true });
});

describe('root in the console', { timeout: 90_000 }, () => {
  it('takes root password and e-mail from the environment once, never overwriting them', async () => {
    const browser = new ConsoleClient(node.url);
    expect((await browser.signIn(ACCOUNT_ID, ROOT_PASSWORD)).body).toMatchObject({ signedIn: true, principal: { type: 'Root' } });
    await node.stop();
    node = await start('Another-Root-Password-2');
    const again = new ConsoleClient(node.url);
    expect((await again.signIn(ACCOUNT_ID, 'Another-Root-Password-2')).body).toMatchObject({ error: { code: 'SignInFailed' } });
    expect((await again.signIn(ACCOUNT_ID, ROOT_PASSWORD)).status).toBe(200);
  });

  it('changes root password from the console with the old one', async () => {
    const browser = new ConsoleClient(node.url);
    await browser.signIn(ACCOUNT_ID, ROOT_PASSWORD);
    const wrong = await browser.request('POST', '/console/api/change-password', { oldPassword: 'nope', newPassword: 'Changed-Root-Password-3' });
    expect(wrong.status).toBe(400);
    const ok = await browser.request('POST', '/console/api/change-password', { oldPassword: ROOT_PASSWORD, newPassword: 'Changed-Root-Password-3' });
    expect(ok.body).toMatchObject({ signedIn: true, principal: { type: 'Root' } });
    expect((await new ConsoleClient(node.url).signIn(ACCOUNT_ID, 'Changed-Root-Password-3')).status).toBe(200);
    expect((await new ConsoleClient(node.url).signIn(ACCOUNT_ID, ROOT_PASSWORD)).status).toBe(401);
  });

  it('mails a one-time reset link, valid 15 minutes, and says the same for unknown accounts', async () => {
    const browser = new ConsoleClient(node.url);
    const unknown = await browser.request('POST', '/console/api/root/forgot-password', { account: '999988887777' });
    expect(unknown.body).toEqual({ sent: true });
    const asked = await browser.request('POST', '/console/api/root/forgot-password', { account: ACCOUNT_ID });
    expect(asked.body).toEqual({ sent: true });
    await smtp.waitFor(1);
    // Asked again within the minute: the same answer, and no second mail (no mailbox flooding).
    expect((await browser.request('POST', '/console/api/root/forgot-password', { account: ACCOUNT_ID })).body).toEqual({ sent: true });
    await new Promise((r) => setTimeout(r, 300));
    expect(smtp.mails).toHaveLength(1);
    expect(smtp.mails[0]!.to).toEqual([ROOT_EMAIL]);
    const link = new URL(linkIn(smtp.mails[0]!.text));
    expect(link.origin).toBe(node.url);
    const token = link.searchParams.get('token')!;
    // A password the rules refuse does not spend the link.
    const weak = await browser.request('POST', '/console/api/root/reset-password', { token, newPassword: 'x' });
    expect(weak.body).toMatchObject({ error: { code: 'PasswordPolicyViolation' } });
    expect((await browser.request('POST', '/console/api/root/reset-password', { token, newPassword: 'Reset-Root-Password-4' })).body).toEqual({ reset: true });
    expect((await browser.request('POST', '/console/api/root/reset-password', { token, newPassword: 'Reset-Root-Password-5' })).body).toMatchObject({ error: { code: 'InvalidToken' } });
    expect((await browser.signIn(ACCOUNT_ID, 'Reset-Root-Password-4')).status).toBe(200);
    // In the trail as CloudTrail records them: both asks for this account (the unknown one is
    // recorded nowhere), the completed reset; never a token or a password.
    await node.server.flushUsage();
    const trail = await cloudTrailClient({ server: node.server } as TestServer).send(
      new LookupEventsCommand({ LookupAttributes: [{ AttributeKey: 'EventSource', AttributeValue: 'signin.amazonaws.com' }], MaxResults: 50 }),
    );
    const recovery = (trail.Events ?? []).map((e) => JSON.parse(e.CloudTrailEvent!) as { eventName: string; eventType: string; responseElements: Record<string, string>; userIdentity: { type: string; arn: string } }).filter((e) => e.eventName.startsWith('PasswordRecovery'));
    expect(recovery.map((e) => e.eventName).sort()).toEqual(['PasswordRecoveryCompleted', 'PasswordRecoveryRequested', 'PasswordRecoveryRequested']);
    for (const e of recovery) {
      expect(e).toMatchObject({ eventType: 'AwsConsoleSignIn', responseElements: { [e.eventName]: 'Success' }, userIdentity: { type: 'Root', arn: `arn:aws:iam::${ACCOUNT_ID}:root` } });
    }
    expect(JSON.stringify(trail.Events)).not.toContain(token);
    expect(JSON.stringify(trail.Events)).not.toContain('Reset-Root-Password-4');

    // A minute after the last link, a second one; it expires after 15 minutes.
    offset += 61_000;
    await browser.request('POST', '/console/api/root/forgot-password', { account: ACCOUNT_ID });
    await smtp.waitFor(2);
    const late = new URL(linkIn(smtp.mails[1]!.text)).searchParams.get('token')!;
    offset += 15 * 60_000 + 1000;
    expect((await browser.request('POST', '/console/api/root/reset-password', { token: late, newPassword: 'Reset-Root-Password-6' })).body).toMatchObject({ error: { code: 'InvalidToken' } });
    // Back to the real time, for the SDK clients that sign with it.
    offset = 0;
  });

  it("still asks for root's MFA after a reset, and the operator can remove the device", async () => {
    // Root enables a virtual device through its own console session.
    const browser = new ConsoleClient(node.url);
    await browser.signIn(ACCOUNT_ID, 'Reset-Root-Password-4');
    const t = { node, now: clock, advance: (ms: number) => (offset += ms), iam: () => node.iam(), sts: () => node.sts(), stop: async () => undefined } as unknown as StsNode;
    const device = await createDevice(t, 'root-device');
    const step = nextStep(t);
    await node.iam().send(new EnableMFADeviceCommand({ UserName: 'root', SerialNumber: device.serial, AuthenticationCode1: codeAt(device.seed, step - 1), AuthenticationCode2: codeAt(device.seed, step) }));

    const file = join(dir, 'password.txt');
    await writeFile(file, 'Operator-Set-Password-7\n');
    const env = { KEYWARD_DATA: join(dir, 'data') };
    const set = fakeIo();
    expect(await runRoot(['set-password', '--password-file', file], set.io, env)).toBe(0);
    expect((await browser.signIn(ACCOUNT_ID, 'Operator-Set-Password-7')).body).toMatchObject({ error: { code: 'MfaRequired' } });

    const removed = fakeIo();
    expect(await runRoot(['remove-mfa'], removed.io, env)).toBe(0);
    expect(removed.out.join('\n')).toContain(device.serial);
    expect((await browser.signIn(ACCOUNT_ID, 'Operator-Set-Password-7')).status).toBe(200);

    const reset = fakeIo();
    expect(await runRoot(['reset-password'], reset.io, env)).toBe(0);
    const generated = /\(shown once\): (\S+)$/.exec(reset.out.join('\n'))![1]!;
    expect((await browser.signIn(ACCOUNT_ID, generated)).status).toBe(200);

    const email = fakeIo();
    expect(await runRoot(['set-email', 'new-root@example.com'], email.io, env)).toBe(0);
    expect(await runRoot(['set-email', 'not an address'], fakeIo().io, env)).toBe(1);

    // Each recovery is the operator's event in the trail; the password never is.
    const events = await cloudTrailClient({ server: node.server } as TestServer).send(new LookupEventsCommand({ LookupAttributes: [{ AttributeKey: 'EventSource', AttributeValue: 'keyward.operator' }] }));
    const names = (events.Events ?? []).map((e) => e.EventName).sort();
    expect(names).toEqual(['OperatorRemoveRootMfa', 'OperatorResetRootPassword', 'OperatorSetRootEmail', 'OperatorSetRootPassword']);
    const text = JSON.stringify(events.Events);
    expect(text).not.toContain('Operator-Set-Password-7');
    expect(text).not.toContain(generated);
  });
});
