// Instance profiles and the role each one holds (AWS allows one; the schema allows several
// so the service layer, not storage, owns that quota).
import { nameKey } from '../../domain/names.js';
import type { InstanceProfileRepository, InstanceProfileRoleRepository } from '../repositories.js';
import type { SqlExecutor, SqlValue } from './executor.js';
import { instanceProfileTable } from './instance-profile-table.js';
import { afterClause, limitPlusOne, toPage } from './paging.js';

export function sqlInstanceProfileRepository(ex: SqlExecutor): InstanceProfileRepository {
  return { ...instanceProfileTable.repository(ex), roles: sqlProfileRoles(ex) };
}

function sqlProfileRoles(ex: SqlExecutor): InstanceProfileRoleRepository {
  return {
    async add(accountId, profileName, roleName) {
      const { changes } = await ex.run(
        `INSERT INTO instance_profile_roles (profile_id, role_id)
         SELECT p.id, r.id FROM instance_profiles p, roles r
          WHERE p.account_id = ? AND p.name_key = ? AND r.account_id = ? AND r.name_key = ?
         ON CONFLICT DO NOTHING`,
        [accountId, nameKey(profileName), accountId, nameKey(roleName)],
      );
      return changes > 0;
    },

    async remove(accountId, profileName, roleName) {
      const { changes } = await ex.run(
        `DELETE FROM instance_profile_roles
          WHERE profile_id IN (SELECT id FROM instance_profiles WHERE account_id = ? AND name_key = ?)
            AND role_id IN (SELECT id FROM roles WHERE account_id = ? AND name_key = ?)`,
        [accountId, nameKey(profileName), accountId, nameKey(roleName)],
      );
      return changes > 0;
    },

    async listProfilesForRole(accountId, roleName, page) {
      const params: SqlValue[] = [accountId, nameKey(roleName)];
      const after = afterClause('p.name_key', page, params);
      params.push(limitPlusOne(page));
      const rows = await ex.all(
        `SELECT ${instanceProfileTable.columns('p')} FROM instance_profiles p
           JOIN instance_profile_roles ipr ON ipr.profile_id = p.id
           JOIN roles r ON r.id = ipr.role_id
          WHERE r.account_id = ? AND r.name_key = ?${after}
          ORDER BY p.name_key LIMIT ?`,
        params,
      );
      const profiles = rows.map(instanceProfileTable.spec.fromRow);
      const complete = instanceProfileTable.spec.complete;
      const completed = complete && profiles.length > 0 ? await complete(ex, profiles) : profiles;
      return toPage(completed, page, (p) => p, (p) => nameKey(p.name));
    },
  };
}
