// Opens the database behind a StoreConfig for export or import, without the Store port (which
// hides the tables) and without migrating it: export reads the store as it is, and import
// runs the migrations itself, inside its one transaction.
import { existsSync } from 'node:fs';
import type { StoreConfig } from '../open-store.js';
import { PostgresDriver } from '../postgres/postgres-driver.js';
import { SqliteDriver } from '../sqlite/sqlite-driver.js';
import { postgresBackupDialect, sqliteBackupDialect } from './backup-dialect.js';
import { BackupError } from './dump-format.js';
import type { BackupStore } from './export-store.js';

export interface OpenedBackupStore extends BackupStore {
  close(): Promise<void>;
}

/** `mustExist`: refuse (rather than create) a missing SQLite file. */
export function openBackupStore(config: StoreConfig, options: { readonly mustExist: boolean }): OpenedBackupStore {
  if (config.kind === 'sqlite') {
    if (options.mustExist && !existsSync(config.file)) throw new BackupError(`no store at ${config.file}`);
    const driver = new SqliteDriver(config.file);
    return { driver, dialect: sqliteBackupDialect, close: () => driver.close() };
  }
  const driver = new PostgresDriver(config.schema === undefined ? { url: config.url, maxConnections: 2 } : { url: config.url, schema: config.schema, maxConnections: 2 });
  return { driver, dialect: postgresBackupDialect, close: () => driver.close() };
}
