// Writes the whole store as dump lines (dump-format.ts) from one read transaction, so the
// dump is one consistent snapshot even while servers keep writing. Rows are read a page at a
// time and handed to the sink, which applies backpressure: memory does not grow with the store.
import type { SecretBox } from '../../auth/secret-box.js';
import { ALL_MIGRATIONS } from '../migrations/all-migrations.js';
import type { SqlDriver, SqlExecutor } from '../sql/executor.js';
import type { BackupDialect } from './backup-dialect.js';
import { BackupError, DUMP_FORMAT, DUMP_VERSION, type DumpHeader } from './dump-format.js';
import { masterKeyCheck } from './master-key-check.js';
import { BACKUP_TABLES, isBackupTable, LEDGER_TABLE } from './table-registry.js';

export interface BackupStore {
  readonly driver: SqlDriver;
  readonly dialect: BackupDialect;
}

/** Where dump lines go; `write` resolves when the line may be followed by the next. */
export interface LineSink {
  write(line: string): Promise<void>;
}

export interface ExportOptions {
  readonly secrets: SecretBox;
  readonly now?: () => Date;
  /** Rows read per query (default 1,000). */
  readonly pageSize?: number;
}

export interface ExportSummary {
  readonly header: DumpHeader;
  readonly tables: number;
  readonly rows: number;
}

const NEWEST_SCHEMA = ALL_MIGRATIONS[ALL_MIGRATIONS.length - 1]?.version ?? 0;

/** The newest migration applied, or undefined when the database holds no Keyward store. */
export async function storeSchemaVersion(ex: SqlExecutor, tables: readonly string[]): Promise<number | undefined> {
  if (!tables.includes(LEDGER_TABLE)) return undefined;
  const row = await ex.get<{ v: number | null }>(`SELECT MAX(version) AS v FROM ${LEDGER_TABLE}`);
  return row?.v === null || row?.v === undefined ? undefined : Number(row.v);
}

export async function exportStore(store: BackupStore, sink: LineSink, options: ExportOptions): Promise<ExportSummary> {
  const pageSize = options.pageSize ?? 1000;
  const now = options.now ?? (() => new Date());
  const { dialect } = store;
  return store.driver.read(async (ex) => {
    const present = await dialect.tables(ex);
    const level = await storeSchemaVersion(ex, present);
    if (level === undefined) throw new BackupError('the source holds no keyward store (no schema_migrations table)');
    if (level > NEWEST_SCHEMA) {
      throw new BackupError(`the store's schema version ${level} is newer than this keyward knows (${NEWEST_SCHEMA}): export it with that newer keyward`);
    }
    // A table the registry does not list would be left out silently: refuse instead.
    const unlisted = present.filter((t) => t !== LEDGER_TABLE && !isBackupTable(t));
    if (unlisted.length > 0) throw new BackupError(`tables not known to the export: ${unlisted.sort().join(', ')}`);
    const accounts = present.includes('accounts') ? await ex.all<{ id: string }>("SELECT id FROM accounts ORDER BY id LIMIT 1") : [];
    const header: DumpHeader = {
      format: DUMP_FORMAT,
      version: DUMP_VERSION,
      createdAt: now().toISOString(),
      accountId: accounts[0]?.id ?? null,
      storeSchemaVersion: level,
      masterKeyCheck: masterKeyCheck(options.secrets),
    };
    await sink.write(JSON.stringify(header));
    let tables = 0;
    let total = 0;
    // Tables a store at an older schema level does not have yet are simply absent.
    for (const table of BACKUP_TABLES.filter((t) => present.includes(t))) {
      const columns = await dialect.columns(ex, table);
      await sink.write(JSON.stringify({ table, columns }));
      let rows = 0;
      for await (const page of dialect.pages(ex, table, columns, pageSize)) {
        for (const values of page) await sink.write(JSON.stringify(values));
        rows += page.length;
      }
      await sink.write(JSON.stringify({ end: table, rows }));
      tables += 1;
      total += rows;
    }
    await sink.write(JSON.stringify({ complete: true, tables, rows: total }));
    return { header, tables, rows: total };
  });
}
