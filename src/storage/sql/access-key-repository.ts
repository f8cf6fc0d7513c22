// Access keys of users and of the account root (user_id NULL). The secret arrives encrypted.
import type { AccessKey, AccessKeyStatus } from '../../domain/entities.js';
import { EntityAlreadyExistsError } from '../errors.js';
import type { AccessKeyRepository } from '../repositories.js';
import { dateOf, optionalDate } from './columns.js';
import { ownerClause, ownerNameOf, ownerUserId } from './credential-owner.js';
import type { SqlExecutor, SqlRow } from './executor.js';

const SELECT = `SELECT k.access_key_id, k.account_id, u.name AS user_name, k.secret_ciphertext, k.status,
       k.create_date, k.last_used_date, k.last_used_service, k.last_used_region
  FROM access_keys k LEFT JOIN users u ON u.id = k.user_id`;

export const RECORD_ACCESS_KEY_USE_SQL =
  'UPDATE access_keys SET last_used_date = ?, last_used_service = ?, last_used_region = ? WHERE access_key_id = ?';

function keyOf(row: SqlRow): AccessKey {
  const lastUsed = optionalDate(row.last_used_date);
  return {
    accountId: String(row.account_id),
    accessKeyId: String(row.access_key_id),
    userName: ownerNameOf(row),
    secretCiphertext: String(row.secret_ciphertext),
    status: String(row.status) as AccessKeyStatus,
    createDate: dateOf(row.create_date),
    ...(lastUsed === undefined
      ? {}
      : {
          lastUsed: {
            date: lastUsed,
            service: String(row.last_used_service ?? ''),
            region: String(row.last_used_region ?? ''),
          },
        }),
  };
}

export function sqlAccessKeyRepository(ex: SqlExecutor): AccessKeyRepository {
  return {
    async get(accessKeyId) {
      const row = await ex.get(`${SELECT} WHERE k.access_key_id = ?`, [accessKeyId]);
      return row ? keyOf(row) : undefined;
    },

    async insert(key) {
      const userId = await ownerUserId(ex, key.accountId, key.userName);
      const { changes } = await ex.run(
        `INSERT INTO access_keys (access_key_id, account_id, user_id, secret_ciphertext, status, create_date,
                                  last_used_date, last_used_service, last_used_region)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`,
        [
          key.accessKeyId,
          key.accountId,
          userId,
          key.secretCiphertext,
          key.status,
          key.createDate.getTime(),
          key.lastUsed ? key.lastUsed.date.getTime() : null,
          key.lastUsed ? key.lastUsed.service : null,
          key.lastUsed ? key.lastUsed.region : null,
        ],
      );
      if (changes === 0) throw new EntityAlreadyExistsError('access-key', key.accessKeyId);
    },

    async listForUser(accountId, userName) {
      const owner = ownerClause('k', accountId, userName);
      const rows = await ex.all(`${SELECT} WHERE ${owner.sql} ORDER BY k.create_date, k.access_key_id`, owner.params);
      return rows.map(keyOf);
    },

    async countForUser(accountId, userName) {
      const owner = ownerClause('k', accountId, userName);
      const row = await ex.get<{ n: number }>(`SELECT COUNT(*) AS n FROM access_keys k WHERE ${owner.sql}`, owner.params);
      return Number(row?.n ?? 0);
    },

    async updateStatus(accessKeyId, status) {
      const { changes } = await ex.run('UPDATE access_keys SET status = ? WHERE access_key_id = ?', [status, accessKeyId]);
      return changes > 0;
    },

    async recordLastUsed(accessKeyId, use) {
      const params = [use.date.getTime(), use.service, use.region, accessKeyId];
      return (await ex.run(RECORD_ACCESS_KEY_USE_SQL, params)).changes > 0;
    },

    async delete(accessKeyId) {
      return (await ex.run('DELETE FROM access_keys WHERE access_key_id = ?', [accessKeyId])).changes > 0;
    },
  };
}
