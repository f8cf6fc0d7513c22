// Roles, with the cheap last-used update that role assumption performs.
import { nameKey } from '../../domain/names.js';
import type { RoleRepository } from '../repositories.js';
import type { SqlExecutor } from './executor.js';
import { roleTable } from './role-table.js';

export const RECORD_ROLE_USE_SQL =
  'UPDATE roles SET last_used_date = ?, last_used_region = ? WHERE account_id = ? AND name_key = ?';

/** By the role's id: a use written late (usage-buffer.ts) never lands on a role recreated under the same name. */
export const RECORD_ROLE_USE_BY_ID_SQL = 'UPDATE roles SET last_used_date = ?, last_used_region = ? WHERE account_id = ? AND id = ?';

export function sqlRoleRepository(ex: SqlExecutor): RoleRepository {
  return {
    ...roleTable.repository(ex),
    async recordLastUsed(accountId, roleName, use) {
      const params = [use.date.getTime(), use.region, accountId, nameKey(roleName)];
      return (await ex.run(RECORD_ROLE_USE_SQL, params)).changes > 0;
    },
  };
}
