// Console passwords of users and of the root user (user_id NULL), and the hashes of previous
// passwords kept for the password policy's reuse prevention.
import type { LoginProfile, PasswordHistoryEntry } from '../../domain/credentials.js';
import { EntityAlreadyExistsError } from '../errors.js';
import type { LoginProfileRepository, PasswordHistoryRepository } from '../credential-repositories.js';
import { dateOf, flag, optionalDate, optionalMillis } from './columns.js';
import { ownerClause, ownerNameOf, ownerUserId } from './credential-owner.js';
import type { SqlExecutor, SqlRow } from './executor.js';

const SELECT = `SELECT p.account_id, u.name AS user_name, p.password_hash, p.create_date, p.password_reset_required,
       p.password_last_changed, p.password_last_used, p.failed_attempts, p.locked_until
  FROM login_profiles p LEFT JOIN users u ON u.id = p.user_id`;

/** The root user's key in the credential report, used as the clash key for its profile. */
const ROOT_KEY = '<root_account>';

export const RECORD_USER_PASSWORD_USE_SQL = `UPDATE login_profiles SET password_last_used = ?
  WHERE account_id = ? AND user_id IN (SELECT id FROM users WHERE account_id = ? AND name_key = ?)`;
export const RECORD_ROOT_PASSWORD_USE_SQL =
  'UPDATE login_profiles SET password_last_used = ? WHERE account_id = ? AND user_id IS NULL';

function profileOf(row: SqlRow): LoginProfile {
  const passwordLastUsed = optionalDate(row.password_last_used);
  const lockedUntil = optionalDate(row.locked_until);
  return {
    accountId: String(row.account_id),
    userName: ownerNameOf(row),
    passwordHash: String(row.password_hash),
    createDate: dateOf(row.create_date),
    passwordResetRequired: Number(row.password_reset_required) === 1,
    passwordLastChanged: dateOf(row.password_last_changed),
    ...(passwordLastUsed === undefined ? {} : { passwordLastUsed }),
    failedAttempts: Number(row.failed_attempts),
    ...(lockedUntil === undefined ? {} : { lockedUntil }),
  };
}

export function sqlLoginProfileRepository(ex: SqlExecutor): LoginProfileRepository {
  return {
    async get(accountId, userName) {
      const owner = ownerClause('p', accountId, userName);
      const row = await ex.get(`${SELECT} WHERE ${owner.sql}`, owner.params);
      return row ? profileOf(row) : undefined;
    },

    async insert(profile) {
      const userId = await ownerUserId(ex, profile.accountId, profile.userName);
      const { changes } = await ex.run(
        `INSERT INTO login_profiles (account_id, user_id, password_hash, create_date, password_reset_required,
                                     password_last_changed, password_last_used, failed_attempts, locked_until)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`,
        [
          profile.accountId,
          userId,
          profile.passwordHash,
          profile.createDate.getTime(),
          flag(profile.passwordResetRequired),
          profile.passwordLastChanged.getTime(),
          optionalMillis(profile.passwordLastUsed),
          profile.failedAttempts,
          optionalMillis(profile.lockedUntil),
        ],
      );
      if (changes === 0) throw new EntityAlreadyExistsError('login-profile', profile.userName ?? ROOT_KEY);
    },

    async update(profile) {
      const owner = ownerClause('', profile.accountId, profile.userName);
      const { changes } = await ex.run(
        `UPDATE login_profiles SET password_hash = ?, password_reset_required = ?, password_last_changed = ?,
                password_last_used = ?, failed_attempts = ?, locked_until = ?
          WHERE ${owner.sql}`,
        [
          profile.passwordHash,
          flag(profile.passwordResetRequired),
          profile.passwordLastChanged.getTime(),
          optionalMillis(profile.passwordLastUsed),
          profile.failedAttempts,
          optionalMillis(profile.lockedUntil),
          ...owner.params,
        ],
      );
      return changes > 0;
    },

    async delete(accountId, userName) {
      const owner = ownerClause('', accountId, userName);
      const { changes } = await ex.run(`DELETE FROM login_profiles WHERE ${owner.sql}`, owner.params);
      return changes > 0;
    },

    history: sqlPasswordHistory(ex),
  };
}

function sqlPasswordHistory(ex: SqlExecutor): PasswordHistoryRepository {
  return {
    async add(accountId, userName, entry, keep) {
      if (!Number.isInteger(keep) || keep < 1) throw new RangeError(`history size must be a positive integer, got ${keep}`);
      let userId: string | null;
      try {
        userId = await ownerUserId(ex, accountId, userName);
      } catch {
        return false;
      }
      const ownerKey = userId ?? '';
      const last = await ex.get<{ seq: number | null }>(
        'SELECT MAX(seq) AS seq FROM password_history WHERE account_id = ? AND owner_key = ?',
        [accountId, ownerKey],
      );
      const seq = Number(last?.seq ?? 0) + 1;
      await ex.run(
        `INSERT INTO password_history (account_id, user_id, owner_key, seq, password_hash, set_date)
         VALUES (?, ?, ?, ?, ?, ?)`,
        [accountId, userId, ownerKey, seq, entry.passwordHash, entry.setDate.getTime()],
      );
      await ex.run('DELETE FROM password_history WHERE account_id = ? AND owner_key = ? AND seq <= ?', [
        accountId,
        ownerKey,
        seq - keep,
      ]);
      return true;
    },

    async list(accountId, userName, limit) {
      if (!Number.isInteger(limit) || limit < 1) throw new RangeError(`history limit must be a positive integer, got ${limit}`);
      const owner = ownerClause('h', accountId, userName);
      const rows = await ex.all(
        `SELECT h.password_hash, h.set_date FROM password_history h WHERE ${owner.sql} ORDER BY h.seq DESC LIMIT ?`,
        [...owner.params, limit],
      );
      return rows.map((r): PasswordHistoryEntry => ({ passwordHash: String(r.password_hash), setDate: dateOf(r.set_date) }));
    },

    async clear(accountId, userName) {
      const owner = ownerClause('', accountId, userName);
      return (await ex.run(`DELETE FROM password_history WHERE ${owner.sql}`, owner.params)).changes;
    },
  };
}
