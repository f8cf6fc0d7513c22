// The first-admin walkthrough (walkthrough.ts) in chromium against a real server on PostgreSQL.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { launch, startConsoleServer, type ConsoleServer } from './console-browser.js';
import { walkthrough } from './walkthrough.js';

describe('the console walkthrough on PostgreSQL', () => {
  let server: ConsoleServer;
  let browser: Browser;
  beforeAll(async () => {
    server = await startConsoleServer({ postgres: true });
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('creates the first admin, who changes the password, assigns MFA and signs in with it', async () => {
    await walkthrough(server, browser, 'postgres-');
  });
});
