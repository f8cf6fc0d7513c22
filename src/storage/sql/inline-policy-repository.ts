// Inline policies of users, groups and roles. A put whose name differs only in case from an
// existing policy's replaces that policy's document and keeps the name it was created with.
import type { InlinePolicy } from '../../domain/entities.js';
import { nameKey } from '../../domain/names.js';
import { policySize } from '../../policy/document/policy-size.js';
import type { InlinePolicyRepository, PolicyOwner } from '../repositories.js';
import type { SqlExecutor, SqlRow, SqlValue } from './executor.js';
import { idOf } from './named-table.js';
import { OWNER_TABLES } from './owner-tables.js';
import { groupRows, inList } from './in-list.js';
import { afterClause, limitPlusOne, toPage } from './paging.js';

/** FROM/WHERE joining an owner, found by name, to its inline policies `i`. */
function ownedBy(owner: PolicyOwner): { sql: string; params: SqlValue[] } {
  const t = OWNER_TABLES[owner.kind];
  return {
    sql: `FROM ${t.inline} i JOIN ${t.owners} o ON o.id = i.${t.ownerColumn} WHERE o.account_id = ? AND o.name_key = ?`,
    params: [owner.accountId, nameKey(owner.name)],
  };
}

function inlineOf(owner: PolicyOwner, row: SqlRow): InlinePolicy {
  return {
    accountId: owner.accountId,
    ownerKind: owner.kind,
    ownerName: String(row.owner_name),
    policyName: String(row.name),
    document: String(row.document),
  };
}

export function sqlInlinePolicyRepository(ex: SqlExecutor): InlinePolicyRepository {
  const all = async (owner: PolicyOwner): Promise<InlinePolicy[]> => {
    const from = ownedBy(owner);
    const rows = await ex.all(`SELECT o.name AS owner_name, i.name, i.document ${from.sql} ORDER BY i.name_key`, from.params);
    return rows.map((r) => inlineOf(owner, r));
  };

  return {
    async put(policy) {
      const t = OWNER_TABLES[policy.ownerKind];
      const ownerId = await idOf(ex, t.owners, policy.accountId, policy.ownerName);
      if (ownerId === undefined) return false;
      await ex.run(
        `INSERT INTO ${t.inline} (${t.ownerColumn}, name, name_key, document) VALUES (?, ?, ?, ?)
         ON CONFLICT (${t.ownerColumn}, name_key) DO UPDATE SET document = excluded.document`,
        [ownerId, policy.policyName, nameKey(policy.policyName), policy.document],
      );
      return true;
    },

    async get(owner, policyName) {
      const from = ownedBy(owner);
      const row = await ex.get(`SELECT o.name AS owner_name, i.name, i.document ${from.sql} AND i.name_key = ?`, [
        ...from.params,
        nameKey(policyName),
      ]);
      return row ? inlineOf(owner, row) : undefined;
    },

    async delete(owner, policyName) {
      const t = OWNER_TABLES[owner.kind];
      const { changes } = await ex.run(
        `DELETE FROM ${t.inline}
          WHERE ${t.ownerColumn} IN (SELECT id FROM ${t.owners} WHERE account_id = ? AND name_key = ?)
            AND name_key = ?`,
        [owner.accountId, nameKey(owner.name), nameKey(policyName)],
      );
      return changes > 0;
    },

    async listNames(owner, page) {
      const from = ownedBy(owner);
      const params = [...from.params];
      const after = afterClause('i.name_key', page, params);
      params.push(limitPlusOne(page));
      const rows = await ex.all<{ name: string; name_key: string }>(
        `SELECT i.name, i.name_key ${from.sql}${after} ORDER BY i.name_key LIMIT ?`,
        params,
      );
      return toPage(rows, page, (r) => String(r.name), (r) => String(r.name_key));
    },

    listAll: all,

    async listAllFor(kind, ownerIds) {
      if (ownerIds.length === 0) return new Map<string, InlinePolicy[]>();
      const t = OWNER_TABLES[kind];
      const ids = inList(ownerIds);
      const rows = await ex.all(
        `SELECT o.id AS owner_id, o.account_id, o.name AS owner_name, i.name, i.document
           FROM ${t.inline} i JOIN ${t.owners} o ON o.id = i.${t.ownerColumn}
          WHERE i.${t.ownerColumn} IN (${ids.sql})
          ORDER BY i.${t.ownerColumn}, i.name_key`,
        ids.params,
      );
      return groupRows(ownerIds, rows, (r) => String(r.owner_id), (r) => inlineOf({ accountId: String(r.account_id), kind, name: String(r.owner_name) }, r));
    },

    // Summed here rather than stored, so a change in how IAM sizes are counted needs no migration.
    async totalSize(owner) {
      return (await all(owner)).reduce((sum, p) => sum + policySize(p.document), 0);
    },
  };
}
