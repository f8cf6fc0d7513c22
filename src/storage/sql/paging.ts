// Keyset pagination shared by every list: fetch one row more than asked to learn whether the
// list is truncated, and hand back the last row's sort key as the next `after`.
import type { Page, PageRequest } from '../repositories.js';
import { nameKey } from '../../domain/names.js';
import type { SqlValue } from './executor.js';

/** SQL text for `LIMIT ?` plus its parameter: one row past the page. */
export function limitPlusOne(request: PageRequest): number {
  if (!Number.isInteger(request.limit) || request.limit < 1) {
    throw new RangeError(`page limit must be a positive integer, got ${request.limit}`);
  }
  return request.limit + 1;
}

export function toPage<R, T>(
  rows: readonly R[],
  request: PageRequest,
  map: (row: R) => T,
  sortKey: (row: R) => string,
): Page<T> {
  const truncated = rows.length > request.limit;
  const kept = truncated ? rows.slice(0, request.limit) : rows;
  const items = kept.map(map);
  const last = kept[kept.length - 1];
  return truncated && last !== undefined ? { items, nextAfter: sortKey(last) } : { items };
}

/**
 * A case-sensitive path prefix test. substr() rather than LIKE: SQLite's LIKE ignores ASCII
 * case and both treat `_` and `%` as wildcards. Paths are ASCII, so lengths agree.
 */
export function pathPrefixClause(column: string, prefix: string | undefined): { sql: string; params: SqlValue[] } {
  if (prefix === undefined || prefix === '' || prefix === '/') return { sql: '', params: [] };
  return { sql: ` AND substr(${column}, 1, ?) = ?`, params: [prefix.length, prefix] };
}

/**
 * A substring test on a name key (names folded as nameKey folds them). LIKE with `%`, `_` and
 * the escape character escaped: the key and the needle are folded alike, so SQLite's
 * case-blind LIKE and PostgreSQL's case-sensitive one agree.
 */
export function nameContainsClause(column: string, needle: string | undefined): { sql: string; params: SqlValue[] } {
  if (needle === undefined || needle === '') return { sql: '', params: [] };
  const escaped = nameKey(needle).replace(/[\\%_]/g, (c) => `\\${c}`);
  return { sql: ` AND ${column} LIKE ? ESCAPE '\\'`, params: [`%${escaped}%`] };
}

/** Splits a two-part sort key ("first second") made by joinKey; names and ARNs have no space. */
export function splitKey(after: string): [string, string] {
  const at = after.indexOf(' ');
  return at < 0 ? [after, ''] : [after.slice(0, at), after.slice(at + 1)];
}

export function joinKey(first: string, second: string): string {
  return `${first} ${second}`;
}

/** ` AND column > ?` when the page continues a previous one (pushing `after` onto params). */
export function afterClause(column: string, page: PageRequest, params: SqlValue[]): string {
  if (page.after === undefined) return '';
  params.push(page.after);
  return ` AND ${column} > ?`;
}
