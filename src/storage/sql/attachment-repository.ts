// Managed policy attachments to users, groups and roles, and the counts AWS reports
// (AttachmentCount, PermissionsBoundaryUsageCount) derived from them per account.
import type { PolicyOwnerKind } from '../../domain/entities.js';
import { AWS_MANAGED_ACCOUNT } from '../../domain/entities.js';
import { nameKey } from '../../domain/names.js';
import type { AttachedPolicyRef, PolicyAttachmentRepository, PolicyEntityRef, PolicyOwner } from '../repositories.js';
import type { SqlExecutor, SqlValue } from './executor.js';
import { groupRows, inList } from './in-list.js';
import { OWNER_KINDS, OWNER_TABLES } from './owner-tables.js';
import { joinKey, limitPlusOne, pathPrefixClause, splitKey, toPage } from './paging.js';

const DEFAULT_VERSION_JOIN =
  'JOIN policy_versions v ON v.policy_id = p.id AND v.version_id = p.default_version_id';

/** FROM/WHERE joining an owner, found by name, to the policies attached to it. */
function attachedFrom(owner: PolicyOwner, extraJoin = ''): { sql: string; params: SqlValue[] } {
  const t = OWNER_TABLES[owner.kind];
  return {
    sql: `FROM managed_policies p ${extraJoin}
      JOIN ${t.attachments} a ON a.policy_id = p.id
      JOIN ${t.owners} o ON o.id = a.${t.ownerColumn}
     WHERE o.account_id = ? AND o.name_key = ?`,
    params: [owner.accountId, nameKey(owner.name)],
  };
}

/** One UNION branch of ListEntitiesForPolicy for one kind of owner. */
function entityBranch(
  kind: PolicyOwnerKind,
  boundary: boolean,
  accountId: string,
  policyArn: string,
  pathPrefix: string | undefined,
): { sql: string; params: SqlValue[] } {
  const t = OWNER_TABLES[kind];
  const prefix = pathPrefixClause('o.path', pathPrefix);
  const select = `SELECT '${kind}' AS kind, o.id AS id, o.name AS name, o.name_key AS name_key`;
  if (boundary) {
    return {
      sql: `${select} FROM ${t.owners} o WHERE o.permissions_boundary_arn = ? AND o.account_id = ?${prefix.sql}`,
      params: [policyArn, accountId, ...prefix.params],
    };
  }
  return {
    sql: `${select} FROM ${t.attachments} a
      JOIN ${t.owners} o ON o.id = a.${t.ownerColumn}
      JOIN managed_policies p ON p.id = a.policy_id
     WHERE p.arn = ? AND a.account_id = ?${prefix.sql}`,
    params: [policyArn, accountId, ...prefix.params],
  };
}

/** `(SELECT COUNT(*) ...) + (...)` over the given kinds, for one SELECT without FROM. */
async function sumOfCounts(ex: SqlExecutor, parts: { sql: string; params: SqlValue[] }[]): Promise<number> {
  const sql = `SELECT ${parts.map((p) => `(${p.sql})`).join(' + ')} AS n`;
  const row = await ex.get<{ n: number }>(sql, parts.flatMap((p) => p.params));
  return Number(row?.n ?? 0);
}

