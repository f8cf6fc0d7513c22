// Managed policy versions. The default is a column of the policy, not of the version, so
// there is always exactly one; version numbers only grow, as AWS never reuses an id.
import type { PolicyVersion } from '../../domain/entities.js';
import { ConstraintViolationError, EntityAlreadyExistsError } from '../errors.js';
import type { PolicyVersionRepository } from '../repositories.js';
import { dateOf } from './columns.js';
import type { SqlExecutor, SqlRow, SqlValue } from './executor.js';
import { groupRows, inList } from './in-list.js';
import { limitPlusOne, toPage } from './paging.js';

const SELECT = `SELECT p.arn, p.default_version_id, v.version_id, v.version_number, v.document, v.create_date
  FROM policy_versions v JOIN managed_policies p ON p.id = v.policy_id`;

function versionOf(row: SqlRow): PolicyVersion {
  return {
    policyArn: String(row.arn),
    versionId: String(row.version_id),
    document: String(row.document),
    isDefault: row.version_id === row.default_version_id,
    createDate: dateOf(row.create_date),
  };
}

/** 7 for "v7"; the model also allows suffixes such as "v7.beta", which sort with v7. */
function versionNumber(versionId: string): number {
  const match = /^v(\d+)/.exec(versionId);
  if (!match?.[1]) throw new RangeError(`policy version id must look like "v1": "${versionId}"`);
  return Number(match[1]);
}

export function sqlPolicyVersionRepository(ex: SqlExecutor): PolicyVersionRepository {
  return {
    async list(policyArn, page) {
      const params: SqlValue[] = [policyArn];
      let after = '';
      if (page.after !== undefined) {
        after = ' AND v.version_number < ?';
        params.push(Number(page.after));
      }
      params.push(limitPlusOne(page));
      const rows = await ex.all(
        `${SELECT} WHERE p.arn = ?${after} ORDER BY v.version_number DESC, v.version_id DESC LIMIT ?`,
        params,
      );
      return toPage(rows, page, versionOf, (r) => String(r.version_number));
    },

    async listAllFor(policyArns) {
      if (policyArns.length === 0) return new Map<string, PolicyVersion[]>();
      const arns = inList(policyArns);
      const rows = await ex.all(
        `${SELECT} WHERE p.arn IN (${arns.sql}) ORDER BY p.arn, v.version_number DESC, v.version_id DESC`,
        arns.params,
      );
      return groupRows(policyArns, rows, (r) => String(r.arn), versionOf);
    },

    async get(policyArn, versionId) {
      const row = await ex.get(`${SELECT} WHERE p.arn = ? AND v.version_id = ?`, [policyArn, versionId]);
      return row ? versionOf(row) : undefined;
    },

    async insert(version) {
      const n = versionNumber(version.versionId);
      const policy = await ex.get<{ id: string }>('SELECT id FROM managed_policies WHERE arn = ?', [version.policyArn]);
      if (!policy) throw new ConstraintViolationError('foreign-key', `no managed policy ${version.policyArn}`);
      const { changes } = await ex.run(
        `INSERT INTO policy_versions (policy_id, version_id, version_number, document, create_date)
         VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`,
        [policy.id, version.versionId, n, version.document, version.createDate.getTime()],
      );
      if (changes === 0) throw new EntityAlreadyExistsError('policy-version', version.versionId);
      await ex.run('UPDATE managed_policies SET last_version_number = ? WHERE id = ? AND last_version_number < ?', [
        n,
        policy.id,
        n,
      ]);
    },

    async delete(policyArn, versionId) {
      const { changes } = await ex.run(
        `DELETE FROM policy_versions
          WHERE version_id = ?
            AND policy_id IN (SELECT id FROM managed_policies WHERE arn = ? AND default_version_id <> ?)`,
        [versionId, policyArn, versionId],
      );
      return changes > 0;
    },

    async setDefault(policyArn, versionId) {
      const { changes } = await ex.run(
        `UPDATE managed_policies SET default_version_id = ?
          WHERE arn = ?
            AND EXISTS (SELECT 1 FROM policy_versions v WHERE v.policy_id = managed_policies.id AND v.version_id = ?)`,
        [versionId, policyArn, versionId],
      );
      return changes > 0;
    },

    async nextVersionId(policyArn) {
      const row = await ex.get<{ n: number }>('SELECT last_version_number AS n FROM managed_policies WHERE arn = ?', [
        policyArn,
      ]);
      return row ? `v${Number(row.n) + 1}` : undefined;
    },

    async count(policyArn) {
      const row = await ex.get<{ n: number }>(
        'SELECT COUNT(*) AS n FROM policy_versions v JOIN managed_policies p ON p.id = v.policy_id WHERE p.arn = ?',
        [policyArn],
      );
      return Number(row?.n ?? 0);
    },
  };
}
