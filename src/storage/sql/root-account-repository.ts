// Root's e-mail address and password reset tokens; a token is taken by deleting its row, so
// only one taker sees it (the delete's change count decides).
import type { RootAccountRepository, RootPasswordReset } from '../root-account-repositories.js';
import { dateOf } from './columns.js';
import type { SqlExecutor } from './executor.js';

export function sqlRootAccountRepository(ex: SqlExecutor): RootAccountRepository {
  return {
    async getEmail(accountId) {
      const row = await ex.get('SELECT email FROM root_contacts WHERE account_id = ?', [accountId]);
      return row === undefined ? undefined : String(row.email);
    },

    async setEmail(accountId, email, now) {
      await ex.run(
        `INSERT INTO root_contacts (account_id, email, update_date) VALUES (?, ?, ?)
         ON CONFLICT (account_id) DO UPDATE SET email = excluded.email, update_date = excluded.update_date`,
        [accountId, email, now.getTime()],
      );
    },

    async insertReset(reset) {
      await ex.run('INSERT INTO root_password_resets (token_hash, account_id, create_date, expires_at) VALUES (?, ?, ?, ?)', [
        reset.tokenHash,
        reset.accountId,
        reset.createDate.getTime(),
        reset.expiresAt.getTime(),
      ]);
    },

    async latestResetDate(accountId) {
      const row = await ex.get('SELECT MAX(create_date) AS latest FROM root_password_resets WHERE account_id = ?', [accountId]);
      return row === undefined || row.latest === null || row.latest === undefined ? undefined : dateOf(row.latest);
    },

    async takeReset(tokenHash, now) {
      const row = await ex.get('SELECT token_hash, account_id, create_date, expires_at FROM root_password_resets WHERE token_hash = ?', [tokenHash]);
      if (row === undefined) return undefined;
      const { changes } = await ex.run('DELETE FROM root_password_resets WHERE token_hash = ?', [tokenHash]);
      if (changes === 0) return undefined;
      const reset: RootPasswordReset = {
        tokenHash: String(row.token_hash),
        accountId: String(row.account_id),
        createDate: dateOf(row.create_date),
        expiresAt: dateOf(row.expires_at),
      };
      return reset.expiresAt.getTime() > now.getTime() ? reset : undefined;
    },

    async deleteResets(accountId) {
      return (await ex.run('DELETE FROM root_password_resets WHERE account_id = ?', [accountId])).changes;
    },
  };
}
