// The one credential report per account, replaced by each generation.
import type { CredentialReport, CredentialReportState } from '../../domain/credential-report.js';
import type { CredentialReportRepository } from '../report-repositories.js';
import { dateOf, optionalDate, optionalMillis, optionalText, textOrUndefined } from './columns.js';
import type { SqlExecutor } from './executor.js';

export function sqlCredentialReportRepository(ex: SqlExecutor): CredentialReportRepository {
  return {
    async get(accountId) {
      const row = await ex.get(
        'SELECT account_id, state, started_date, generated_time, content FROM credential_reports WHERE account_id = ?',
        [accountId],
      );
      if (!row) return undefined;
      const generatedTime = optionalDate(row.generated_time);
      const content = textOrUndefined(row.content);
      return {
        accountId: String(row.account_id),
        state: String(row.state) as CredentialReportState,
        startedDate: dateOf(row.started_date),
        ...(generatedTime === undefined ? {} : { generatedTime }),
        ...(content === undefined ? {} : { content }),
      };
    },

    async put(report: CredentialReport) {
      await ex.run(
        `INSERT INTO credential_reports (account_id, state, started_date, generated_time, content) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (account_id) DO UPDATE SET state = excluded.state, started_date = excluded.started_date,
           generated_time = excluded.generated_time, content = excluded.content`,
        [report.accountId, report.state, report.startedDate.getTime(), optionalMillis(report.generatedTime), optionalText(report.content)],
      );
    },

    async delete(accountId) {
      return (await ex.run('DELETE FROM credential_reports WHERE account_id = ?', [accountId])).changes > 0;
    },
  };
}
