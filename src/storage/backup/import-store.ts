// Loads a dump into an empty store in one transaction: the target is migrated to the dump's
// schema level, checked empty, filled in file order, then migrated to the newest level (so a
// later migration's own data changes apply to old dumps). Any refusal or failure rolls all of
// it back: the target is left as it was.
import type { SecretBox } from '../../auth/secret-box.js';
import { ALL_MIGRATIONS } from '../migrations/all-migrations.js';
import { runMigrations } from '../migrations/run-migrations.js';
import type { SqlExecutor, SqlValue } from '../sql/executor.js';
import { quoteIdentifier } from './backup-dialect.js';
import { BackupError, parseBodyLine, parseHeader, type DumpHeader } from './dump-format.js';
import { storeSchemaVersion, type BackupStore } from './export-store.js';
import { matchesMasterKey } from './master-key-check.js';
import { BACKUP_TABLES, isBackupTable } from './table-registry.js';

export interface ImportOptions {
  /** The target deployment's master key: it must be the one the dump's secrets are sealed under. */
  readonly secrets: SecretBox;
  /** Most bound values per INSERT (default 8,000, under both engines' limits). */
  readonly maxParams?: number;
}

export interface ImportSummary {
  readonly header: DumpHeader;
  readonly tables: number;
  readonly rows: number;
}

const NEWEST_SCHEMA = ALL_MIGRATIONS[ALL_MIGRATIONS.length - 1]?.version ?? 0;

/** The checks that need no database: format, version, schema level and master key. */
export function checkHeader(firstLine: string | undefined, secrets: SecretBox): DumpHeader {
  const header = parseHeader(firstLine);
  if (header.storeSchemaVersion > NEWEST_SCHEMA) {
    throw new BackupError(
      `the export comes from a store at schema version ${header.storeSchemaVersion}, newer than this keyward knows (${NEWEST_SCHEMA}): import it with a newer keyward`,
    );
  }
  if (!ALL_MIGRATIONS.some((m) => m.version === header.storeSchemaVersion)) {
    throw new BackupError(`the export's schema version ${header.storeSchemaVersion} is not one this keyward knows`);
  }
  if (!matchesMasterKey(secrets, header.masterKeyCheck)) {
    throw new BackupError(
      "the export's secrets are sealed under another master key: give the target the exporting deployment's key (KEYWARD_MASTER_KEY or master.key in --data)",
    );
  }
  return header;
}

