// Access advisor rows: the newest use per (account, principal, service, action, region), kept
// by an upsert that never moves a row back in time. Reports ask for the newest row per
// service, principal or action among a set of principals, queried in chunks of ARNs.
import type { ActionLastAccess, LastAccess, ServiceAccessEvent, ServiceLastAccess } from '../../domain/access-advisor.js';
import type { ServiceAccessRepository } from '../report-repositories.js';
import { dateOf } from './columns.js';
import type { SqlExecutor, SqlRow, SqlValue } from './executor.js';

export const RECORD_SERVICE_ACCESS_SQL = `INSERT INTO service_access_events
  (account_id, principal_arn, service_namespace, action_name, region, last_accessed, last_authenticated_entity)
  VALUES (?, ?, ?, ?, ?, ?, ?)
  ON CONFLICT (account_id, principal_arn, service_namespace, action_name, region) DO UPDATE
  SET last_accessed = excluded.last_accessed, last_authenticated_entity = excluded.last_authenticated_entity
  WHERE service_access_events.last_accessed <= excluded.last_accessed`;

export function recordServiceAccessParams(e: ServiceAccessEvent): SqlValue[] {
  return [e.accountId, e.principalArn, e.serviceNamespace, e.actionName, e.region, e.date.getTime(), e.authenticatedEntity];
}

/** Well under every backend's bound-parameter limit. */
const CHUNK = 500;

function chunks(arns: readonly string[]): string[][] {
  const unique = [...new Set(arns)];
  const out: string[][] = [];
  for (let i = 0; i < unique.length; i += CHUNK) out.push(unique.slice(i, i + CHUNK));
  return out;
}

function lastAccessOf(row: SqlRow): LastAccess {
  return {
    lastAccessed: dateOf(row.last_accessed),
    principalArn: String(row.principal_arn),
    lastAuthenticatedEntity: String(row.last_authenticated_entity),
    region: String(row.region),
  };
}

/** Newer first; equal times are settled by principal, region and entity so answers are stable. */
function newer(a: LastAccess, b: LastAccess): boolean {
  const t = a.lastAccessed.getTime() - b.lastAccessed.getTime();
  if (t !== 0) return t > 0;
  const ka = [a.principalArn, a.region, a.lastAuthenticatedEntity];
  const kb = [b.principalArn, b.region, b.lastAuthenticatedEntity];
  for (let i = 0; i < ka.length; i += 1) {
    const x = ka[i] ?? '';
    const y = kb[i] ?? '';
    if (x !== y) return x < y;
  }
  return false;
}

/** Keeps the newest LastAccess per key. */
function newestBy<T extends LastAccess>(items: readonly T[], key: (item: T) => string): Map<string, T> {
  const best = new Map<string, T>();
  for (const item of items) {
    const k = key(item);
    const current = best.get(k);
    if (current === undefined || newer(item, current)) best.set(k, item);
  }
  return best;
}

const byKey = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

export function sqlServiceAccessRepository(ex: SqlExecutor): ServiceAccessRepository {
  /**
   * Rows holding the newest use per `group` columns among `arns`, optionally within one
   * service: the rows whose time equals their group's maximum (ties included).
   */
  const newestRows = async (accountId: string, arns: string[], group: string[], service?: string): Promise<SqlRow[]> => {
    const marks = arns.map(() => '?').join(', ');
    const innerService = service === undefined ? '' : ' AND service_namespace = ?';
    const outerService = service === undefined ? '' : ' AND e.service_namespace = ?';
    const filterParams: SqlValue[] = [accountId, ...arns, ...(service === undefined ? [] : [service])];
    const on = group.map((c) => `m.${c} = e.${c}`).join(' AND ');
    return ex.all(
      `SELECT e.service_namespace, e.action_name, e.principal_arn, e.region, e.last_authenticated_entity, e.last_accessed
         FROM service_access_events e
         JOIN (SELECT ${group.join(', ')}, MAX(last_accessed) AS newest FROM service_access_events
                WHERE account_id = ? AND principal_arn IN (${marks})${innerService}
                GROUP BY ${group.join(', ')}) m
           ON ${on} AND m.newest = e.last_accessed
        WHERE e.account_id = ? AND e.principal_arn IN (${marks})${outerService}`,
      [...filterParams, ...filterParams],
    );
  };

  /** The newest use per (service, principal) among `arns`. */
  const perServiceAndPrincipal = async (
    accountId: string,
    arns: readonly string[],
    service?: string,
  ): Promise<Array<LastAccess & { serviceNamespace: string }>> => {
    const rows: Array<LastAccess & { serviceNamespace: string }> = [];
    for (const chunk of chunks(arns)) {
      for (const row of await newestRows(accountId, chunk, ['service_namespace', 'principal_arn'], service)) {
        rows.push({ ...lastAccessOf(row), serviceNamespace: String(row.service_namespace) });
      }
    }
    return [...newestBy(rows, (r) => `${r.serviceNamespace} ${r.principalArn}`).values()];
  };

  return {
    async record(event) {
      await ex.run(RECORD_SERVICE_ACCESS_SQL, recordServiceAccessParams(event));
    },

    async lastAccessByService(accountId, principalArns) {
      const perPrincipal = await perServiceAndPrincipal(accountId, principalArns);
      const counts = new Map<string, number>();
      for (const r of perPrincipal) counts.set(r.serviceNamespace, (counts.get(r.serviceNamespace) ?? 0) + 1);
      const best = newestBy(perPrincipal, (r) => r.serviceNamespace);
      return [...best.values()]
        .sort((a, b) => byKey(a.serviceNamespace, b.serviceNamespace))
        .map(
          (r): ServiceLastAccess => ({
            serviceNamespace: r.serviceNamespace,
            lastAccessed: r.lastAccessed,
            principalArn: r.principalArn,
            lastAuthenticatedEntity: r.lastAuthenticatedEntity,
            region: r.region,
            totalAuthenticatedEntities: counts.get(r.serviceNamespace) ?? 0,
          }),
        );
    },

    async lastAccessByPrincipal(accountId, principalArns, serviceNamespace) {
      const perPrincipal = await perServiceAndPrincipal(accountId, principalArns, serviceNamespace);
      return perPrincipal
        .map(({ serviceNamespace: _s, ...access }): LastAccess => access)
        .sort((a, b) => byKey(a.principalArn, b.principalArn));
    },

    async lastAccessByAction(accountId, principalArns, serviceNamespace) {
      const rows: ActionLastAccess[] = [];
      for (const chunk of chunks(principalArns)) {
        for (const row of await newestRows(accountId, chunk, ['action_name'], serviceNamespace)) {
          rows.push({ ...lastAccessOf(row), actionName: String(row.action_name) });
        }
      }
      return [...newestBy(rows, (r) => r.actionName).values()].sort((a, b) => byKey(a.actionName, b.actionName));
    },

    async deleteForPrincipal(accountId, principalArn) {
      const sql = 'DELETE FROM service_access_events WHERE account_id = ? AND principal_arn = ?';
      return (await ex.run(sql, [accountId, principalArn])).changes;
    },
  };
}
