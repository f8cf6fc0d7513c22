// Where `keyward export` and `keyward import` find the store and its master key: the same
// --data / --database-url flags and environment as `keyward serve`. The master key is read,
// never created: a new key would not open the secrets of the store it is meant for.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { loadMasterKey, SecretBox } from '../auth/secret-box.js';
import { BackupError } from '../storage/backup/dump-format.js';
import type { StoreConfig } from '../storage/open-store.js';

export interface StoreLocationFlags {
  readonly data?: string | undefined;
  readonly 'database-url'?: string | undefined;
}

export const STORE_LOCATION_HELP = `  --data DIR           embedded store and master key directory (default ./data)
  --database-url URL   the store is in PostgreSQL (the master key is still read from
                       KEYWARD_MASTER_KEY or DIR/master.key)
Environment: KEYWARD_DATA, KEYWARD_DATABASE_URL, KEYWARD_MASTER_KEY.`;

export interface StoreLocation {
  readonly config: StoreConfig;
  readonly dataDir: string;
  /** For messages: never the URL, which may hold a password. */
  readonly label: string;
}

export function storeLocation(flags: StoreLocationFlags, env: NodeJS.ProcessEnv): StoreLocation {
  const dataDir = flags.data ?? env.KEYWARD_DATA ?? './data';
  const url = flags['database-url'] ?? env.KEYWARD_DATABASE_URL;
  if (url !== undefined && url !== '') return { config: { kind: 'postgres', url }, dataDir, label: 'the PostgreSQL store' };
  const file = join(dataDir, 'keyward.db');
  return { config: { kind: 'sqlite', file }, dataDir, label: file };
}

export async function existingMasterKey(dataDir: string, env: NodeJS.ProcessEnv): Promise<SecretBox> {
  return new SecretBox(await existingMasterKeyBytes(dataDir, env));
}

/** The master key's bytes (for keys derived from it outside a SecretBox: the audit trail's). */
export async function existingMasterKeyBytes(dataDir: string, env: NodeJS.ProcessEnv): Promise<Uint8Array> {
  const envValue = env.KEYWARD_MASTER_KEY;
  if (envValue !== undefined && envValue !== '') return loadMasterKey({ envValue });
  if (!existsSync(join(dataDir, 'master.key'))) {
    throw new BackupError(`no master key: set KEYWARD_MASTER_KEY or put the deployment's master.key in ${dataDir}`);
  }
  return loadMasterKey({ dataDir });
}
