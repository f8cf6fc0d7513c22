// AWS's first-admin walkthrough in the console, step by step in a real browser: sign in as
// root, create the Administrators group with AdministratorAccess, add a user with a console
// password that must be reset, sign out, sign in as that user and change the password, assign a
// virtual MFA device (codes computed from the secret the page shows), sign out, sign in with MFA.
// Every step is checked through the API as well, so the UI cannot merely look right.
import { GetLoginProfileCommand, ListAttachedGroupPoliciesCommand, ListGroupsForUserCommand, ListMFADevicesCommand, ListUserTagsCommand } from '@aws-sdk/client-iam';
import { expect } from 'vitest';
import type { Browser } from 'playwright-core';
import { nav, nextStep, openTab, ROOT_PASSWORD, screenshot, seriousViolations, signIn, totp, type ConsoleServer } from './console-browser.js';

export const ADMIN = 'admin-alice';
export const FIRST_PASSWORD = 'First-Password-123!';
export const NEW_PASSWORD = 'Second-Password-456!';

export async function walkthrough(server: ConsoleServer, browser: Browser, prefix: string): Promise<void> {
  const { page, problems, context } = await openTab(browser);
  const url = server.url;

  // Signed out, the console sends the visitor to sign-in.
  await page.goto(`${url}/console/`);
  await page.waitForURL(/\/console\/signin/);
  expect(await seriousViolations(page)).toEqual([]);
  await screenshot(page, `${prefix}signin`);

  await signIn(page, url, { root: true, password: ROOT_PASSWORD });
  await expect(page.getByRole('heading', { name: 'IAM dashboard' }).waitFor()).resolves.toBeUndefined();
  await expect(page.locator('.top-bar .principal-type').textContent()).resolves.toBe('Root user');
  // Root without MFA: the dashboard says so.
  await page.locator('.rec[data-id="root-mfa"].rec-warning').waitFor();

  // Create the Administrators group and attach AdministratorAccess.
  await nav(page, 'User groups');
  await page.getByLabel('New group name').fill('Administrators');
  await page.getByRole('button', { name: 'Create group' }).click();
  await page.getByRole('heading', { name: 'Administrators' }).waitFor();
  await page.getByRole('tab', { name: 'Permissions' }).click();
  await page.getByLabel('Policy ARN to attach').fill('arn:aws:iam::aws:policy/AdministratorAccess');
  await page.getByRole('button', { name: 'Attach policy' }).click();
  await page.locator('table.attached-policies').getByRole('link', { name: 'AdministratorAccess' }).waitFor();
  const attached = await server.iam().send(new ListAttachedGroupPoliciesCommand({ GroupName: 'Administrators' }));
  expect(attached.AttachedPolicies?.map((p) => p.PolicyArn)).toEqual(['arn:aws:iam::aws:policy/AdministratorAccess']);

  // The "Add users" wizard: console password with reset required, the group, a tag.
  await nav(page, 'Users');
  await page.getByRole('link', { name: 'Add users' }).click();
  await page.getByLabel('User name', { exact: true }).fill(ADMIN);
  await page.getByLabel('Console password').fill(FIRST_PASSWORD);
  await expect(page.getByLabel('Users must create a new password at next sign-in').isChecked()).resolves.toBe(true);
  await screenshot(page, `${prefix}add-user`);
  await page.getByRole('button', { name: 'Next' }).click();
  await page.getByLabel('Administrators').check();
  await page.getByRole('button', { name: 'Next' }).click();
  await page.getByLabel('Tag key').fill('team');
  await page.getByLabel('Tag value').fill('platform');
  await page.getByRole('button', { name: 'Add tag' }).click();
  await page.getByRole('button', { name: 'Next' }).click();
  await page.getByRole('button', { name: 'Create user' }).click();
  await page.getByRole('heading', { name: 'User created' }).waitFor();
  const profile = await server.iam().send(new GetLoginProfileCommand({ UserName: ADMIN }));
  expect(profile.LoginProfile?.PasswordResetRequired).toBe(true);
  const groups = await server.iam().send(new ListGroupsForUserCommand({ UserName: ADMIN }));
  expect(groups.Groups?.map((g) => g.GroupName)).toEqual(['Administrators']);
  expect((await server.iam().send(new ListUserTagsCommand({ UserName: ADMIN }))).Tags).toEqual([{ Key: 'team', Value: 'platform' }]);

  // Sign out; sign in as the new user, who must change the password first.
  await page.getByRole('button', { name: 'Sign out' }).click();
  await page.waitForURL(/\/console\/signin/);
  await signIn(page, url, { userName: ADMIN, password: FIRST_PASSWORD });
  await page.getByRole('heading', { name: 'Change your password' }).waitFor();
  expect(await seriousViolations(page)).toEqual([]);
  await screenshot(page, `${prefix}change-password`);
  await page.getByLabel('Old password').fill(FIRST_PASSWORD);
  await page.getByLabel('New password', { exact: true }).fill(NEW_PASSWORD);
  await page.getByLabel('Retype new password').fill(NEW_PASSWORD);
  await page.getByRole('button', { name: 'Confirm password change' }).click();
  await page.getByRole('heading', { name: 'IAM dashboard' }).waitFor();
  await expect(page.locator('.top-bar .principal-name').textContent()).resolves.toBe(ADMIN);

  // Assign a virtual MFA device on My security credentials: QR code, secret, two codes.
  await nav(page, 'My security credentials');
  await page.getByLabel('Device name').fill(`${ADMIN}-phone`);
  await page.getByRole('button', { name: 'Assign MFA device' }).click();
  await page.locator('img.mfa-qr').waitFor();
  const qrLoaded = await page.locator('img.mfa-qr').evaluate((img) => (img as unknown as { naturalWidth: number }).naturalWidth);
  expect(qrLoaded).toBeGreaterThan(50);
  await page.getByRole('button', { name: 'Show secret key' }).click();
  const seed = (await page.locator('code.mfa-secret').textContent())!.trim();
  expect(seed).toMatch(/^[A-Z2-7]{16,}=*$/);
  await screenshot(page, `${prefix}mfa-setup`);
  const step = nextStep(server);
  await page.getByLabel('MFA code 1').fill(totp(seed, step - 1));
  await page.getByLabel('MFA code 2').fill(totp(seed, step));
  await page.getByRole('button', { name: 'Add MFA' }).click();
  await page.locator('table.mfa-devices').waitFor();
  const devices = await server.iam().send(new ListMFADevicesCommand({ UserName: ADMIN }));
  expect(devices.MFADevices).toHaveLength(1);

  // Sign out and back in: the MFA step, then the console.
  await page.getByRole('button', { name: 'Sign out' }).click();
  await page.waitForURL(/\/console\/signin/);
  const later = nextStep(server);
  await signIn(page, url, { userName: ADMIN, password: NEW_PASSWORD, mfa: totp(seed, later) });
  await page.getByRole('heading', { name: 'IAM dashboard' }).waitFor();
  await expect(page.locator('.top-bar .principal-name').textContent()).resolves.toBe(ADMIN);
  // An administrator now: the users list shows the account's users.
  await nav(page, 'Users');
  await page.locator('table.list').getByRole('link', { name: ADMIN }).waitFor();
  expect(problems).toEqual([]);
  await context.close();
}
