// Instance profiles and the role each one holds (AWS allows one; the schema allows several
// so the service layer, not storage, owns that quota).
import { nameKey } from '../../domain/names.js';
import type { InstanceProfile } from '../../domain/entities.js';
import type { InstanceProfileRepository, InstanceProfileRoleRepository } from '../repositories.js';
import type { SqlExecutor, SqlValue } from './executor.js';
import { groupRows, inList } from './in-list.js';
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

    async listProfilesForRoles(roleIds) {
      if (roleIds.length === 0) return new Map<string, InstanceProfile[]>();
      const ids = inList(roleIds);
      const rows = await ex.all(
        `SELECT ipr.role_id AS for_role_id, ${instanceProfileTable.columns('p')} FROM instance_profiles p
           JOIN instance_profile_roles ipr ON ipr.profile_id = p.id
          WHERE ipr.role_id IN (${ids.sql})
          ORDER BY ipr.role_id, p.name_key`,
        ids.params,
      );
      const profileIds = [...new Set(rows.map((r) => String(r.id)))];
      const roleNames = new Map<string, string[]>();
      if (profileIds.length > 0) {
        const profiles = inList(profileIds);
        const names = await ex.all<{ profile_id: string; role_name: string }>(
          `SELECT ipr.profile_id, r.name AS role_name FROM instance_profile_roles ipr JOIN roles r ON r.id = ipr.role_id
            WHERE ipr.profile_id IN (${profiles.sql}) ORDER BY r.name_key`,
          profiles.params,
        );
        for (const [id, list] of groupRows(profileIds, names, (r) => String(r.profile_id), (r) => String(r.role_name))) roleNames.set(id, list);
      }
      return groupRows(roleIds, rows, (r) => String(r.for_role_id), (r) => {
        const profile = instanceProfileTable.spec.fromRow(r);
        return { ...profile, roleNames: roleNames.get(profile.id) ?? [] };
      });
    },
  };
}
