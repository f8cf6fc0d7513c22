// Groups and their members. Membership rows join ids, so renaming a user or group keeps them.
import { nameKey } from '../../domain/names.js';
import type { GroupMemberRepository, GroupRepository } from '../repositories.js';
import type { Group } from '../../domain/entities.js';
import type { SqlExecutor, SqlValue } from './executor.js';
import { groupTable } from './group-table.js';
import { groupRows, inList } from './in-list.js';
import { afterClause, limitPlusOne, toPage } from './paging.js';
import { userTable } from './user-table.js';

export function sqlGroupRepository(ex: SqlExecutor): GroupRepository {
  return { ...groupTable.repository(ex), members: sqlGroupMembers(ex) };
}

function sqlGroupMembers(ex: SqlExecutor): GroupMemberRepository {
  return {
    async addUser(accountId, groupName, userName) {
      const { changes } = await ex.run(
        `INSERT INTO group_members (group_id, user_id)
         SELECT g.id, u.id FROM groups g, users u
          WHERE g.account_id = ? AND g.name_key = ? AND u.account_id = ? AND u.name_key = ?
         ON CONFLICT DO NOTHING`,
        [accountId, nameKey(groupName), accountId, nameKey(userName)],
      );
      return changes > 0;
    },

    async removeUser(accountId, groupName, userName) {
      const { changes } = await ex.run(
        `DELETE FROM group_members
          WHERE group_id IN (SELECT id FROM groups WHERE account_id = ? AND name_key = ?)
            AND user_id IN (SELECT id FROM users WHERE account_id = ? AND name_key = ?)`,
        [accountId, nameKey(groupName), accountId, nameKey(userName)],
      );
      return changes > 0;
    },

    async listUsers(accountId, groupName, page) {
      const params: SqlValue[] = [accountId, nameKey(groupName)];
      const after = afterClause('u.name_key', page, params);
      params.push(limitPlusOne(page));
      const rows = await ex.all(
        `SELECT ${userTable.columns('u')} FROM users u
           JOIN group_members m ON m.user_id = u.id
           JOIN groups g ON g.id = m.group_id
          WHERE g.account_id = ? AND g.name_key = ?${after}
          ORDER BY u.name_key LIMIT ?`,
        params,
      );
      return toPage(rows, page, userTable.spec.fromRow, (r) => String(r.name_key));
    },

    async listGroupsForUser(accountId, userName, page) {
      const params: SqlValue[] = [accountId, nameKey(userName)];
      const after = afterClause('g.name_key', page, params);
      params.push(limitPlusOne(page));
      const rows = await ex.all(
        `SELECT ${groupTable.columns('g')} FROM groups g
           JOIN group_members m ON m.group_id = g.id
           JOIN users u ON u.id = m.user_id
          WHERE u.account_id = ? AND u.name_key = ?${after}
          ORDER BY g.name_key LIMIT ?`,
        params,
      );
      return toPage(rows, page, groupTable.spec.fromRow, (r) => String(r.name_key));
    },

    async listGroupsForUsers(userIds) {
      if (userIds.length === 0) return new Map<string, Group[]>();
      const ids = inList(userIds);
      const rows = await ex.all(
        `SELECT m.user_id AS member_id, ${groupTable.columns('g')} FROM groups g
           JOIN group_members m ON m.group_id = g.id
          WHERE m.user_id IN (${ids.sql})
          ORDER BY m.user_id, g.name_key`,
        ids.params,
      );
      return groupRows(userIds, rows, (r) => String(r.member_id), groupTable.spec.fromRow);
    },

    async countGroupsForUser(accountId, userName) {
      const row = await ex.get<{ n: number }>(
        `SELECT COUNT(*) AS n FROM group_members m JOIN users u ON u.id = m.user_id
          WHERE u.account_id = ? AND u.name_key = ?`,
        [accountId, nameKey(userName)],
      );
      return Number(row?.n ?? 0);
    },
  };
}
