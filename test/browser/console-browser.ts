// What the console's browser tests share: the UI built once (scripts/build-console.ts), a real
// Keyward server (SQLite, or PostgreSQL with a temporary database) whose clock can be stepped
// for TOTP, Debian's chromium through playwright-core, an axe-core check of the page as it is,
// screenshots kept in test-output/console/, and the page's console errors and CSP refusals.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CreateLoginProfileCommand, IAMClient } from '@aws-sdk/client-iam';
import { STSClient } from '@aws-sdk/client-sts';
import * as OTPAuth from 'otpauth';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { startNode, type KeywardNode } from '../support/keyward-node.js';
import { ACCOUNT_ID, ROOT_KEY } from '../support/server.js';
import { createTempDatabase, type TempDatabase } from '../support/temp-database.js';
import type { Keys } from '../support/sts-fixtures.js';

export { ACCOUNT_ID };
export const CHROMIUM = process.env.KEYWARD_CHROMIUM ?? '/usr/bin/chromium';
export const SHOTS = join(process.env.KEYWARD_TEST_OUTPUT ?? 'test-output', 'console');
export const ROOT_PASSWORD = 'Root-Password-Long-1!';
const ROOT_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

let built = false;
/** Builds dist/console-ui once per test process (the server serves it from the package root). */
export function buildUi(): void {
  if (built) return;
  execFileSync(process.execPath, [join(ROOT_DIR, 'node_modules/tsx/dist/cli.mjs'), join(ROOT_DIR, 'scripts/build-console.ts')], { cwd: ROOT_DIR, stdio: 'pipe' });
  built = true;
}

export interface ConsoleServer {
  readonly node: KeywardNode;
  readonly url: string;
  /** Moves the server's clock forward (TOTP steps). */
  advance(ms: number): void;
  now(): Date;
  iam(keys?: Keys): Pick<IAMClient, 'send'>;
  sts(keys?: Keys): Pick<STSClient, 'send'>;
  stop(): Promise<void>;
}

export async function startConsoleServer(options: { postgres?: boolean } = {}): Promise<ConsoleServer> {
  buildUi();
  const dataDir = await mkdtemp(join(tmpdir(), 'keyward-console-'));
  const db: TempDatabase | undefined = options.postgres === true ? await createTempDatabase() : undefined;
  let offset = 0;
  const node = await startNode({ dataDir, clock: () => new Date(Date.now() + offset), ...(db !== undefined && { databaseUrl: db.url }) });
  const client = <T extends { send: (...args: never[]) => unknown }>(Ctor: new (config: object) => T, keys: Keys = ROOT_KEY): Pick<T, 'send'> =>
    ({ send: (...args: Parameters<T['send']>) => new Ctor({ endpoint: node.url, region: 'us-east-1', credentials: keys, maxAttempts: 1, systemClockOffset: offset }).send(...args) }) as Pick<T, 'send'>;
  const server: ConsoleServer = {
    node,
    url: node.url,
    advance: (ms) => {
      offset += ms;
    },
    now: () => new Date(Date.now() + offset),
    iam: (keys) => client(IAMClient, keys),
    sts: (keys) => client(STSClient, keys),
    async stop() {
      await node.stop();
      await db?.drop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
  // Root's console password, as `keyward root set-password` would set it.
  await server.iam().send(new CreateLoginProfileCommand({ Password: ROOT_PASSWORD }));
  return server;
}

export interface Tab {
  readonly context: BrowserContext;
  readonly page: Page;
  /** Console errors, page errors and CSP refusals seen so far. */
  readonly problems: string[];
  /** Every URL the page requested. */
  readonly requests: string[];
}

export async function launch(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
}

export async function openTab(browser: Browser): Promise<Tab> {
  const context = await browser.newContext({ viewport: { width: 1360, height: 900 } });
  const page = await context.newPage();
  const problems: string[] = [];
  const requests: string[] = [];
  page.on('console', (m) => {
    // A denied or failed API call is logged by chromium as a failed resource load: expected.
    if (m.type() === 'error' && !/Failed to load resource/.test(m.text())) problems.push(`console: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  page.on('request', (r) => requests.push(r.url()));
  return { context, page, problems, requests };
}

const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

interface AxeViolation {
  readonly id: string;
  readonly impact: string | null;
  readonly help: string;
  readonly nodes: readonly { target: readonly string[] }[];
}

/** axe-core's serious and critical violations on the page as it is now (evaluated over CDP, so the CSP stays on). */
export async function seriousViolations(page: Page): Promise<string[]> {
  await page.evaluate(AXE);
  const violations = await page.evaluate(async () => {
    const axe = (globalThis as unknown as { axe: { run(ctx: unknown, opts: unknown): Promise<{ violations: AxeViolation[] }> } }).axe;
    const result = await axe.run(globalThis as unknown, { resultTypes: ['violations'] });
    return result.violations;
  });
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id} (${v.impact}): ${v.help} at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });
}

/** A TOTP code of a device's Base32 seed for one 30-second step, computed as an authenticator app would. */
export function totp(seed: string, step: number): string {
  return new OTPAuth.TOTP({ secret: OTPAuth.Secret.fromBase32(seed), digits: 6, period: 30, algorithm: 'SHA1' }).generate({ timestamp: step * 30_000 });
}

/** Moves the server clock to one second into the next TOTP step; returns that step. */
export function nextStep(server: ConsoleServer): number {
  const now = server.now().getTime();
  const step = Math.floor(now / 30_000) + 1;
  server.advance(step * 30_000 + 1000 - now);
  return step;
}

export async function signIn(page: Page, url: string, who: { root: true; password: string } | { userName: string; password: string; mfa?: string }): Promise<void> {
  await page.goto(`${url}/console/signin${'root' in who ? '/root' : ''}`);
  await page.getByLabel('Account ID (12 digits) or account alias').fill(ACCOUNT_ID);
  if (!('root' in who)) await page.getByLabel('IAM user name').fill(who.userName);
  await page.getByLabel('Password', { exact: true }).fill(who.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  if (!('root' in who) && who.mfa !== undefined) {
    await page.getByLabel('MFA code').fill(who.mfa);
    await page.getByRole('button', { name: 'Submit' }).click();
  }
}

/** Follows a link of the side navigation. */
export async function nav(page: Page, name: string): Promise<void> {
  await page.getByRole('navigation', { name: 'Console' }).getByRole('link', { name, exact: true }).click();
}
