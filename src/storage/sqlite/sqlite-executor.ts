// SqlExecutor over one better-sqlite3 connection: cached prepared statements, and SQLite's
// constraint errors turned into ConstraintViolationError.
import type Database from 'better-sqlite3';
import { ConstraintViolationError } from '../errors.js';
import type { RunResult, SqlExecutor, SqlRow, SqlValue } from '../sql/executor.js';

function translate(error: unknown): unknown {
  const code = (error as { code?: unknown } | null)?.code;
  if (code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY') {
    return new ConstraintViolationError('unique', (error as Error).message, { cause: error });
  }
  if (code === 'SQLITE_CONSTRAINT_FOREIGNKEY') {
    return new ConstraintViolationError('foreign-key', (error as Error).message, { cause: error });
  }
  return error;
}

/**
 * A prepared statement; those that return rows run in raw mode, their rows made into objects
 * here: better-sqlite3 builds each row object property by property through V8's API, which
 * costs about a third more for a page of users than arrays plus this loop.
 */
interface Prepared {
  readonly statement: Database.Statement;
  /** Column names, for statements that return rows. */
  readonly names?: readonly string[];
}

function rowObject(names: readonly string[], values: readonly unknown[]): SqlRow {
  const row: SqlRow = {};
  // Later columns of the same name win, as in better-sqlite3's own objects.
  for (let i = 0; i < names.length; i += 1) row[names[i]!] = values[i];
  return row;
}

export class SqliteExecutor implements SqlExecutor {
  private readonly statements = new Map<string, Prepared>();

  constructor(readonly db: Database.Database) {}

  private prepare(sql: string): Prepared {
    let prepared = this.statements.get(sql);
    if (prepared === undefined) {
      const statement = this.db.prepare(sql);
      prepared = statement.reader ? { statement: statement.raw(true), names: statement.columns().map((c) => c.name) } : { statement };
      this.statements.set(sql, prepared);
    }
    return prepared;
  }

  private call<T>(fn: () => T): Promise<T> {
    try {
      return Promise.resolve(fn());
    } catch (error) {
      return Promise.reject(translate(error));
    }
  }

  all<R extends SqlRow>(sql: string, params: readonly SqlValue[] = []): Promise<R[]> {
    return this.call(() => {
      const { statement, names = [] } = this.prepare(sql);
      return (statement.all(...params) as unknown[][]).map((values) => rowObject(names, values) as R);
    });
  }

  get<R extends SqlRow>(sql: string, params: readonly SqlValue[] = []): Promise<R | undefined> {
    return this.call(() => {
      const { statement, names = [] } = this.prepare(sql);
      const values = statement.get(...params) as unknown[] | undefined;
      return values === undefined ? undefined : (rowObject(names, values) as R);
    });
  }

  run(sql: string, params: readonly SqlValue[] = []): Promise<RunResult> {
    return this.call(() => ({ changes: this.prepare(sql).statement.run(...params).changes }));
  }
}
