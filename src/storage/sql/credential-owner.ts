// Credentials belong to a user, found by case-insensitive name, or to the account root user
// (user_id NULL). These helpers turn that owner into SQL once for every credential table.
import { nameKey } from '../../domain/names.js';
import { ConstraintViolationError } from '../errors.js';
import type { SqlExecutor, SqlRow, SqlValue } from './executor.js';
import { idOf } from './named-table.js';

/** WHERE text selecting one owner's rows of the table aliased `alias` ('' for no alias, as UPDATE needs). */
export function ownerClause(alias: string, accountId: string, userName: string | null): { sql: string; params: SqlValue[] } {
  const t = alias === '' ? '' : `${alias}.`;
  if (userName === null) return { sql: `${t}account_id = ? AND ${t}user_id IS NULL`, params: [accountId] };
  return {
    sql: `${t}account_id = ? AND ${t}user_id IN (SELECT id FROM users WHERE account_id = ? AND name_key = ?)`,
    params: [accountId, accountId, nameKey(userName)],
  };
}

/**
 * The user_id to store for an owner: null for the root user. Throws ConstraintViolationError
 * for an unknown user, before any write, so a PostgreSQL transaction is not aborted.
 */
export async function ownerUserId(ex: SqlExecutor, accountId: string, userName: string | null): Promise<string | null> {
  if (userName === null) return null;
  const id = await idOf(ex, 'users', accountId, userName);
  if (id === undefined) throw new ConstraintViolationError('foreign-key', `no user named "${userName}"`);
  return id;
}

/** The `user_name` a LEFT JOIN on users yields: null for the root user's rows. */
export function ownerNameOf(row: SqlRow): string | null {
  return row.user_name === null || row.user_name === undefined ? null : String(row.user_name);
}
