// The tiny SQL surface every repository is written against, once for both backends.
// Statements use `?` placeholders; the PostgreSQL executor rewrites them to `$n`.

/** What repositories bind: text, integers (epoch ms, 0/1 booleans) and NULL. */
export type SqlValue = string | number | null;

export type SqlRow = Record<string, unknown>;

export interface RunResult {
  /** Rows inserted, updated or deleted. */
  readonly changes: number;
}

/**
 * One connection inside one transaction. Integer columns come back as JS numbers on both
 * backends. Constraint failures are thrown as ConstraintViolationError.
 */
export interface SqlExecutor {
  all<R extends SqlRow>(sql: string, params?: readonly SqlValue[]): Promise<R[]>;
  get<R extends SqlRow>(sql: string, params?: readonly SqlValue[]): Promise<R | undefined>;
  run(sql: string, params?: readonly SqlValue[]): Promise<RunResult>;
}

export interface WriteOptions {
  /**
   * Bookkeeping (last-used times, access advisor): no cache holds what it writes, so it does
   * not move the change generation nor tell other nodes.
   */
  readonly bookkeeping?: boolean;
  /**
   * Ordered with the other writes (PostgreSQL's write lock is taken), yet like bookkeeping it
   * moves no generation and tells no other node: the audit trail's own batches.
   */
  readonly quiet?: boolean;
}

/** How a backend runs transactions; createSqlStore turns it into a Store. */
export interface SqlDriver {
  /** A read-only transaction over one consistent snapshot. */
  read<T>(fn: (ex: SqlExecutor) => Promise<T>): Promise<T>;
  /** A serializable read-write transaction; may call `fn` again after a conflict. */
  write<T>(fn: (ex: SqlExecutor) => Promise<T>, options?: WriteOptions): Promise<T>;
  /** Store.generation: moves after every committed write, here or (where the backend can tell) elsewhere. */
  generation(): number;
  /** Store.syncGeneration. */
  syncGeneration(): Promise<void>;
  /** One autocommitted statement, ordered with write transactions. */
  runOne(sql: string, params: readonly SqlValue[]): Promise<RunResult>;
  /** A transaction that excludes every other migrator, even in other processes. */
  migrate<T>(fn: (ex: SqlExecutor) => Promise<T>): Promise<T>;
  close(): Promise<void>;
  /** Whether other nodes' writes are heard of now; absent where there is no change listener. */
  listenerUp?(): boolean;
}
