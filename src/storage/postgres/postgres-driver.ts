// Transactions on PostgreSQL through a pg pool: SERIALIZABLE writes that take turns on an
// advisory lock (so Keyward's own writers do not fail each other) and are retried on
// serialization failures, REPEATABLE READ READ ONLY reads, and migrations under an advisory
// lock so that several Keyward nodes starting together migrate once.
import pg from 'pg';
import { TransactionConflictError } from '../errors.js';
import { AsyncMutex } from '../sql/async-mutex.js';
import { ChangeGeneration } from '../sql/change-generation.js';
import type { RunResult, SqlDriver, SqlExecutor, SqlValue, WriteOptions } from '../sql/executor.js';
import { ChangeListener, changeChannel } from './change-listener.js';
import { isRetryable, PostgresExecutor, translate } from './postgres-executor.js';
import { toPositional } from './placeholders.js';

export interface PostgresDriverOptions {
  readonly url: string;
  /** Lower-case identifier; created if missing. Default "public". */
  readonly schema?: string;
  readonly maxConnections?: number;
  /** Attempts of one write() before TransactionConflictError. */
  readonly maxAttempts?: number;
}

const INT8_OID = 20;
const MAX_BACKOFF_MS = 250;

/**
 * Exponential backoff with full jitter: writers that collided on a hot row spread out instead
 * of colliding again in lockstep.
 */
