// Brings a database up to date at open: applies, in order, the migrations that
// schema_migrations does not list yet. Running it again changes nothing.
import type { SqlExecutor } from '../sql/executor.js';
import type { Migration } from './migration.js';

const CREATE_LEDGER = `CREATE TABLE IF NOT EXISTS schema_migrations (
  version INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  applied_at BIGINT NOT NULL
)`;

/** Applies what is missing and returns the versions it applied. Run inside driver.migrate(). */
export async function runMigrations(
  ex: SqlExecutor,
  migrations: readonly Migration[],
  now: () => Date = () => new Date(),
): Promise<number[]> {
  checkOrder(migrations);
  await ex.run(CREATE_LEDGER);
  const rows = await ex.all<{ version: number }>('SELECT version FROM schema_migrations');
  const applied = new Set(rows.map((r) => Number(r.version)));
  const newest = migrations[migrations.length - 1]?.version ?? 0;
  const unknown = [...applied].filter((v) => v > newest);
  if (unknown.length > 0) {
    // A newer Keyward migrated this database; running old code on it could corrupt data.
    throw new Error(`database schema version ${Math.max(...unknown)} is newer than this keyward (${newest})`);
  }
  const done: number[] = [];
  for (const migration of migrations) {
    if (applied.has(migration.version)) continue;
    for (const statement of migration.statements) await ex.run(statement);
    await ex.run('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)', [
      migration.version,
      migration.name,
      now().getTime(),
    ]);
    done.push(migration.version);
  }
  return done;
}

function checkOrder(migrations: readonly Migration[]): void {
  let previous = 0;
  for (const m of migrations) {
    if (!Number.isInteger(m.version) || m.version <= previous) {
      throw new Error(`migration versions must increase: ${m.version} after ${previous}`);
    }
    previous = m.version;
  }
}
