// startKeyward: a Keyward server inside a test process, on a free port, with a throw-away store,
// known root credentials and account id, and a cheap reset() between tests.

import { copyFile, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer } from '../server/start-server.js';
import { AccountSnapshot } from './account-snapshot.js';
import { seededTemplate } from './seeded-template.js';

export interface KeywardCredentials {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
}

export interface StartKeywardOptions {
  /** 12 digits; default 123456789012. */
  readonly accountId?: string;
  /** The root user's access key; default TEST_ROOT_CREDENTIALS. */
  readonly credentials?: KeywardCredentials;
  /** The region clients sign for; default us-east-1. */
  readonly region?: string;
  /** Default 0: a free port. */
  readonly port?: number;
  /** Default 127.0.0.1. */
  readonly host?: string;
}

/** What an AWS SDK v3 client needs to talk to the server: `new IAMClient(keyward.clientConfig)`. */
export interface KeywardClientConfig {
  readonly endpoint: string;
  readonly region: string;
  readonly credentials: KeywardCredentials;
}

export interface TestingKeyward {
  readonly endpoint: string;
  readonly region: string;
  readonly accountId: string;
  /** The root user's access key. */
  readonly credentials: KeywardCredentials;
  readonly clientConfig: KeywardClientConfig;
  /**
   * Brings the account back to its just-started state: every user, group, role, policy,
   * provider, setting and credential created since is gone; the root key and the AWS managed
   * policies stay. Takes a few milliseconds. Call it between tests, with no request in flight.
   */
  reset(): Promise<void>;
  /** Stops the server and removes its store. */
  stop(): Promise<void>;
}

export const TEST_ACCOUNT_ID = '123456789012';
export const TEST_ROOT_CREDENTIALS: KeywardCredentials = {
  accessKeyId: 'AKIAKEYWARDTESTING00',
  secretAccessKey: 'keyward-testing-root-secret-not-for-production',
};

export async function startKeyward(options: StartKeywardOptions = {}): Promise<TestingKeyward> {
  const credentials = options.credentials ?? TEST_ROOT_CREDENTIALS;
  const region = options.region ?? 'us-east-1';
  const dataDir = await mkdtemp(join(tmpdir(), 'keyward-testing-'));
  let snapshot: AccountSnapshot | undefined;
  try {
    const file = join(dataDir, 'keyward.db');
    await copyFile(await seededTemplate(), file);
    const server = await startServer({
      port: options.port ?? 0,
      host: options.host ?? '127.0.0.1',
      dataDir,
      accountId: options.accountId ?? TEST_ACCOUNT_ID,
      rootAccessKeyId: credentials.accessKeyId,
      rootSecretAccessKey: credentials.secretAccessKey,
      logLevel: 'silent',
    });
    snapshot = new AccountSnapshot(file);
    const taken = snapshot;
    let stopped = false;
    return {
      endpoint: server.url,
      region,
      accountId: server.accountId,
      credentials,
      clientConfig: { endpoint: server.url, region, credentials },
      async reset() {
        // Uses recorded just before the reset must not land after it, under a new principal's name.
        await server.flushUsage();
        taken.reset();
      },
      async stop() {
        if (stopped) return;
        stopped = true;
        taken.close();
        await server.stop();
        await rm(dataDir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    snapshot?.close();
    await rm(dataDir, { recursive: true, force: true });
    throw error;
  }
}
