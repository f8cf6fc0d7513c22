// `IN (...)` lists for the set-based reads that fetch one thing for a whole page of entities
// in one statement, and the grouping of their rows back per entity.
import type { SqlValue } from './executor.js';

/**
 * `?, ?, ...` for `values`, padded to the next power of two with repeats of the last value
 * (which IN ignores): each statement shape then has a handful of texts, not one per length, so
 * the prepared-statement and placeholder caches stay small whatever the page size.
 */
export function inList(values: readonly SqlValue[]): { sql: string; params: SqlValue[] } {
  if (values.length === 0) throw new RangeError('an IN list needs at least one value');
  let size = 1;
  while (size < values.length) size *= 2;
  const params = [...values];
  const last = values[values.length - 1] ?? null;
  while (params.length < size) params.push(last);
  return { sql: params.map(() => '?').join(', '), params };
}

/** Rows grouped by `key`, each group in row order; every key in `keys` gets a (maybe empty) group. */
export function groupRows<R, T>(keys: readonly string[], rows: readonly R[], key: (row: R) => string, map: (row: R) => T): Map<string, T[]> {
  const groups = new Map<string, T[]>(keys.map((k) => [k, []]));
  for (const row of rows) {
    const k = key(row);
    let group = groups.get(k);
    if (group === undefined) groups.set(k, (group = []));
    group.push(map(row));
  }
  return groups;
}
