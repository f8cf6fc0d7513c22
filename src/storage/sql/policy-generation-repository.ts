// Policy generation jobs by account and job id; the client token is unique per account, so two
// nodes given one token make one job.
import { EntityAlreadyExistsError } from '../errors.js';
import type { PolicyGenerationRepository, PolicyGenerationStatus, StoredPolicyGeneration } from '../policy-generation-repositories.js';
import { dateOf, jsonOf, jsonText, optionalDate, optionalMillis, optionalText, textOrUndefined } from './columns.js';
import type { SqlExecutor, SqlRow } from './executor.js';

const SELECT = `SELECT job_id, account_id, principal_arn, client_token, request, status, started_on, completed_on, result, error
  FROM policy_generations`;

function jobOf(row: SqlRow): StoredPolicyGeneration {
  const clientToken = textOrUndefined(row.client_token);
  const completedOn = optionalDate(row.completed_on);
  const result = textOrUndefined(row.result);
  const error = jsonOf<{ code: string; message: string }>(row.error);
  return {
    jobId: String(row.job_id),
    accountId: String(row.account_id),
    principalArn: String(row.principal_arn),
    ...(clientToken !== undefined && { clientToken }),
    request: String(row.request),
    status: String(row.status) as PolicyGenerationStatus,
    startedOn: dateOf(row.started_on),
    ...(completedOn !== undefined && { completedOn }),
    ...(result !== undefined && { result }),
    ...(error !== undefined && { error: { code: error.code, message: error.message } }),
  };
}

export function sqlPolicyGenerationRepository(ex: SqlExecutor): PolicyGenerationRepository {
  return {
    async get(accountId, jobId) {
      const row = await ex.get(`${SELECT} WHERE account_id = ? AND job_id = ?`, [accountId, jobId]);
      return row ? jobOf(row) : undefined;
    },

    async byClientToken(accountId, clientToken) {
      const row = await ex.get(`${SELECT} WHERE account_id = ? AND client_token = ?`, [accountId, clientToken]);
      return row ? jobOf(row) : undefined;
    },

    async insert(job) {
      const { changes } = await ex.run(
        `INSERT INTO policy_generations
           (job_id, account_id, principal_arn, client_token, request, status, started_on, completed_on, result, error)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`,
        [
          job.jobId,
          job.accountId,
          job.principalArn,
          optionalText(job.clientToken),
          job.request,
          job.status,
          job.startedOn.getTime(),
          optionalMillis(job.completedOn),
          optionalText(job.result),
          jsonText(job.error),
        ],
      );
      if (changes === 0) throw new EntityAlreadyExistsError('policy-generation', job.clientToken ?? job.jobId);
    },

    async finish(accountId, jobId, outcome) {
      const { changes } = await ex.run(
        `UPDATE policy_generations SET status = ?, completed_on = ?, result = ?, error = ?
          WHERE account_id = ? AND job_id = ? AND status = 'IN_PROGRESS'`,
        [outcome.status, optionalMillis(outcome.completedOn), optionalText(outcome.result), jsonText(outcome.error), accountId, jobId],
      );
      return changes > 0;
    },

    async list(accountId, options) {
      const where = ['account_id = ?', 'started_on >= ?'];
      const params: (string | number)[] = [accountId, options.since.getTime()];
      if (options.principalArn !== undefined) {
        where.push('principal_arn = ?');
        params.push(options.principalArn);
      }
      if (options.after !== undefined) {
        const t = options.after.startedOn.getTime();
        where.push('(started_on < ? OR (started_on = ? AND job_id < ?))');
        params.push(t, t, options.after.jobId);
      }
      params.push(options.limit);
      const rows = await ex.all(`${SELECT} WHERE ${where.join(' AND ')} ORDER BY started_on DESC, job_id DESC LIMIT ?`, params);
      return rows.map(jobOf);
    },
  };
}