/** The header line, already read by the caller, and the rest of the file's lines. */
export async function importStore(store: BackupStore, firstLine: string | undefined, rest: AsyncIterator<string>, options: ImportOptions): Promise<ImportSummary> {
  const header = checkHeader(firstLine, options.secrets);
  const maxParams = options.maxParams ?? 8000;
  const { dialect } = store;
  return store.driver.migrate(async (ex) => {
    const before = await dialect.tables(ex);
    const current = (await storeSchemaVersion(ex, before)) ?? 0;
    if (current > header.storeSchemaVersion) {
      throw new BackupError(
        `the target store is at schema version ${current}, past the export's ${header.storeSchemaVersion}: import into a new, empty store`,
      );
    }
    await runMigrations(ex, ALL_MIGRATIONS.filter((m) => m.version <= header.storeSchemaVersion));
    const tables = await dialect.tables(ex);
    for (const table of BACKUP_TABLES.filter((t) => tables.includes(t))) {
      if ((await ex.get(`SELECT 1 AS one FROM ${quoteIdentifier(table)} LIMIT 1`)) !== undefined) {
        throw new BackupError(`the target store is not empty (${table} has rows): import only into a new store`);
      }
    }
    const loader = new TableLoader(ex, maxParams);
    let lineNumber = 1;
    let complete = false;
    let open: { table: string; rows: number } | undefined;
    const seen = new Set<string>();
    let total = 0;
    for (let next = await rest.next(); next.done !== true; next = await rest.next()) {
      lineNumber += 1;
      if (next.value === '') continue;
      if (complete) throw new BackupError(`line ${lineNumber} of the export follows its last line`);
      const line = parseBodyLine(next.value, lineNumber);
      switch (line.kind) {
        case 'table': {
          const { table, columns } = line.line;
          if (open !== undefined) throw new BackupError(`line ${lineNumber}: table ${table} starts before ${open.table} ends`);
          if (!isBackupTable(table) || !tables.includes(table)) throw new BackupError(`line ${lineNumber}: unknown table "${table}"`);
          if (seen.has(table)) throw new BackupError(`line ${lineNumber}: table ${table} appears twice`);
          seen.add(table);
          const known = await dialect.columns(ex, table);
          const unknown = columns.filter((c) => !known.includes(c));
          if (unknown.length > 0 || new Set(columns).size !== columns.length) {
            throw new BackupError(`line ${lineNumber}: table ${table} has unknown or repeated columns: ${unknown.join(', ') || columns.join(', ')}`);
          }
          loader.start(table, columns);
          open = { table, rows: 0 };
          break;
        }
        case 'row': {
          if (open === undefined) throw new BackupError(`line ${lineNumber}: a row outside any table`);
          await loader.add(checkRow(line.values, loader.width, lineNumber));
          open.rows += 1;
          break;
        }
        case 'end': {
          if (open === undefined || line.line.end !== open.table) throw new BackupError(`line ${lineNumber}: end of a table that is not open`);
          if (line.line.rows !== open.rows) {
            throw new BackupError(`table ${open.table} should have ${line.line.rows} rows but has ${open.rows}: the export is damaged`);
          }
          await loader.flush();
          total += open.rows;
          open = undefined;
          break;
        }
        case 'complete': {
          if (open !== undefined) throw new BackupError(`the export ends inside table ${open.table}`);
          if (line.line.tables !== seen.size || line.line.rows !== total) {
            throw new BackupError(`the export should hold ${line.line.tables} tables and ${line.line.rows} rows but holds ${seen.size} and ${total}`);
          }
          complete = true;
          break;
        }
      }
    }
    if (!complete) throw new BackupError('the export is incomplete (its last line is missing): the file was cut short');
    await runMigrations(ex, ALL_MIGRATIONS);
    return { header, tables: seen.size, rows: total };
  });
}

function checkRow(values: readonly unknown[], width: number, lineNumber: number): SqlValue[] {
  if (values.length !== width) throw new BackupError(`line ${lineNumber}: ${values.length} values for ${width} columns`);
  return values.map((v) => {
    if (v === null || typeof v === 'string' || (typeof v === 'number' && Number.isFinite(v))) return v;
    throw new BackupError(`line ${lineNumber}: values must be strings, numbers or null`);
  });
}

/** Inserts one table's rows in multi-row INSERTs. */
class TableLoader {
  private table = '';
  private columns: readonly string[] = [];
  private batch: SqlValue[][] = [];
  private batchRows = 1;

  constructor(
    private readonly ex: SqlExecutor,
    private readonly maxParams: number,
  ) {}

  get width(): number {
    return this.columns.length;
  }

  start(table: string, columns: readonly string[]): void {
    this.table = table;
    this.columns = columns;
    this.batch = [];
    this.batchRows = Math.max(1, Math.min(500, Math.floor(this.maxParams / Math.max(1, columns.length))));
  }

  async add(values: SqlValue[]): Promise<void> {
    this.batch.push(values);
    if (this.batch.length >= this.batchRows) await this.flush();
  }

  async flush(): Promise<void> {
    const rows = this.batch;
    if (rows.length === 0) return;
    this.batch = [];
    const tuple = `(${this.columns.map(() => '?').join(', ')})`;
    const sql = `INSERT INTO ${quoteIdentifier(this.table)} (${this.columns.map(quoteIdentifier).join(', ')}) VALUES ${rows.map(() => tuple).join(', ')}`;
    try {
      await this.ex.run(sql, rows.flat());
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      throw new BackupError(`rows of table ${this.table} could not be stored: ${reason}`, { cause: error });
    }
  }
}
