// Opens the embedded store: one SQLite file (created if missing), migrated to the latest schema.
import { ALL_MIGRATIONS } from '../migrations/all-migrations.js';
import { runMigrations } from '../migrations/run-migrations.js';
import type { Store } from '../ports.js';
import { createSqlStore } from '../sql/sql-store.js';
import type { SharedWriteLock } from './shared-write-lock.js';
import { SqliteDriver } from './sqlite-driver.js';

/** `writeLock`: shared with another thread of this process that writes the file (the trail's worker). */
export async function openSqliteStore(file: string, writeLock?: SharedWriteLock): Promise<Store> {
  const driver = new SqliteDriver(file, writeLock);
  try {
    await driver.migrate((ex) => runMigrations(ex, ALL_MIGRATIONS));
  } catch (error) {
    await driver.close();
    throw error;
  }
  return createSqlStore(driver);
}
