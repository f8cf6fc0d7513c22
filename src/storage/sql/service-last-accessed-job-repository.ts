// GenerateServiceLastAccessedDetails jobs: the request, its status and the computed report
// as JSON text (its shape belongs to the service).
import type {
  AccessAdvisorGranularity,
  AccessAdvisorJobStatus,
  ServiceLastAccessedJob,
} from '../../domain/access-advisor.js';
import { EntityAlreadyExistsError } from '../errors.js';
import type { ServiceLastAccessedJobRepository } from '../report-repositories.js';
import { dateOf, jsonOf, jsonText, optionalDate, optionalMillis, optionalText, textOrUndefined } from './columns.js';
import type { SqlExecutor, SqlRow } from './executor.js';

const SELECT = `SELECT job_id, account_id, entity_arn, granularity, status, creation_date, completion_date, result, error
  FROM service_last_accessed_jobs`;

type JobError = NonNullable<ServiceLastAccessedJob['error']>;

function jobOf(row: SqlRow): ServiceLastAccessedJob {
  const completionDate = optionalDate(row.completion_date);
  const resultJson = textOrUndefined(row.result);
  const error = jsonOf<JobError>(row.error);
  return {
    accountId: String(row.account_id),
    jobId: String(row.job_id),
    entityArn: String(row.entity_arn),
    granularity: String(row.granularity) as AccessAdvisorGranularity,
    status: String(row.status) as AccessAdvisorJobStatus,
    creationDate: dateOf(row.creation_date),
    ...(completionDate === undefined ? {} : { completionDate }),
    ...(resultJson === undefined ? {} : { resultJson }),
    ...(error === undefined ? {} : { error: { code: error.code, message: error.message } }),
  };
}

export function sqlServiceLastAccessedJobRepository(ex: SqlExecutor): ServiceLastAccessedJobRepository {
  return {
    async get(accountId, jobId) {
      const row = await ex.get(`${SELECT} WHERE account_id = ? AND job_id = ?`, [accountId, jobId]);
      return row ? jobOf(row) : undefined;
    },

    async insert(job) {
      const { changes } = await ex.run(
        `INSERT INTO service_last_accessed_jobs
           (job_id, account_id, entity_arn, granularity, status, creation_date, completion_date, result, error)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`,
        [
          job.jobId,
          job.accountId,
          job.entityArn,
          job.granularity,
          job.status,
          job.creationDate.getTime(),
          optionalMillis(job.completionDate),
          optionalText(job.resultJson),
          jsonText(job.error),
        ],
      );
      if (changes === 0) throw new EntityAlreadyExistsError('service-last-accessed-job', job.jobId);
    },

    async update(job) {
      const { changes } = await ex.run(
        `UPDATE service_last_accessed_jobs SET status = ?, completion_date = ?, result = ?, error = ?
          WHERE account_id = ? AND job_id = ?`,
        [job.status, optionalMillis(job.completionDate), optionalText(job.resultJson), jsonText(job.error), job.accountId, job.jobId],
      );
      return changes > 0;
    },

    async deleteCreatedBefore(accountId, date) {
      const sql = 'DELETE FROM service_last_accessed_jobs WHERE account_id = ? AND creation_date < ?';
      return (await ex.run(sql, [accountId, date.getTime()])).changes;
    },
  };
}
