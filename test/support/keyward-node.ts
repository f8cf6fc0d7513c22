// One Keyward server started with the options startTestServer (server.ts) does not expose
// (kept data directory, master key, PostgreSQL, frozen clock), with SDK clients for it.

import { Agent } from 'node:https';
import { CreateAccessKeyCommand, CreateUserCommand, IAMClient } from '@aws-sdk/client-iam';
import { STSClient } from '@aws-sdk/client-sts';
import type { ServerConfig } from '../../src/config/config.js';
import { startServer, type RunningServer } from '../../src/server/start-server.js';
import { ACCOUNT_ID, ROOT_KEY } from './server.js';
import type { Credentials } from './signed-request.js';

export interface NodeOptions {
  readonly dataDir: string;
  readonly databaseUrl?: string;
  /** Stands for KEYWARD_MASTER_KEY; without it the key lives in `dataDir/master.key`. */
  readonly masterKey?: string;
  readonly clock?: () => Date;
  readonly trustProxy?: readonly string[];
  /** Operating settings (TLS, metrics, log format and level, shutdown timeout) as given. */
  readonly operating?: Partial<Pick<ServerConfig, 'tls' | 'metrics' | 'logLevel' | 'logFormat' | 'shutdownTimeoutMs' | 'alerts' | 'smtpUrl' | 'rootPassword' | 'rootEmail'>>;
  /** Where log lines go (default stderr; the level is silent unless `operating.logLevel` says otherwise). */
  readonly logDestination?: { write(text: string): void };
  /** Certificates the SDK clients trust (PEM), for a server given `operating.tls`. */
  readonly trustedCa?: string;
}

export interface KeywardNode {
  readonly server: RunningServer;
  readonly url: string;
  iam(credentials?: Credentials): IAMClient;
  sts(credentials?: Credentials): STSClient;
  stop(): Promise<void>;
}

export async function startNode(options: NodeOptions): Promise<KeywardNode> {
  const server = await startServer(
    {
      port: 0,
      host: '127.0.0.1',
      dataDir: options.dataDir,
      accountId: ACCOUNT_ID,
      rootAccessKeyId: ROOT_KEY.accessKeyId,
      rootSecretAccessKey: ROOT_KEY.secretAccessKey,
      logLevel: 'silent',
      ...(options.databaseUrl !== undefined && { databaseUrl: options.databaseUrl }),
      ...(options.masterKey !== undefined && { masterKey: options.masterKey }),
      ...(options.trustProxy !== undefined && { trustProxy: options.trustProxy }),
      ...options.operating,
    },
    {
      ...(options.clock !== undefined && { clock: options.clock }),
      ...(options.logDestination !== undefined && { logDestination: options.logDestination }),
    },
  );
  const ca = options.trustedCa;
  const client = <T>(Ctor: new (config: object) => T, credentials: Credentials = ROOT_KEY): T =>
    new Ctor({
      endpoint: server.url,
      region: 'us-east-1',
      credentials,
      maxAttempts: 1,
      ...(ca !== undefined && { requestHandler: { httpsAgent: new Agent({ ca }) } }),
    });
  let stopped = false;
  return {
    server,
    url: server.url,
    iam: (credentials) => client(IAMClient, credentials),
    sts: (credentials) => client(STSClient, credentials),
    async stop() {
      if (stopped) return;
      stopped = true;
      await server.stop();
    },
  };
}

/** Creates a user with one access key through `node` as the root user. */
export async function createUserWithKey(node: KeywardNode, userName: string): Promise<Credentials> {
  const iam = node.iam();
  await iam.send(new CreateUserCommand({ UserName: userName }));
  const { AccessKey } = await iam.send(new CreateAccessKeyCommand({ UserName: userName }));
  if (AccessKey?.AccessKeyId === undefined || AccessKey.SecretAccessKey === undefined) throw new Error('CreateAccessKey returned no key');
  return { accessKeyId: AccessKey.AccessKeyId, secretAccessKey: AccessKey.SecretAccessKey };
}
