// The console's security in chromium: a user without rights sees AWS's AccessDenied with the
// engine's explanation and a working "Why?" page; federation sign-in from AssumeRole
// credentials lands on the console as the role session; the session cookie is HttpOnly and
// SameSite=Strict and unreadable from scripts, writes without the CSRF token are refused, and
// the page runs under its nonce-based Content-Security-Policy without a single refusal. All of it
// on SQLite and on PostgreSQL (the explanation behind the "Why?" page is kept in the store).
import { AssumeRoleCommand } from '@aws-sdk/client-sts';
import { CreateLoginProfileCommand, CreateRoleCommand, CreateUserCommand, ListUsersCommand, PutRolePolicyCommand, PutUserPolicyCommand, CreateAccessKeyCommand } from '@aws-sdk/client-iam';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACCOUNT_ID, launch, nav, openTab, screenshot, seriousViolations, signIn, startConsoleServer, type ConsoleServer } from './console-browser.js';

const PASSWORD = 'Viewer-Password-123!';
const doc = (statements: object[]): string => JSON.stringify({ Version: '2012-10-17', Statement: statements });

describe.each([
  { backend: 'SQLite', postgres: false, shot: '' },
  { backend: 'PostgreSQL', postgres: true, shot: 'postgres-' },
])('console security in the browser on $backend', ({ postgres, shot }) => {
  let server: ConsoleServer;
  let browser: Browser;

  beforeAll(async () => {
    server = await startConsoleServer({ postgres });
    const iam = server.iam();
    await iam.send(new CreateUserCommand({ UserName: 'viewer' }));
    await iam.send(new PutUserPolicyCommand({ UserName: 'viewer', PolicyName: 'summary-only', PolicyDocument: doc([{ Effect: 'Allow', Action: 'iam:GetAccountSummary', Resource: '*' }]) }));
    await iam.send(new CreateLoginProfileCommand({ UserName: 'viewer', Password: PASSWORD }));
    await iam.send(new CreateUserCommand({ UserName: 'broker' }));
    await iam.send(new PutUserPolicyCommand({ UserName: 'broker', PolicyName: 'assume', PolicyDocument: doc([{ Effect: 'Allow', Action: 'sts:AssumeRole', Resource: '*' }]) }));
    await iam.send(new CreateRoleCommand({ RoleName: 'Reader', AssumeRolePolicyDocument: doc([{ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${ACCOUNT_ID}:root` }, Action: 'sts:AssumeRole' }]) }));
    await iam.send(readerPolicy());
    browser = await launch();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  function readerPolicy(): PutRolePolicyCommand {
    return new PutRolePolicyCommand({ RoleName: 'Reader', PolicyName: 'list', PolicyDocument: doc([{ Effect: 'Allow', Action: 'iam:ListUsers', Resource: '*' }]) });
  }

  it('shows a user without rights AWS\'s AccessDenied, the explanation and the why page', async () => {
    const { page, problems, context } = await openTab(browser);
    await signIn(page, server.url, { userName: 'viewer', password: PASSWORD });
    await page.getByRole('heading', { name: 'IAM dashboard' }).waitFor();
    // What viewer may not read is said to be not visible, not guessed.
    await page.locator('.rec[data-id="users-without-mfa"].rec-hidden').waitFor();
    await expect(page.locator('.rec[data-id="root-mfa"]').getAttribute('class')).resolves.not.toContain('rec-hidden');
    await nav(page, 'Users');
    const alert = page.getByRole('alert');
    await alert.waitFor();
    await expect(alert.locator('.error-code').textContent()).resolves.toMatch(/^AccessDenied/);
    await expect(alert.locator('.error-message').textContent()).resolves.toContain(`User: arn:aws:iam::${ACCOUNT_ID}:user/viewer is not authorized to perform: iam:ListUsers`);
    await expect(alert.locator('.explanation-summary').textContent()).resolves.toContain('No statement in the identity-based policies allows iam:ListUsers');
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, `${shot}access-denied`);
    await alert.getByRole('link', { name: 'Why was this denied?' }).click();
    await page.getByRole('heading', { name: 'Why was this request denied?' }).waitFor();
    await page.locator('.why .explanation-summary').waitFor();
    await expect(page.locator('.why').textContent()).resolves.toContain('iam:ListUsers');
    await expect(page.locator('.why').textContent()).resolves.toContain('Implicit deny');
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, `${shot}why`);
    expect(problems).toEqual([]);
    await context.close();
  });

  it('signs in through the federation endpoint from AssumeRole credentials', async () => {
    const brokerKey = (await server.iam().send(new CreateAccessKeyCommand({ UserName: 'broker' }))).AccessKey!;
    const assumed = await server.sts({ accessKeyId: brokerKey.AccessKeyId!, secretAccessKey: brokerKey.SecretAccessKey! }).send(
      new AssumeRoleCommand({ RoleArn: `arn:aws:iam::${ACCOUNT_ID}:role/Reader`, RoleSessionName: 'console-carol' }),
    );
    const c = assumed.Credentials!;
    const session = encodeURIComponent(JSON.stringify({ sessionId: c.AccessKeyId, sessionKey: c.SecretAccessKey, sessionToken: c.SessionToken }));
    const answer = await fetch(`${server.url}/federation?Action=getSigninToken&Session=${session}`);
    const { SigninToken } = (await answer.json()) as { SigninToken: string };
    const { page, problems, context } = await openTab(browser);
    await page.goto(`${server.url}/federation?Action=login&Issuer=${encodeURIComponent('https://broker.example')}&Destination=${encodeURIComponent(`${server.url}/console/users`)}&SigninToken=${encodeURIComponent(SigninToken)}`);
    await page.waitForURL(/\/console\/users$/);
    await page.getByRole('heading', { name: 'Users' }).waitFor();
    await expect(page.locator('.top-bar .principal-type').textContent()).resolves.toBe('Role session');
    await expect(page.locator('.top-bar .principal-name').textContent()).resolves.toBe('Reader/console-carol');
    // The role may list users: the list is the account's.
    const expected = (await server.iam().send(new ListUsersCommand({}))).Users!.map((u) => u.UserName).sort();
    await page.locator('table.list tbody tr').first().waitFor();
    expect((await page.locator('table.list tbody tr td:first-child').allTextContents()).sort()).toEqual(expected);
    await screenshot(page, `${shot}federated-users`);
    await nav(page, 'My security credentials');
    await expect(page.locator('main').textContent()).resolves.toContain(`assumed-role/Reader/console-carol`);
    expect(problems).toEqual([]);
    await context.close();
  });

  it('keeps the session cookie from scripts, refuses writes without the CSRF token, and runs under the CSP', async () => {
    const { page, problems, context } = await openTab(browser);
    const first = await page.goto(`${server.url}/console/signin`);
    const csp = first!.headers()['content-security-policy']!;
    expect(csp).toMatch(/script-src 'self';/);
    const nonce = /'nonce-([^']+)'/.exec(csp)![1]!;
    await expect(page.locator('meta[name="csp-nonce"]').getAttribute('content')).resolves.toBe(nonce);
    expect(first!.headers()['x-frame-options']).toBe('DENY');
    await signIn(page, server.url, { userName: 'viewer', password: PASSWORD });
    await page.getByRole('heading', { name: 'IAM dashboard' }).waitFor();
    const [cookie] = (await context.cookies()).filter((c) => c.name === 'keyward_console');
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/', secure: false });
    expect(await page.evaluate('document.cookie')).not.toContain('keyward_console');
    // Nothing secret in what scripts can read.
    const stored = String(await page.evaluate('JSON.stringify(localStorage) + JSON.stringify(sessionStorage)'));
    expect(stored).not.toMatch(/ASIA|AKIA|secret|token/i);
    // A write from the page's own origin without the header, or with a wrong one, is refused.
    const attempts = (await page.evaluate(`Promise.all([
      fetch('/console/api/call', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ service: 'iam', action: 'GetAccountSummary', input: {} }) }).then(async (r) => [r.status, await r.json()]),
      fetch('/console/api/call', { method: 'POST', headers: { 'content-type': 'application/json', 'x-keyward-csrf': 'forged' }, body: JSON.stringify({ service: 'iam', action: 'GetAccountSummary', input: {} }) }).then(async (r) => [r.status, await r.json()]),
    ])`)) as [number, { error: { code: string } }][];
    for (const [status, body] of attempts) {
      expect(status).toBe(403);
      expect(body.error.code).toBe('InvalidCsrfToken');
    }
    // The editor's styles load under the nonce: CodeMirror renders and nothing was refused.
    await page.goto(`${server.url}/console/simulator`);
    await page.locator('.cm-editor .cm-content').waitFor();
    // CodeMirror's own stylesheet (injected with the nonce) positions the editor; refused, it would be static.
    expect(await page.evaluate("getComputedStyle(document.querySelector('.cm-editor')).position")).toBe('relative');
    expect(problems.filter((p) => /Content Security Policy/i.test(p))).toEqual([]);
    expect(problems).toEqual([]);
    await context.close();
  });
});