export function sqlAttachmentRepository(ex: SqlExecutor): PolicyAttachmentRepository {
  return {
    async attach(owner, policyArn) {
      const t = OWNER_TABLES[owner.kind];
      // Only the account's own policies and AWS managed ones can be attached.
      const { changes } = await ex.run(
        `INSERT INTO ${t.attachments} (account_id, ${t.ownerColumn}, policy_id)
         SELECT o.account_id, o.id, p.id FROM ${t.owners} o, managed_policies p
          WHERE o.account_id = ? AND o.name_key = ? AND p.arn = ? AND p.account_id IN (?, ?)
         ON CONFLICT DO NOTHING`,
        [owner.accountId, nameKey(owner.name), policyArn, owner.accountId, AWS_MANAGED_ACCOUNT],
      );
      return changes > 0;
    },

    async detach(owner, policyArn) {
      const t = OWNER_TABLES[owner.kind];
      const { changes } = await ex.run(
        `DELETE FROM ${t.attachments}
          WHERE ${t.ownerColumn} IN (SELECT id FROM ${t.owners} WHERE account_id = ? AND name_key = ?)
            AND policy_id IN (SELECT id FROM managed_policies WHERE arn = ?)`,
        [owner.accountId, nameKey(owner.name), policyArn],
      );
      return changes > 0;
    },

    async listAttached(owner, request) {
      const from = attachedFrom(owner);
      const prefix = pathPrefixClause('p.path', request.pathPrefix);
      const params = [...from.params, ...prefix.params];
      let after = '';
      if (request.after !== undefined) {
        const [key, arn] = splitKey(request.after);
        after = ' AND (p.name_key > ? OR (p.name_key = ? AND p.arn > ?))';
        params.push(key, key, arn);
      }
      params.push(limitPlusOne(request));
      const rows = await ex.all<{ name: string; name_key: string; arn: string }>(
        `SELECT p.name, p.name_key, p.arn ${from.sql}${prefix.sql}${after} ORDER BY p.name_key, p.arn LIMIT ?`,
        params,
      );
      return toPage(
        rows,
        request,
        (r) => ({ policyName: String(r.name), policyArn: String(r.arn) }),
        (r) => joinKey(String(r.name_key), String(r.arn)),
      );
    },

    async listAttachedDocuments(owner) {
      const from = attachedFrom(owner, DEFAULT_VERSION_JOIN);
      const rows = await ex.all<{ name: string; arn: string; version_id: string; document: string }>(
        `SELECT p.name, p.arn, v.version_id, v.document ${from.sql} ORDER BY p.name_key, p.arn`,
        from.params,
      );
      return rows.map((r) => ({
        policyName: String(r.name),
        policyArn: String(r.arn),
        versionId: String(r.version_id),
        document: String(r.document),
      }));
    },

    async countAttached(owner) {
      const from = attachedFrom(owner);
      const row = await ex.get<{ n: number }>(`SELECT COUNT(*) AS n ${from.sql}`, from.params);
      return Number(row?.n ?? 0);
    },

    async listEntities(accountId, policyArn, request) {
      const boundary = request.usage === 'PermissionsBoundary';
      // Groups cannot have a permissions boundary.
      const kinds = OWNER_KINDS.filter(
        (k) => (request.kinds === undefined || request.kinds.includes(k)) && !(boundary && k === 'group'),
      );
      if (kinds.length === 0) return { items: [] };
      const branches = kinds.map((k) => entityBranch(k, boundary, accountId, policyArn, request.pathPrefix));
      const params = branches.flatMap((b) => b.params);
      let after = '';
      if (request.after !== undefined) {
        const [kind, key] = splitKey(request.after);
        after = ' WHERE e.kind > ? OR (e.kind = ? AND e.name_key > ?)';
        params.push(kind, kind, key);
      }
      params.push(limitPlusOne(request));
      const rows = await ex.all<{ kind: string; id: string; name: string; name_key: string }>(
        `SELECT e.kind, e.id, e.name, e.name_key FROM (${branches.map((b) => b.sql).join(' UNION ALL ')}) e${after}
          ORDER BY e.kind, e.name_key LIMIT ?`,
        params,
      );
      return toPage(
        rows,
        request,
        (r): PolicyEntityRef => ({ kind: String(r.kind) as PolicyOwnerKind, id: String(r.id), name: String(r.name) }),
        (r) => joinKey(String(r.kind), String(r.name_key)),
      );
    },

    attachmentCount(accountId, policyArn) {
      return sumOfCounts(
        ex,
        OWNER_KINDS.map((kind) => ({
          sql: `SELECT COUNT(*) FROM ${OWNER_TABLES[kind].attachments} a
                  JOIN managed_policies p ON p.id = a.policy_id WHERE p.arn = ? AND a.account_id = ?`,
          params: [policyArn, accountId],
        })),
      );
    },

    // One statement for a page of policies (ListPolicies, GetAccountAuthorizationDetails)
    // instead of two per policy: the same counts as attachmentCount and boundaryUsageCount.
    // Attachments are counted per policy through the (policy_id, account_id) indexes.
    // Boundaries are grouped from the ARNs given as values, on the boundary indexes: correlated
    // on p.arn, PostgreSQL planned a scan of the account's users per policy, and SQLite, given
    // `account_id = ?`, walks the account's users (its index on account_id) instead; comparing
    // `account_id || ''` leaves both planners only the boundary index, whose entries are the
    // rows counted.
    async usageCounts(accountId, policyArns) {
      const counts = new Map<string, { attachmentCount: number; boundaryUsageCount: number }>(
        policyArns.map((arn) => [arn, { attachmentCount: 0, boundaryUsageCount: 0 }]),
      );
      if (policyArns.length === 0) return counts;
      const arns = inList(policyArns);
      const attached = OWNER_KINDS.map(
        (kind) => `(SELECT COUNT(*) FROM ${OWNER_TABLES[kind].attachments} a WHERE a.policy_id = p.id AND a.account_id = ?)`,
      );
      const bounded = (['users', 'roles'] as const).map(
        (table) => `SELECT b.permissions_boundary_arn AS arn, 0 AS attachments, COUNT(*) AS boundaries FROM ${table} b
           WHERE b.permissions_boundary_arn IN (${arns.sql}) AND b.account_id || '' = ? GROUP BY b.permissions_boundary_arn`,
      );
      const rows = await ex.all<{ arn: string; attachments: number; boundaries: number }>(
        [`SELECT p.arn AS arn, ${attached.join(' + ')} AS attachments, 0 AS boundaries FROM managed_policies p WHERE p.arn IN (${arns.sql})`, ...bounded].join(
          ' UNION ALL ',
        ),
        [...attached.map(() => accountId), ...arns.params, ...bounded.flatMap(() => [...arns.params, accountId])],
      );
      for (const r of rows) {
        const c = counts.get(String(r.arn));
        if (c === undefined) continue;
        c.attachmentCount += Number(r.attachments);
        c.boundaryUsageCount += Number(r.boundaries);
      }
      return counts;
    },

    async listAttachedFor(kind, ownerIds) {
      if (ownerIds.length === 0) return new Map<string, AttachedPolicyRef[]>();
      const t = OWNER_TABLES[kind];
      const ids = inList(ownerIds);
      const rows = await ex.all<{ owner_id: string; name: string; arn: string }>(
        `SELECT a.${t.ownerColumn} AS owner_id, p.name, p.arn
           FROM ${t.attachments} a JOIN managed_policies p ON p.id = a.policy_id
          WHERE a.${t.ownerColumn} IN (${ids.sql})
          ORDER BY a.${t.ownerColumn}, p.name_key, p.arn`,
        ids.params,
      );
      return groupRows(ownerIds, rows, (r) => String(r.owner_id), (r): AttachedPolicyRef => ({ policyName: String(r.name), policyArn: String(r.arn) }));
    },

    boundaryUsageCount(accountId, policyArn) {
      return sumOfCounts(
        ex,
        (['users', 'roles'] as const).map((table) => ({
          sql: `SELECT COUNT(*) FROM ${table} WHERE account_id = ? AND permissions_boundary_arn = ?`,
          params: [accountId, policyArn],
        })),
      );
    },
  };
}
