// Starts Keyward: opens the store, loads the master key, bootstraps the account and
// listens. Returns a handle to stop it (SIGTERM does the same from the CLI).

import { join } from 'node:path';
import { mkdir } from 'node:fs/promises';
import { loadMasterKey, SecretBox } from '../auth/secret-box.js';
import { configureSessionTokenKeys } from '../auth/session-token.js';
import type { ServerConfig } from '../config/config.js';
import { cryptoRandom } from '../domain/random.js';
import { openStore } from '../storage/open-store.js';
import { bufferUsage } from '../storage/usage-buffer.js';
import { buildApp } from './app.js';
import { bootstrap, type BootstrapResult } from './bootstrap.js';
import type { Log } from './deps.js';
import { createCallers } from './caller-cache.js';

export interface RunningServer {
  readonly url: string;
  readonly port: number;
  readonly accountId: string;
  readonly bootstrap: BootstrapResult;
  stop(): Promise<void>;
}

export async function startServer(config: ServerConfig, options: { readonly clock?: () => Date } = {}): Promise<RunningServer> {
  const clock = options.clock ?? (() => new Date());
  const usesDataDir = config.databaseUrl === undefined || config.masterKey === undefined;
  if (usesDataDir) await mkdir(config.dataDir, { recursive: true });
  const log: Log = {
    info: (fields, message) => {
      if (config.logLevel === 'info') process.stderr.write(`${JSON.stringify({ level: 'info', msg: message, ...fields })}\n`);
    },
    error: (fields, message) => {
      if (config.logLevel !== 'silent') process.stderr.write(`${JSON.stringify({ level: 'error', msg: message, ...fields })}\n`);
    },
  };
  // Last-used times and access advisor's attempts are written about once a second, not per request.
  const store = bufferUsage(
    await openStore(
      config.databaseUrl !== undefined ? { kind: 'postgres', url: config.databaseUrl } : { kind: 'sqlite', file: join(config.dataDir, 'keyward.db') },
    ),
    { onError: (error) => log.error({ err: error instanceof Error ? error.message : String(error) }, 'writing last-used times failed') },
  );
  const secrets = new SecretBox(await loadMasterKey({ dataDir: config.dataDir, ...(config.masterKey !== undefined && { envValue: config.masterKey }) }));
  if (config.sessionKeys !== undefined) configureSessionTokenKeys(secrets, config.sessionKeys);
  const boot = await bootstrap(store, {
    ...(config.accountId !== undefined && { accountId: config.accountId }),
    ...(config.rootAccessKeyId !== undefined && { rootAccessKeyId: config.rootAccessKeyId }),
    ...(config.rootSecretAccessKey !== undefined && { rootSecretAccessKey: config.rootSecretAccessKey }),
    now: clock(),
    random: cryptoRandom,
    secrets,
  });
  const app = buildApp({ store, secrets, clock, random: cryptoRandom, callers: createCallers(store, secrets), log }, {
    logger: false,
    ...(config.trustProxy !== undefined && { trustProxy: config.trustProxy }),
  });
  await app.listen({ port: config.port, host: config.host });
  const address = app.server.address();
  const port = typeof address === 'object' && address !== null ? address.port : config.port;
  return {
    url: `http://${config.host}:${port}`,
    port,
    accountId: boot.accountId,
    bootstrap: boot,
    async stop() {
      await app.close();
      await store.close();
    },
  };
}
