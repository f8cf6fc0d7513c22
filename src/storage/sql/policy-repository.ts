// Managed policies, customer and AWS managed, found by ARN. Lists order by name then ARN,
// because an account's policy may share its name with an AWS managed one.
import { AWS_MANAGED_ACCOUNT } from '../../domain/entities.js';
import { nameKey } from '../../domain/names.js';
import { ConstraintViolationError, EntityAlreadyExistsError } from '../errors.js';
import type { PolicyListRequest, PolicyRepository } from '../repositories.js';
import { sqlAttachmentRepository } from './attachment-repository.js';
import { flag, optionalText, tagsText } from './columns.js';
import type { SqlExecutor, SqlValue } from './executor.js';
import { OWNER_KINDS, OWNER_TABLES } from './owner-tables.js';
import { joinKey, limitPlusOne, nameContainsClause, pathPrefixClause, splitKey, toPage } from './paging.js';
import { POLICY_COLUMNS, policyColumns, policyOf } from './policy-table.js';
import { sqlPolicyVersionRepository } from './policy-version-repository.js';

const SELECT = `SELECT ${policyColumns('p')} FROM managed_policies p`;

/** ` AND (...)` keeping policies attached to (or bounding) something in the account. */
function usageClause(request: PolicyListRequest, params: SqlValue[]): string {
  let sql = '';
  if (request.onlyAttached || request.usage === 'PermissionsPolicy') {
    const exists = OWNER_KINDS.map((kind) => {
      params.push(request.accountId);
      return `EXISTS (SELECT 1 FROM ${OWNER_TABLES[kind].attachments} a WHERE a.policy_id = p.id AND a.account_id = ?)`;
    });
    sql += ` AND (${exists.join(' OR ')})`;
  }
  if (request.usage === 'PermissionsBoundary') {
    params.push(request.accountId, request.accountId);
    sql +=
      ' AND (EXISTS (SELECT 1 FROM users u WHERE u.permissions_boundary_arn = p.arn AND u.account_id = ?)' +
      ' OR EXISTS (SELECT 1 FROM roles r WHERE r.permissions_boundary_arn = p.arn AND r.account_id = ?))';
  }
  return sql;
}

export function sqlPolicyRepository(ex: SqlExecutor): PolicyRepository {
  return {
    async get(arn) {
      const row = await ex.get(`${SELECT} WHERE p.arn = ?`, [arn]);
      return row ? policyOf(row) : undefined;
    },

    async getByName(accountId, name) {
      const row = await ex.get(`${SELECT} WHERE p.account_id = ? AND p.name_key = ?`, [accountId, nameKey(name)]);
      return row ? policyOf(row) : undefined;
    },

    async insert(policy) {
      const columns = [...POLICY_COLUMNS, 'last_version_number'];
      const values: SqlValue[] = [
        policy.id,
        policy.accountId,
        policy.name,
        nameKey(policy.name),
        policy.path,
        policy.arn,
        policy.createDate.getTime(),
        policy.updateDate.getTime(),
        policy.defaultVersionId,
        optionalText(policy.description),
        tagsText(policy.tags),
        flag(policy.isAttachable),
        0,
      ];
      const { changes } = await ex.run(
        `INSERT INTO managed_policies (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})
         ON CONFLICT DO NOTHING`,
        values,
      );
      if (changes === 0) throw new EntityAlreadyExistsError('managed-policy', policy.name);
    },

    async update(policy) {
      const { changes } = await ex.run(
        `UPDATE managed_policies
            SET description = ?, tags = ?, update_date = ?, default_version_id = ?, is_attachable = ?
          WHERE id = ?`,
        [
          optionalText(policy.description),
          tagsText(policy.tags),
          policy.updateDate.getTime(),
          policy.defaultVersionId,
          flag(policy.isAttachable),
          policy.id,
        ],
      );
      return changes > 0;
    },

    async delete(arn) {
      const row = await ex.get<{ id: string }>('SELECT id FROM managed_policies WHERE arn = ?', [arn]);
      if (!row) return false;
      const id = String(row.id);
      // Checked before touching the versions so a refused delete changes nothing.
      for (const kind of OWNER_KINDS) {
        const table = OWNER_TABLES[kind].attachments;
        if (await ex.get(`SELECT 1 AS x FROM ${table} WHERE policy_id = ?`, [id])) {
          throw new ConstraintViolationError('foreign-key', `policy ${arn} is still attached to a ${kind}`);
        }
      }
      await ex.run('DELETE FROM policy_versions WHERE policy_id = ?', [id]);
      return (await ex.run('DELETE FROM managed_policies WHERE id = ?', [id])).changes > 0;
    },

    async list(request) {
      const params: SqlValue[] = [];
      const scope = request.scope ?? 'All';
      let sql = `${SELECT} WHERE `;
      if (scope === 'All') {
        sql += 'p.account_id IN (?, ?)';
        params.push(request.accountId, AWS_MANAGED_ACCOUNT);
      } else {
        sql += 'p.account_id = ?';
        params.push(scope === 'AWS' ? AWS_MANAGED_ACCOUNT : request.accountId);
      }
      const prefix = pathPrefixClause('p.path', request.pathPrefix);
      sql += prefix.sql;
      params.push(...prefix.params);
      const contains = nameContainsClause('p.name_key', request.nameContains);
      sql += contains.sql;
      params.push(...contains.params);
      sql += usageClause(request, params);
      if (request.after !== undefined) {
        const [key, arn] = splitKey(request.after);
        sql += ' AND (p.name_key > ? OR (p.name_key = ? AND p.arn > ?))';
        params.push(key, key, arn);
      }
      sql += ' ORDER BY p.name_key, p.arn LIMIT ?';
      params.push(limitPlusOne(request));
      const rows = await ex.all(sql, params);
      return toPage(rows, request, policyOf, (r) => joinKey(String(r.name_key), String(r.arn)));
    },

    async count(accountId) {
      const row = await ex.get<{ n: number }>('SELECT COUNT(*) AS n FROM managed_policies WHERE account_id = ?', [
        accountId,
      ]);
      return Number(row?.n ?? 0);
    },

    versions: sqlPolicyVersionRepository(ex),
    attachments: sqlAttachmentRepository(ex),
  };
}