function backoffMs(attempt: number): number {
  return Math.random() * Math.min(MAX_BACKOFF_MS, 2 ** (attempt + 1));
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

export class PostgresDriver implements SqlDriver {
  readonly schema: string;
  private readonly pool: pg.Pool;
  private readonly maxAttempts: number;
  private readonly changes = new ChangeGeneration(false);
  private readonly listener: ChangeListener;
  /** This node's writers, in line for the advisory write lock (see write()). */
  private readonly writers = new AsyncMutex();

  constructor(options: PostgresDriverOptions) {
    this.schema = options.schema ?? 'public';
    if (!/^[a-z_][a-z0-9_]{0,62}$/.test(this.schema)) {
      throw new RangeError(`schema must be a lower-case SQL identifier: "${this.schema}"`);
    }
    this.maxAttempts = options.maxAttempts ?? 12;
    // BIGINT (epoch milliseconds, COUNT(*)) as JS numbers, for this pool only.
    const types = new pg.TypeOverrides();
    types.setTypeParser(INT8_OID, (text: string) => Number(text));
    this.pool = new pg.Pool({
      connectionString: options.url,
      max: options.maxConnections ?? 10,
      // A request holds one connection at a time, so waiting for one ends; this bounds it anyway.
      connectionTimeoutMillis: 10_000,
      types,
      options: `-c search_path=${this.schema}`,
    });
    // An idle client that loses its connection is dropped by the pool; without a listener
    // the 'error' event would crash the process.
    this.pool.on('error', () => undefined);
    this.listener = new ChangeListener(options.url, changeChannel(this.schema), this.changes);
  }

  generation(): number {
    return this.changes.current();
  }

  syncGeneration(): Promise<void> {
    return this.listener.sync();
  }

  /** Resolves once other nodes' writes are heard of (until then caches are off). */
  listening(): Promise<void> {
    return this.listener.listening();
  }

  listenerUp(): boolean {
    return this.changes.live;
  }

  async read<T>(fn: (ex: SqlExecutor) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    let broken: Error | undefined;
    try {
      await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
      try {
        const result = await fn(new PostgresExecutor(client));
        await client.query('COMMIT');
        return result;
      } catch (error) {
        broken = await rollback(client);
        throw error;
      }
    } finally {
      client.release(broken);
    }
  }

  /**
   * Writes that other nodes hear of take turns on a session advisory lock, one per schema and
   * so shared by every node, taken before BEGIN so that each snapshot starts after the previous
   * writer committed. Without it, writers that all read what the others insert (every create
   * counts the account's entities against a quota) fail each other under SERIALIZABLE, and
   * with twenty at once some ran out of attempts: a ConcurrentModification for an ordinary
   * CreateUser. SERIALIZABLE and the retries stay for what the lock does not order: bookkeeping
   * writes and other clients of the database. A node's writers first queue in memory, so that
   * only one of its pool connections waits on the lock and reads keep the others.
   */
  write<T>(fn: (ex: SqlExecutor) => Promise<T>, options: WriteOptions = {}): Promise<T> {
    if (options.bookkeeping === true) return this.transact(fn, false, false);
    return this.writers.run(() => this.transact(fn, true, options.quiet !== true));
  }

  private async transact<T>(fn: (ex: SqlExecutor) => Promise<T>, ordered: boolean, announce: boolean): Promise<T> {
    const client = await this.pool.connect();
    let broken: Error | undefined;
    let locked = false;
    try {
      for (let attempt = 1; ; attempt += 1) {
        const ex = new PostgresExecutor(client);
        try {
          if (ordered && !locked) {
            await client.query('SELECT pg_advisory_lock(hashtext($1))', [this.writeLockKey]);
            locked = true;
          }
          // Bookkeeping statements only move values forward, each atomic by itself: no need to
          // make them conflict with (and retry against) the serializable writes.
          await client.query(ordered ? 'BEGIN ISOLATION LEVEL SERIALIZABLE' : 'BEGIN ISOLATION LEVEL READ COMMITTED');
          const result = await fn(ex);
          // Delivered to the other nodes' listeners only if, and when, this commits.
          if (announce) await client.query('SELECT pg_notify($1, $2)', [this.listener.channel, this.listener.nodeId]);
          try {
            await client.query('COMMIT');
          } finally {
            // Also when the answer to COMMIT is lost: the write may have committed.
            if (announce) this.changes.bump();
          }
          return result;
        } catch (error) {
          broken = await rollback(client);
          const conflict = isRetryable(error) ? error : ex.conflict;
          if (conflict === undefined || broken) throw error;
          if (attempt >= this.maxAttempts) throw new TransactionConflictError(attempt, { cause: conflict });
          await sleep(backoffMs(attempt));
        }
      }
    } finally {
      // A broken connection is discarded, and its session's lock goes with it.
      if (locked && !broken) broken = await unlock(client, this.writeLockKey);
      client.release(broken);
    }
  }

  private get writeLockKey(): string {
    return `keyward:write:${this.schema}`;
  }

  async runOne(sql: string, params: readonly SqlValue[]): Promise<RunResult> {
    try {
      const result = await this.pool.query({ text: toPositional(sql), values: [...params] });
      return { changes: result.rowCount ?? 0 };
    } catch (error) {
      throw translate(error);
    }
  }

  async migrate<T>(fn: (ex: SqlExecutor) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    let broken: Error | undefined;
    const lockKey = `keyward:migrate:${this.schema}`;
    try {
      // A session lock taken before BEGIN, so the migration's snapshot starts after any
      // other node's migration has committed.
      await client.query('SELECT pg_advisory_lock(hashtext($1))', [lockKey]);
      try {
        await client.query('BEGIN');
        await client.query(`CREATE SCHEMA IF NOT EXISTS "${this.schema}"`);
        // The shared migrations sort text with COLLATE "binary", SQLite's byte order; this
        // gives PostgreSQL the same order whatever the database's locale.
        await client.query(`CREATE COLLATION IF NOT EXISTS "${this.schema}"."binary" (locale = 'C')`);
        const result = await fn(new PostgresExecutor(client));
        await client.query('COMMIT');
        return result;
      } catch (error) {
        broken = await rollback(client);
        throw error;
      } finally {
        if (!broken) await client.query('SELECT pg_advisory_unlock(hashtext($1))', [lockKey]);
      }
    } finally {
      client.release(broken);
    }
  }

  async close(): Promise<void> {
    await this.listener.close();
    await this.pool.end();
  }
}

/** Releases the write lock; returns the error if that failed (the connection is then discarded). */
async function unlock(client: pg.PoolClient, key: string): Promise<Error | undefined> {
  try {
    await client.query('SELECT pg_advisory_unlock(hashtext($1))', [key]);
    return undefined;
  } catch (error) {
    return error instanceof Error ? error : new Error(String(error));
  }
}

/** Rolls back; returns the error if the connection itself failed (then it is discarded). */
async function rollback(client: pg.PoolClient): Promise<Error | undefined> {
  try {
    await client.query('ROLLBACK');
    return undefined;
  } catch (error) {
    return error instanceof Error ? error : new Error(String(error));
  }
}
