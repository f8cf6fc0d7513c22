// Opens the embedded store: one SQLite file (created if missing), migrated to the latest schema.
import { ALL_MIGRATIONS } from '../migrations/all-migrations.js';
import { runMigrations } from '../migrations/run-migrations.js';
import type { Store } from '../ports.js';
import { createSqlStore } from '../sql/sql-store.js';
import { SqliteDriver } from './sqlite-driver.js';

export async function openSqliteStore(file: string): Promise<Store> {
  const driver = new SqliteDriver(file);
  try {
    await driver.migrate((ex) => runMigrations(ex, ALL_MIGRATIONS));
  } catch (error) {
    await driver.close();
    throw error;
  }
  return createSqlStore(driver);
}
