// SqlExecutor over one pg client: `?` placeholders rewritten to `$n`, constraint errors turned
// into ConstraintViolationError, and serialization failures remembered so write() can retry
// even when the callback caught and replaced the error.
import type pg from 'pg';
import { ConstraintViolationError } from '../errors.js';
import type { RunResult, SqlExecutor, SqlRow, SqlValue } from '../sql/executor.js';
import { toPositional } from './placeholders.js';

/** serialization_failure and deadlock_detected: the transaction may succeed if run again. */
export function isRetryable(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === '40001' || code === '40P01';
}

export function translate(error: unknown): unknown {
  const code = (error as { code?: unknown } | null)?.code;
  const message = error instanceof Error ? error.message : String(error);
  if (code === '23505') return new ConstraintViolationError('unique', message, { cause: error });
  if (code === '23503') return new ConstraintViolationError('foreign-key', message, { cause: error });
  return error;
}

export class PostgresExecutor implements SqlExecutor {
  /** The first retryable error this executor saw, if any. */
  conflict: unknown = undefined;

  constructor(private readonly client: pg.ClientBase) {}

  private async query(sql: string, params: readonly SqlValue[]): Promise<pg.QueryResult> {
    try {
      return await this.client.query({ text: toPositional(sql), values: [...params] });
    } catch (error) {
      if (isRetryable(error)) this.conflict ??= error;
      throw translate(error);
    }
  }

  async all<R extends SqlRow>(sql: string, params: readonly SqlValue[] = []): Promise<R[]> {
    return (await this.query(sql, params)).rows as R[];
  }

  async get<R extends SqlRow>(sql: string, params: readonly SqlValue[] = []): Promise<R | undefined> {
    return (await this.query(sql, params)).rows[0] as R | undefined;
  }

  async run(sql: string, params: readonly SqlValue[] = []): Promise<RunResult> {
    return { changes: (await this.query(sql, params)).rowCount ?? 0 };
  }
}
