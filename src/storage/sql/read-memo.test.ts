import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { SqliteExecutor } from '../sqlite/sqlite-executor.js';
import type { SqlExecutor } from './executor.js';
import { memoizeReads } from './read-memo.js';

/** A real in-memory SQLite executor that counts the statements it runs. */
function counted(): { ex: SqlExecutor; statements: () => number } {
  const db = new Database(':memory:');
  db.exec("CREATE TABLE t (id TEXT PRIMARY KEY, n INTEGER); INSERT INTO t VALUES ('a', 1), ('1', 2)");
  const inner = new SqliteExecutor(db);
  let count = 0;
  return {
    statements: () => count,
    ex: {
      all: (sql, params) => (count++, inner.all(sql, params)),
      get: (sql, params) => (count++, inner.get(sql, params)),
      run: (sql, params) => (count++, inner.run(sql, params)),
    },
  };
}

describe('memoizeReads', () => {
  it('runs a repeated single-row read once, and tells parameters of different types apart', async () => {
    const { ex, statements } = counted();
    const memo = memoizeReads(ex);
    const sql = 'SELECT n FROM t WHERE id = ?';
    expect(await memo.get(sql, ['a'])).toEqual({ n: 1 });
    expect(await memo.get(sql, ['a'])).toEqual({ n: 1 });
    expect(statements()).toBe(1);
    expect(await memo.get(sql, ['1'])).toEqual({ n: 2 });
    // Whatever the number 1 answers (SQLite compares it to text keys as a number), it is not the '1' row remembered.
    expect(await memo.get(sql, [1])).toEqual(await counted().ex.get(sql, [1]));
    expect(await memo.get(sql, ['missing'])).toBeUndefined();
    expect(await memo.get(sql, ['missing'])).toBeUndefined();
    expect(statements()).toBe(4);
  });

  it('hands out copies, so a changed row does not change the next answer', async () => {
    const memo = memoizeReads(counted().ex);
    const first = await memo.get<{ n: number }>('SELECT n FROM t WHERE id = ?', ['a']);
    first!.n = 99;
    expect(await memo.get('SELECT n FROM t WHERE id = ?', ['a'])).toEqual({ n: 1 });
  });

  it('does not remember a failed read, nor lists', async () => {
    const { ex, statements } = counted();
    const memo = memoizeReads(ex);
    await expect(memo.get('SELECT nope FROM t')).rejects.toThrow();
    await expect(memo.get('SELECT nope FROM t')).rejects.toThrow();
    expect(statements()).toBe(2);
    await memo.all('SELECT n FROM t');
    await memo.all('SELECT n FROM t');
    expect(statements()).toBe(4);
  });
});
