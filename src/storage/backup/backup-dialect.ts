// What export and import need to know about a backend beyond the shared SQL: which tables and
// columns the schema has, and how to walk a whole table page by page inside one transaction
// (SQLite by rowid, PostgreSQL with a cursor) so memory stays bounded however large it is.
import type { SqlExecutor, SqlValue } from '../sql/executor.js';

export interface BackupDialect {
  readonly kind: 'sqlite' | 'postgres';
  /** Base tables of the store's schema, in no particular order. */
  tables(ex: SqlExecutor): Promise<string[]>;
  /** The table's columns in their declared order. */
  columns(ex: SqlExecutor, table: string): Promise<string[]>;
  /** Every row of `table` as values in `columns` order, `pageSize` rows at a time. */
  pages(ex: SqlExecutor, table: string, columns: readonly string[], pageSize: number): AsyncIterable<SqlValue[][]>;
}

/** Table and column names come from the schema or are checked against it; quoting is belt and braces. */
export function quoteIdentifier(name: string): string {
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new RangeError(`not a plain identifier: "${name}"`);
  return `"${name}"`;
}

function values(row: Record<string, unknown>, columns: readonly string[]): SqlValue[] {
  return columns.map((c) => {
    const v = row[c];
    if (v === null || v === undefined) return null;
    if (typeof v === 'string' || typeof v === 'number') return v;
    if (typeof v === 'bigint') return Number(v);
    throw new TypeError(`unexpected value of type ${typeof v} in column "${c}"`);
  });
}

const ROWID = 'kw_backup_rowid';

export const sqliteBackupDialect: BackupDialect = {
  kind: 'sqlite',
  async tables(ex) {
    const rows = await ex.all<{ name: string }>("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'");
    return rows.map((r) => r.name);
  },
  async columns(ex, table) {
    const rows = await ex.all<{ name: string }>('SELECT name FROM pragma_table_info(?) ORDER BY cid', [table]);
    return rows.map((r) => r.name);
  },
  async *pages(ex, table, columns, pageSize) {
    const list = columns.map(quoteIdentifier).join(', ');
    const sql = `SELECT _rowid_ AS ${ROWID}, ${list} FROM ${quoteIdentifier(table)} WHERE _rowid_ > ? ORDER BY _rowid_ LIMIT ?`;
    let after = Number.MIN_SAFE_INTEGER;
    for (;;) {
      const rows = await ex.all(sql, [after, pageSize]);
      const last = rows[rows.length - 1];
      if (last === undefined) return;
      after = Number(last[ROWID]);
      yield rows.map((r) => values(r, columns));
      if (rows.length < pageSize) return;
    }
  },
};

let cursors = 0;

export const postgresBackupDialect: BackupDialect = {
  kind: 'postgres',
  async tables(ex) {
    const rows = await ex.all<{ table_name: string }>(
      "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'",
    );
    return rows.map((r) => r.table_name);
  },
  async columns(ex, table) {
    const rows = await ex.all<{ column_name: string }>(
      'SELECT column_name FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = ? ORDER BY ordinal_position',
      [table],
    );
    return rows.map((r) => r.column_name);
  },
  async *pages(ex, table, columns, pageSize) {
    // A cursor reads the transaction's snapshot without sorting or re-scanning the table.
    const cursor = `kw_backup_${(cursors += 1)}`;
    await ex.run(`DECLARE ${cursor} NO SCROLL CURSOR FOR SELECT ${columns.map(quoteIdentifier).join(', ')} FROM ${quoteIdentifier(table)}`);
    // Not closed on an error: the transaction then ends, and the cursor with it.
    for (;;) {
      const rows = await ex.all(`FETCH FORWARD ${Math.trunc(pageSize)} FROM ${cursor}`);
      if (rows.length > 0) yield rows.map((r) => values(r, columns));
      if (rows.length < pageSize) break;
    }
    await ex.run(`CLOSE ${cursor}`);
  },
};
