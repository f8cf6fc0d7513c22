// Starts a real Keyward server on a free port with a fresh data directory, and
// gives SDK clients signed with the root user's keys.

import { rmSync } from 'node:fs';
import { copyFile, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { IAMClient } from '@aws-sdk/client-iam';
import { STSClient } from '@aws-sdk/client-sts';
import { seedAwsManagedPolicies } from '../../src/server/bootstrap.js';
import { startServer, type RunningServer } from '../../src/server/start-server.js';
import { openStore } from '../../src/storage/open-store.js';

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

export async function startTestServer(options: { dataDir?: string } = {}): Promise<TestServer> {
  let dataDir = options.dataDir;
  if (dataDir === undefined) {
    dataDir = await mkdtemp(join(tmpdir(), 'keyward-e2e-'));
    await copyFile(await seededTemplate(), join(dataDir, 'keyward.db'));
  }
  const server = await startServer({
    port: 0,
    host: '127.0.0.1',
    dataDir,
    accountId: ACCOUNT_ID,
    rootAccessKeyId: ROOT_KEY.accessKeyId,
    rootSecretAccessKey: ROOT_KEY.secretAccessKey,
    logLevel: 'silent',
  });
  const client = <T>(Ctor: new (config: object) => T, credentials = ROOT_KEY): T =>
    new Ctor({ endpoint: server.url, region: 'us-east-1', credentials, maxAttempts: 1 });
  return {
    server,
    dataDir,
    iam: (credentials) => client(IAMClient, credentials),
    sts: (credentials) => client(STSClient, credentials),
    async stop() {
      await server.stop();
      if (options.dataDir === undefined) await rm(dataDir, { recursive: true, force: true });
    },
  };
}
