// Starts a real Keyward server on a free port with a fresh data directory, and
// gives SDK clients signed with the root user's keys. useTestServer() is the one
// per-file set-up of the e2e tests: started before the file's tests, stopped after.

import { rmSync } from 'node:fs';
import { copyFile, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { IAMClient } from '@aws-sdk/client-iam';
import { STSClient } from '@aws-sdk/client-sts';
import type { Endpoint } from '@smithy/types';
import type { AlertsConfig } from '../../src/audit/rules/start-alerts.js';
import { seedAwsManagedPolicies } from '../../src/server/bootstrap.js';
import type { RunningServer } from '../../src/server/start-server.js';
import { openStore } from '../../src/storage/open-store.js';
import { startNode } from './keyward-node.js';

export const ROOT_KEY = { accessKeyId: 'AKIAKEYWARDTESTROOT1', secretAccessKey: 'keyward-test-root-secret-0123456789abcdef' };
export const ACCOUNT_ID = '111122223333';

export interface TestServer {
  readonly server: RunningServer;
  readonly dataDir: string;
  iam(credentials?: { accessKeyId: string; secretAccessKey: string; sessionToken?: string }): IAMClient;
  sts(credentials?: { accessKeyId: string; secretAccessKey: string; sessionToken?: string }): STSClient;
  stop(): Promise<void>;
}

let template: Promise<string> | undefined;

/**
 * A store with the AWS managed policy catalogue already loaded, made once per test
 * worker: a fresh server copies it instead of loading 1,600 policies again, and its
 * first start then creates the account and root key as usual.
 */
function seededTemplate(): Promise<string> {
  template ??= (async () => {
    const dir = await mkdtemp(join(tmpdir(), 'keyward-template-'));
    process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
    const file = join(dir, 'keyward.db');
    const store = await openStore({ kind: 'sqlite', file });
    await seedAwsManagedPolicies(store);
    await store.close();
    return file;
  })();
  return template;
}

export async function startTestServer(options: { dataDir?: string; alerts?: AlertsConfig } = {}): Promise<TestServer> {
  let dataDir = options.dataDir;
  if (dataDir === undefined) {
    dataDir = await mkdtemp(join(tmpdir(), 'keyward-e2e-'));
    await copyFile(await seededTemplate(), join(dataDir, 'keyward.db'));
  }
  const node = await startNode({ dataDir, ...(options.alerts !== undefined && { operating: { alerts: options.alerts } }) });
  return {
    server: node.server,
    dataDir,
    iam: (credentials) => node.iam(credentials),
    sts: (credentials) => node.sts(credentials),
    async stop() {
      await node.stop();
      if (options.dataDir === undefined) await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * Registers beforeAll/afterAll hooks that start one server for the calling file (or describe
 * block) and stop it, and returns a TestServer that forwards to it once it has started; its
 * clients may be made at once (they find the server when they send). Hooks the file
 * registers after this call run once the server is up.
 */
export function useTestServer(options: { dataDir?: string } = {}): TestServer {
  let current: TestServer | undefined;
  beforeAll(async () => {
    current = await startTestServer(options);
  }, 60_000);
  afterAll(async () => {
    await current?.stop();
    current = undefined;
  });
  const started = (): TestServer => {
    if (current === undefined) throw new Error('the test server is not running: use it inside a test or a hook registered after useTestServer()');
    return current;
  };
  // The endpoint is looked up when a request is sent, so a file may make its clients at load time.
  const endpoint = async (): Promise<Endpoint> => {
    const url = new URL(started().server.url);
    return { protocol: url.protocol, hostname: url.hostname, port: Number(url.port), path: '/' };
  };
  const client = <T>(Ctor: new (config: object) => T, credentials = ROOT_KEY): T =>
    new Ctor({ endpoint, region: 'us-east-1', credentials, maxAttempts: 1 });
  return {
    get server() {
      return started().server;
    },
    get dataDir() {
      return started().dataDir;
    },
    iam: (credentials) => client(IAMClient, credentials),
    sts: (credentials) => client(STSClient, credentials),
    stop: () => started().stop(),
  };
}
