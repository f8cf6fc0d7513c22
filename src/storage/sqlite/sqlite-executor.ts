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

export class SqliteExecutor implements SqlExecutor {
  private readonly statements = new Map<string, Database.Statement>();

  constructor(readonly db: Database.Database) {}

  private prepare(sql: string): Database.Statement {
    let statement = this.statements.get(sql);
    if (statement === undefined) {
      statement = this.db.prepare(sql);
      this.statements.set(sql, statement);
    }
    return statement;
  }

  private call<T>(fn: () => T): Promise<T> {
    try {
      return Promise.resolve(fn());
    } catch (error) {
      return Promise.reject(translate(error));
    }
  }

  all<R extends SqlRow>(sql: string, params: readonly SqlValue[] = []): Promise<R[]> {
    return this.call(() => this.prepare(sql).all(...params) as R[]);
  }

  get<R extends SqlRow>(sql: string, params: readonly SqlValue[] = []): Promise<R | undefined> {
    return this.call(() => this.prepare(sql).get(...params) as R | undefined);
  }

  run(sql: string, params: readonly SqlValue[] = []): Promise<RunResult> {
    return this.call(() => ({ changes: this.prepare(sql).run(...params).changes }));
  }
}
