// Single-row reads remembered for the rest of one read-only transaction. A read transaction
// sees one snapshot and cannot write, so the same statement with the same parameters answers
// the same row until it ends: an operation's authorization check and its run both read the
// target (GetUser reads the user twice) and the second read costs no statement (on
// PostgreSQL, no round trip).
import type { SqlExecutor, SqlRow, SqlValue } from './executor.js';

function paramsKey(params: readonly SqlValue[] | undefined): string {
  // JSON keeps 1, '1' and null apart.
  return params === undefined || params.length === 0 ? '' : JSON.stringify(params);
}

/** `ex` with get() remembered; only for executors of read-only transactions. */
export function memoizeReads(ex: SqlExecutor): SqlExecutor {
  // By statement text, then by parameters: statement texts are long but mostly the same
  // string objects, whose hashes V8 keeps, so no long key is built and hashed per read.
  const rows = new Map<string, Map<string, Promise<SqlRow | undefined>>>();
  return {
    all: (sql, params) => ex.all(sql, params),
    run: (sql, params) => ex.run(sql, params),
    async get<R extends SqlRow>(sql: string, params?: readonly SqlValue[]): Promise<R | undefined> {
      let bySql = rows.get(sql);
      if (bySql === undefined) rows.set(sql, (bySql = new Map()));
      const key = paramsKey(params);
      let row = bySql.get(key);
      if (row === undefined) {
        row = ex.get(sql, params);
        bySql.set(key, row);
        // A failed read is not remembered: the transaction is ended by its caller anyway.
        const remembered = bySql;
        row.catch(() => remembered.delete(key));
      }
      const found = await row;
      // A copy, so that a caller changing its row cannot change what the next one reads.
      return found === undefined ? undefined : ({ ...found } as R);
    },
  };
}
