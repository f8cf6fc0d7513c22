// Repositories behind access advisor and the credential report: compact last-access rows,
// report jobs and the per-account credential report.
import type {
  ActionLastAccess,
  LastAccess,
  ServiceAccessEvent,
  ServiceLastAccess,
  ServiceLastAccessedJob,
} from '../domain/access-advisor.js';
import type { CredentialReport } from '../domain/credential-report.js';

/**
 * One row per (account, principal, service, action, region) holding the newest use, so the
 * table grows with what principals do, not with how often. Queries take the principals a
 * report covers (a user; a group's members; a policy's users and roles).
 */
export interface ServiceAccessRepository {
  /** Upsert; an event older than the stored one changes nothing. */
  record(event: ServiceAccessEvent): Promise<void>;
  /** Per service used by any of `principalArns`, by namespace. */
  lastAccessByService(accountId: string, principalArns: readonly string[]): Promise<readonly ServiceLastAccess[]>;
  /** Per principal that used the service (GetServiceLastAccessedDetailsWithEntities), by ARN. */
  lastAccessByPrincipal(
    accountId: string,
    principalArns: readonly string[],
    serviceNamespace: string,
  ): Promise<readonly LastAccess[]>;
  /** Per action of the service used by any of `principalArns` (ACTION_LEVEL), by action name. */
  lastAccessByAction(
    accountId: string,
    principalArns: readonly string[],
    serviceNamespace: string,
  ): Promise<readonly ActionLastAccess[]>;
  /** Forgets a deleted principal, so a new one with the same ARN starts clean; returns rows removed. */
  deleteForPrincipal(accountId: string, principalArn: string): Promise<number>;
}

export interface ServiceLastAccessedJobRepository {
  get(accountId: string, jobId: string): Promise<ServiceLastAccessedJob | undefined>;
  /** Throws EntityAlreadyExistsError('service-last-accessed-job'). */
  insert(job: ServiceLastAccessedJob): Promise<void>;
  /** Rewrites status, completion date, result and error. */
  update(job: ServiceLastAccessedJob): Promise<boolean>;
  /** Prunes old jobs; returns how many went. */
  deleteCreatedBefore(accountId: string, date: Date): Promise<number>;
}

export interface CredentialReportRepository {
  get(accountId: string): Promise<CredentialReport | undefined>;
  /** Creates or replaces the account's report; ConstraintViolationError if the account is unknown. */
  put(report: CredentialReport): Promise<void>;
  delete(accountId: string): Promise<boolean>;
}
