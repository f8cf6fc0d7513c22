// Brings a SQLite store back to the state it had just after the server started: every table
// emptied in one transaction, the rows present at start (account, root key) put back, and the
// AWS managed policy catalogue left in place. It works through its own connection; the server's
// writer sees the commit in SQLite's data_version on its next request and drops its caches.

import Database from 'better-sqlite3';
import { AWS_MANAGED_ACCOUNT } from '../domain/entities.js';

/** Tables left alone: the migration ledger. */
const UNTOUCHED = new Set(['schema_migrations']);

/** Tables that also hold the AWS managed catalogue: only the account's own rows go. */
const KEEP_AWS_MANAGED: Readonly<Record<string, string>> = {
  managed_policies: 'DELETE FROM managed_policies WHERE account_id <> ?',
  policy_versions: 'DELETE FROM policy_versions WHERE policy_id NOT IN (SELECT id FROM managed_policies WHERE account_id = ?)',
};

type Row = Record<string, unknown>;

interface TableSnapshot {
  readonly table: string;
  readonly rows: readonly Row[];
}

/** Waits this long for the server's own write transaction to finish. */
const BUSY_TIMEOUT_MS = 5000;

export class AccountSnapshot {
  private readonly db: Database.Database;
  private readonly snapshot: readonly TableSnapshot[];
  private readonly restore: Database.Transaction<() => void>;

  /** Records what `file` holds now (apart from the AWS managed catalogue) as the state to reset to. */
  constructor(file: string) {
    this.db = new Database(file, { fileMustExist: true });
    this.db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
    this.db.pragma('foreign_keys = ON');
    const tables = (this.db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").pluck().all() as string[])
      .filter((table) => !UNTOUCHED.has(table));
    this.snapshot = this.db.transaction(() =>
      tables.map((table) => ({
        table,
        rows: KEEP_AWS_MANAGED[table] !== undefined ? [] : (this.db.prepare(`SELECT * FROM "${table}"`).all() as Row[]),
      })),
    )();
    const statements = this.snapshot.map(({ table, rows }) => {
      const clear = this.db.prepare(KEEP_AWS_MANAGED[table] ?? `DELETE FROM "${table}"`);
      const first = rows[0];
      const columns = first === undefined ? [] : Object.keys(first);
      const insert =
        first === undefined
          ? undefined
          : this.db.prepare(`INSERT INTO "${table}" (${columns.map((c) => `"${c}"`).join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`);
      return { table, rows, clear, columns, insert };
    });
    this.restore = this.db.transaction(() => {
      // Rows go in whatever order; the references are checked once, at commit.
      this.db.pragma('defer_foreign_keys = ON');
      for (const { table, rows, clear, columns, insert } of statements) {
        if (KEEP_AWS_MANAGED[table] !== undefined) clear.run(AWS_MANAGED_ACCOUNT);
        else clear.run();
        for (const row of rows) insert?.run(...columns.map((c) => row[c]));
      }
    });
  }

  /** Empties the account back to the recorded state, in one transaction. */
  reset(): void {
    // IMMEDIATE: take the write lock first, so a concurrent writer is waited for, not failed.
    this.restore.immediate();
  }

  close(): void {
    if (this.db.open) this.db.close();
  }
}
