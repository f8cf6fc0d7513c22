// Opens the shared store on PostgreSQL: a pool on `url`, tables in `schema`, migrated to the
// latest schema (concurrent openers migrate once).
import { ALL_MIGRATIONS } from '../migrations/all-migrations.js';
import { runMigrations } from '../migrations/run-migrations.js';
import type { Store } from '../ports.js';
import { createSqlStore } from '../sql/sql-store.js';
import { PostgresDriver, type PostgresDriverOptions } from './postgres-driver.js';

const LISTEN_WAIT_MS = 5000;

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}

export async function openPostgresStore(options: PostgresDriverOptions): Promise<Store> {
  const driver = new PostgresDriver(options);
  try {
    await driver.migrate((ex) => runMigrations(ex, ALL_MIGRATIONS));
    // Caches stay off until other nodes' writes are heard of; a listener that is slow to start
    // only delays them.
    await Promise.race([driver.listening(), delay(LISTEN_WAIT_MS)]);
  } catch (error) {
    await driver.close();
    throw error;
  }
  return createSqlStore(driver);
}
