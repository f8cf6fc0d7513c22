// Starts a real Keyward server on a free port with a fresh data directory, and
// gives SDK clients signed with the root user's keys.

import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { IAMClient } from '@aws-sdk/client-iam';
import { STSClient } from '@aws-sdk/client-sts';
import { startServer, type RunningServer } from '../../src/server/start-server.js';

export const ROOT_KEY = { accessKeyId: 'AKIAKEYWARDTESTROOT1', secretAccessKey: 'keyward-test-root-secret-0123456789abcdef' };
export const ACCOUNT_ID = '111122223333';

export interface TestServer {
  readonly server: RunningServer;
  readonly dataDir: string;
  iam(credentials?: { accessKeyId: string; secretAccessKey: string; sessionToken?: string }): IAMClient;
  sts(credentials?: { accessKeyId: string; secretAccessKey: string; sessionToken?: string }): STSClient;
  stop(): Promise<void>;
}

export async function startTestServer(options: { dataDir?: string } = {}): Promise<TestServer> {
  const dataDir = options.dataDir ?? (await mkdtemp(join(tmpdir(), 'keyward-e2e-')));
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
