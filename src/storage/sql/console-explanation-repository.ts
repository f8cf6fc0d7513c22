// The console's kept explanations; one SQL text for both backends. The bound keeps the newest
// rows of an account (create_date, then request id, so ties cut the same way everywhere).
import type { ConsoleExplanationRepository, KeptExplanation } from '../console-explanation-repositories.js';
import { dateOf } from './columns.js';
import type { SqlExecutor } from './executor.js';

export function sqlConsoleExplanationRepository(ex: SqlExecutor): ConsoleExplanationRepository {
  const deleteExpired = async (now: Date): Promise<number> =>
    (await ex.run('DELETE FROM console_explanations WHERE expires_at <= ?', [now.getTime()])).changes;

  return {
    async put(kept, { now, maxPerAccount }) {
      await deleteExpired(now);
      await ex.run(
        `INSERT INTO console_explanations (request_id, account_id, principal_arn, encoded_message, create_date, expires_at)
         VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (request_id) DO NOTHING`,
        [kept.requestId, kept.accountId, kept.principalArn, kept.encodedMessage, kept.createDate.getTime(), kept.expiresAt.getTime()],
      );
      await ex.run(
        `DELETE FROM console_explanations WHERE account_id = ? AND request_id NOT IN (
           SELECT request_id FROM console_explanations WHERE account_id = ?
           ORDER BY create_date DESC, request_id DESC LIMIT ?)`,
        [kept.accountId, kept.accountId, Math.max(0, Math.floor(maxPerAccount))],
      );
    },

    async get(accountId, requestId, now) {
      const row = await ex.get(
        `SELECT request_id, account_id, principal_arn, encoded_message, create_date, expires_at
         FROM console_explanations WHERE request_id = ? AND account_id = ? AND expires_at > ?`,
        [requestId, accountId, now.getTime()],
      );
      if (row === undefined) return undefined;
      const kept: KeptExplanation = {
        requestId: String(row.request_id),
        accountId: String(row.account_id),
        principalArn: String(row.principal_arn),
        encodedMessage: String(row.encoded_message),
        createDate: dateOf(row.create_date),
        expiresAt: dateOf(row.expires_at),
      };
      return kept;
    },

    deleteExpired,
  };
}
