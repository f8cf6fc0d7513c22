// Every console page in chromium against a real server (SQLite), signed in as root on a seeded
// account: each page renders its data, passes axe-core with no serious or critical violation,
// and leaves a screenshot in test-output/console/. Then the policy editor's marks, the
// simulator's decision with the matched statement highlighted (in the pasted policy, and in the
// text of a principal's own policies), and the version diff.
import { AttachUserPolicyCommand, CreateAccountAliasCommand, DetachUserPolicyCommand, CreateGroupCommand, CreatePolicyCommand, CreatePolicyVersionCommand, CreateRoleCommand, CreateUserCommand, GenerateCredentialReportCommand, PutUserPolicyCommand } from '@aws-sdk/client-iam';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACCOUNT_ID, launch, openTab, ROOT_PASSWORD, screenshot, seriousViolations, signIn, startConsoleServer, type ConsoleServer, type Tab } from './console-browser.js';

const doc = (statements: object[]): string => JSON.stringify({ Version: '2012-10-17', Statement: statements });

describe('the console pages', () => {
  let server: ConsoleServer;
  let browser: Browser;
  let tab: Tab;
  let page: Page;
  let policyArn: string;

  beforeAll(async () => {
    server = await startConsoleServer();
    const iam = server.iam();
    await iam.send(new CreateAccountAliasCommand({ AccountAlias: 'keyward-demo' }));
    for (const name of ['alice', 'bob', 'carol']) await iam.send(new CreateUserCommand({ UserName: name, Tags: [{ Key: 'team', Value: 'web' }] }));
    // dev may attach any policy to anyone: a self-escalation path.
    await iam.send(new CreateUserCommand({ UserName: 'dev' }));
    await iam.send(new PutUserPolicyCommand({ UserName: 'dev', PolicyName: 'attach', PolicyDocument: doc([{ Effect: 'Allow', Action: 'iam:AttachUserPolicy', Resource: '*' }]) }));
    await iam.send(new CreateGroupCommand({ GroupName: 'Developers' }));
    await iam.send(new CreateRoleCommand({ RoleName: 'deploy', AssumeRolePolicyDocument: doc([{ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${ACCOUNT_ID}:root` }, Action: 'sts:AssumeRole' }]) }));
    const created = await iam.send(new CreatePolicyCommand({ PolicyName: 'read-buckets', PolicyDocument: doc([{ Effect: 'Allow', Action: 's3:ListBucket', Resource: '*' }]) }));
    policyArn = created.Policy!.Arn!;
    await iam.send(new CreatePolicyVersionCommand({ PolicyArn: policyArn, PolicyDocument: doc([{ Effect: 'Allow', Action: ['s3:ListBucket', 's3:GetObject'], Resource: '*' }]), SetAsDefault: true }));
    await iam.send(new GenerateCredentialReportCommand({}));
    browser = await launch();
    tab = await openTab(browser);
    page = tab.page;
    await signIn(page, server.url, { root: true, password: ROOT_PASSWORD });
    await page.getByRole('heading', { name: 'IAM dashboard' }).waitFor();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  /** Opens a page by its address, waits for `ready`, checks axe, keeps a screenshot. */
  async function visit(path: string, ready: string, name: string): Promise<void> {
    await page.goto(`${server.url}${path}`);
    await page.locator(ready).first().waitFor();
    await page.waitForFunction(() => (globalThis as unknown as { document: { querySelector(s: string): unknown } }).document.querySelector('.loading') === null);
    expect(await seriousViolations(page), name).toEqual([]);
    await screenshot(page, name);
  }

  it('shows the dashboard with the alias, counts, recommendations and the escalation summary', async () => {
    await visit('/console', '.dashboard-paths', 'dashboard');
    await expect(page.locator('.dashboard-alias').textContent()).resolves.toBe('keyward-demo');
    await expect(page.locator('[data-count="Users"]').textContent()).resolves.toBe('4');
    await expect(page.locator('.rec[data-id="root-mfa"]').getAttribute('class')).resolves.toContain('rec-warning');
    expect(Number(await page.locator('.dashboard-paths').textContent())).toBeGreaterThan(0);
  });

  it('lists users and shows one user with its tabs', async () => {
    await visit('/console/users', 'table.list tbody tr', 'users');
    expect(await page.locator('table.list tbody tr').count()).toBe(4);
    await page.getByLabel('Search').fill('car');
    await expect.poll(() => page.locator('table.list tbody tr').count()).toBe(1);
    await page.getByRole('link', { name: 'carol' }).click();
    await page.getByRole('heading', { name: 'carol' }).waitFor();
    await page.locator('section[aria-labelledby="attached-heading"]').waitFor();
    await screenshot(page, 'user-permissions');
    await page.getByRole('tab', { name: 'Tags' }).click();
    await page.locator('table.tags').getByText('web').waitFor();
    // Keyboard: arrow keys move between tabs.
    await page.getByRole('tab', { name: 'Tags' }).press('ArrowRight');
    await expect(page.getByRole('tab', { name: 'Security credentials' }).getAttribute('aria-selected')).resolves.toBe('true');
    await page.locator('.console-access strong').filter({ hasText: 'Disabled' }).waitFor();
    await page.getByRole('button', { name: 'Create access key' }).click();
    const secret = await page.locator('code.new-key-secret').textContent();
    expect(secret).toMatch(/^[A-Za-z0-9/+]{40}$/);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'user-credentials');
    // The secret is shown once: after "Done" it is nowhere on the page.
    await page.getByRole('button', { name: 'Done' }).click();
    expect(await page.content()).not.toContain(secret!);
    await page.getByRole('tab', { name: 'Access advisor' }).click();
    await page.locator('table.access-advisor').waitFor();
    await screenshot(page, 'user-access-advisor');
  });

  it('shows the add-user wizard, groups, roles with trust and revoke sessions', async () => {
    await visit('/console/users/create', 'form.wizard', 'add-users-wizard');
    await visit('/console/groups', 'table.list tbody tr', 'groups');
    await visit('/console/groups/Developers', '.tabs', 'group-detail');
    await visit('/console/roles', 'table.list tbody tr', 'roles');
    await visit('/console/roles/deploy', '.tabs', 'role-detail');
    await page.getByRole('tab', { name: 'Trust relationships' }).click();
    await page.locator('.cm-content').filter({ hasText: 'sts:AssumeRole' }).waitFor();
    await screenshot(page, 'role-trust');
    await page.getByRole('tab', { name: 'Revoke sessions' }).click();
    await page.getByRole('button', { name: 'Revoke active sessions' }).click();
    await page.getByText(/Sessions issued before .* are revoked/).waitFor();
    await page.getByRole('tab', { name: 'Permissions' }).click();
    await page.locator('ul.inline-policies').getByText('AWSRevokeOlderSessions').waitFor();
  });

  it('lists policies, diffs two versions and sets the default', async () => {
    await visit('/console/policies', 'table.list tbody tr', 'policies');
    await visit(`/console/policies/${encodeURIComponent(policyArn)}`, '.cm-content', 'policy-detail');
    await page.getByRole('tab', { name: 'Policy versions' }).click();
    await page.getByLabel('Compare version').selectOption('v1');
    await page.getByLabel('with version').selectOption('v2');
    await page.locator('pre.diff .diff-added').first().waitFor();
    await expect(page.locator('pre.diff .diff-added').allTextContents()).resolves.toEqual(expect.arrayContaining([expect.stringContaining('s3:GetObject')]));
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'policy-versions-diff');
    await page.getByRole('button', { name: 'Set as default' }).click();
    await page.locator('table.versions tr', { hasText: 'v1' }).getByText('Default').waitFor();
  });

  it('marks an invalid document in the policy editor: the JSON error, then Access Analyzer\'s finding at its span', async () => {
    await visit('/console/policies/create', '.cm-content', 'policy-create');
    const editor = page.locator('.cm-content');
    await editor.click();
    await page.keyboard.press('Control+A');
    // The editor closes brackets as one types; the doubled comma is what breaks the JSON.
    await page.keyboard.type('{"Version": "2012-10-17",, "Statement": []');
    await page.locator('.cm-lintRange-error').first().waitFor();
    await expect(page.locator('.cm-lintRange-error').first().textContent()).resolves.toBe(',');
    await page.locator('.validation-findings .finding-error').first().waitFor();
    await screenshot(page, 'policy-editor-json-error');
    await page.keyboard.press('Control+A');
    await page.keyboard.insertText('{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*", "Condition": {"StringEquals": {"aws:NoSuchKey": "x"}}}]}');
    await page.locator('.validation-findings', { hasText: 'Access Analyzer' }).waitFor();
    // The finding is marked exactly where ValidatePolicy located it: the unknown key's value.
    const mark = page.locator('.cm-lintRange').first();
    await mark.waitFor();
    await expect(mark.textContent()).resolves.toBe('"x"');
    await screenshot(page, 'policy-editor-finding');
  });

  it('simulates a policy: a decision per action and the matched statement highlighted', async () => {
    await visit('/console/simulator', '.cm-content', 'simulator');
    await page.getByLabel('Actions (comma or line separated)').fill('s3:ListAllMyBuckets, s3:DeleteBucket');
    await page.getByRole('button', { name: 'Run simulation' }).click();
    const rows = page.locator('table.sim-results tbody tr');
    await rows.first().waitFor();
    await expect(rows.nth(0).locator('.decision').textContent()).resolves.toBe('allowed');
    await expect(rows.nth(1).locator('.decision').textContent()).resolves.toBe('implicitDeny');
    await page.locator('.cm-matched').first().waitFor();
    await expect(page.locator('.cm-matched').allTextContents()).resolves.toEqual(expect.arrayContaining([expect.stringContaining('s3:ListAllMyBuckets')]));
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'simulator-results');
  });

  it("simulates a principal's policies: each deciding policy's text shown with its matched statement highlighted", async () => {
    await server.iam().send(new AttachUserPolicyCommand({ UserName: 'dev', PolicyArn: policyArn }));
    try {
      await visit('/console/simulator', '.cm-content', 'simulator');
      await page.getByLabel("A principal's policies (SimulatePrincipalPolicy)").check();
      await page.getByLabel('User, group or role ARN').fill(`arn:aws:iam::${ACCOUNT_ID}:user/dev`);
      await page.getByLabel('Actions (comma or line separated)').fill('iam:AttachUserPolicy, s3:ListBucket');
      await page.getByRole('button', { name: 'Run simulation' }).click();
      const rows = page.locator('table.sim-results tbody tr');
      await rows.first().waitFor();
      await expect(rows.nth(0).locator('.decision').textContent()).resolves.toBe('allowed');
      // The inline policy `attach`, as the simulator names it, with its statement marked.
      const shown = page.locator('.matched-policies');
      await shown.locator('.cm-matched').first().waitFor();
      await expect(shown.locator('.editor-label').allTextContents()).resolves.toEqual(['user_dev_attach (IAM Policy)']);
      await expect(shown.locator('.cm-matched').allTextContents()).resolves.toEqual(expect.arrayContaining([expect.stringContaining('iam:AttachUserPolicy')]));
      // The managed policy's default version for the second action.
      await rows.nth(1).getByRole('button').click();
      await expect(rows.nth(1).locator('.decision').textContent()).resolves.toBe('allowed');
      await shown.getByText('read-buckets (IAM Policy)').waitFor();
      await shown.locator('.cm-matched').first().waitFor();
      await expect(shown.locator('.cm-matched').allTextContents()).resolves.toEqual(expect.arrayContaining([expect.stringContaining('s3:ListBucket')]));
      expect(await seriousViolations(page)).toEqual([]);
      await screenshot(page, 'simulator-principal');
    } finally {
      await server.iam().send(new DetachUserPolicyCommand({ UserName: 'dev', PolicyArn: policyArn }));
    }
  });

  it('shows identity providers, account settings, credentials, the report, the trail and the escalation graph', async () => {
    await visit('/console/identity-providers', 'form.card', 'identity-providers');
    await visit('/console/account', '.current-alias', 'account-settings');
    await expect(page.locator('.current-alias').textContent()).resolves.toBe('keyward-demo');
    await visit('/console/security-credentials', 'section[aria-labelledby="keys-heading"]', 'security-credentials-root');
    await page.locator('.root-keys-advice').waitFor();
    await expect(page.locator('.root-keys-advice').textContent()).resolves.toMatch(/has access keys.*Delete them/);
    await page.goto(`${server.url}/console/credential-report`);
    await page.getByRole('button', { name: 'Generate and show report' }).click();
    await page.locator('table.credential-report tbody tr').first().waitFor();
    expect(await page.locator('table.credential-report tbody tr').count()).toBe(5);
    await expect(page.locator('a.download-report').getAttribute('href')).resolves.toMatch(/^data:text\/csv/);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'credential-report');
    await visit('/console/trail', 'table.trail-events tbody tr', 'trail');
    await page.getByLabel('Value').fill('CreateUser');
    await page.getByRole('button', { name: 'Look up events' }).click();
    await page.locator('table.trail-events tbody tr').first().getByRole('button', { name: 'CreateUser' }).waitFor();
    await page.locator('button.event-open').first().click();
    await expect(page.locator('.event-detail pre.json').textContent()).resolves.toContain('"eventName": "CreateUser"');
    await screenshot(page, 'trail-event');
    await visit('/console/escalation', '#count-paths', 'escalation');
    expect(await page.locator('.graph-box svg g.node').count()).toBeGreaterThan(0);
    await expect(page.locator('table.paths').textContent()).resolves.toContain('user/dev');
    expect(tab.problems).toEqual([]);
  });

  it('searches users across the whole account, not only the loaded page', async () => {
    const iam = server.iam();
    for (let i = 0; i < 60; i += 6) await Promise.all(Array.from({ length: 6 }, (_, j) => iam.send(new CreateUserCommand({ UserName: `bulk-${String(i + j).padStart(3, '0')}` }))));
    await visit('/console/users', 'table.list tbody tr', 'users-many');
    const rows = page.locator('table.list tbody tr');
    // IAM's first page (50 by name) ends before bulk-055.
    expect(await rows.count()).toBe(50);
    await expect(page.getByRole('link', { name: 'bulk-055' }).count()).resolves.toBe(0);
    await page.getByLabel('Search').fill('BULK-05');
    await expect.poll(() => rows.count()).toBe(10);
    await page.getByRole('link', { name: 'bulk-055' }).waitFor();
    await expect(page.locator('table.list caption').textContent()).resolves.toContain('matching “BULK-05”');
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'users-search');
    // Cleared, the list is IAM's pages again.
    await page.getByLabel('Search').fill('');
    await expect.poll(() => rows.count()).toBe(50);
    await page.getByRole('button', { name: 'Next' }).click();
    await page.getByRole('link', { name: 'bulk-055' }).waitFor();
  });

  it('fetches nothing from outside the server', () => {
    const origin = new URL(server.url).origin;
    expect(tab.requests.filter((u) => !u.startsWith(origin) && !u.startsWith('data:'))).toEqual([]);
  });
});
