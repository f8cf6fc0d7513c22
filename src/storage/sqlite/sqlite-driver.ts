// Transactions on one SQLite file in WAL mode: a single writer connection whose transactions
// queue on an async mutex (BEGIN IMMEDIATE ... COMMIT around the async callback), and a small
// pool of read-only connections that see the last committed state while a write is open.
import Database from 'better-sqlite3';
import { ChangeGeneration } from '../sql/change-generation.js';
import type { RunResult, SqlDriver, SqlExecutor, SqlValue, WriteOptions } from '../sql/executor.js';
import { AsyncMutex } from '../sql/async-mutex.js';
import type { SharedWriteLock } from './shared-write-lock.js';
import { SqliteExecutor } from './sqlite-executor.js';

/** Idle read connections kept open; more are opened when reads overlap, then closed. */
const IDLE_READERS = 4;
/** Another process holding the write lock is waited for, synchronously, this long. */
const BUSY_TIMEOUT_MS = 5000;

export class SqliteDriver implements SqlDriver {
  private readonly writer: SqliteExecutor;
  private readonly writes = new AsyncMutex();
  private readonly idleReaders: SqliteExecutor[] = [];
  private readonly changes = new ChangeGeneration();
  /** SQLite's count of commits by other connections, seen from the writer: other processes' writes. */
  private readonly dataVersion: Database.Statement;
  private lastDataVersion: unknown;
  private closed = false;

  /** `writeLock`: shared with other threads of this process that write the same file (shared-write-lock.ts). */
  constructor(
    private readonly file: string,
    private readonly writeLock?: SharedWriteLock,
  ) {
    const db = new Database(file);
    db.pragma('journal_mode = WAL');
    db.pragma('foreign_keys = ON');
    db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
    this.writer = new SqliteExecutor(db);
    this.dataVersion = db.prepare('PRAGMA data_version').pluck();
    this.lastDataVersion = this.dataVersion.get();
  }

  // This process's writes move the generation at commit; another process's (two servers on one
  // file) show in the writer connection's data_version, read once per request by
  // syncGeneration (a few µs: SQLite looks at the WAL index).
  generation(): number {
    return this.changes.current();
  }

  syncGeneration(): Promise<void> {
    if (!this.closed) {
      const version = this.dataVersion.get();
      if (version !== this.lastDataVersion) {
        this.lastDataVersion = version;
        this.changes.bump();
      }
    }
    return Promise.resolve();
  }

  async read<T>(fn: (ex: SqlExecutor) => Promise<T>): Promise<T> {
    this.checkOpen();
    const reader = this.idleReaders.pop() ?? this.openReader();
    // A deferred transaction pins one WAL snapshot from its first SELECT to COMMIT.
    reader.db.exec('BEGIN');
    try {
      return await fn(reader);
    } finally {
      if (reader.db.inTransaction) reader.db.exec('ROLLBACK');
      if (this.closed || this.idleReaders.length >= IDLE_READERS) reader.db.close();
      else this.idleReaders.push(reader);
    }
  }

  async write<T>(fn: (ex: SqlExecutor) => Promise<T>, options: WriteOptions = {}): Promise<T> {
    this.checkOpen();
    return this.writes.run(async () => {
      const db = this.writer.db;
      await this.writeLock?.acquire();
      try {
        db.exec('BEGIN IMMEDIATE');
        try {
          const result = await fn(this.writer);
          db.exec('COMMIT');
          // In the same synchronous step as COMMIT: no read can see the new data under the old number.
          if (options.bookkeeping !== true && options.quiet !== true) this.changes.bump();
          return result;
        } catch (error) {
          if (db.inTransaction) db.exec('ROLLBACK');
          throw error;
        }
      } finally {
        this.writeLock?.release();
      }
    });
  }

  // Queued with write transactions: on the shared connection it would otherwise join (and
  // share the fate of) whichever transaction happens to be open.
  async runOne(sql: string, params: readonly SqlValue[]): Promise<RunResult> {
    this.checkOpen();
    return this.writes.run(async () => {
      await this.writeLock?.acquire();
      try {
        return await this.writer.run(sql, params);
      } finally {
        this.writeLock?.release();
      }
    });
  }

  // BEGIN IMMEDIATE takes the database's write lock, which also excludes other processes.
  migrate<T>(fn: (ex: SqlExecutor) => Promise<T>): Promise<T> {
    return this.write(fn);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.writes.run(async () => {
      for (const reader of this.idleReaders.splice(0)) reader.db.close();
      this.writer.db.close();
    });
  }

  private openReader(): SqliteExecutor {
    const db = new Database(this.file, { readonly: true, fileMustExist: true });
    db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
    return new SqliteExecutor(db);
  }

  private checkOpen(): void {
    if (this.closed) throw new Error('store is closed');
  }
}
