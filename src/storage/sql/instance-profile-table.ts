// Instance profiles: the named-entity table plus tags; role names come from
// instance_profile_roles, loaded for a whole page in one query.
import type { InstanceProfile } from '../../domain/entities.js';
import { nameKey } from '../../domain/names.js';
import { dateOf, tagsOf, tagsText } from './columns.js';
import type { SqlExecutor } from './executor.js';
import { defineNamedTable } from './named-table.js';

export const instanceProfileTable = defineNamedTable<InstanceProfile>({
  table: 'instance_profiles',
  kind: 'instance-profile',
  extraColumns: ['create_date', 'tags'],
  updatableColumns: ['tags'],
  extraValues: (p) => ({ create_date: p.createDate.getTime(), tags: tagsText(p.tags) }),
  fromRow: (r) => ({
    accountId: String(r.account_id),
    id: String(r.id),
    name: String(r.name),
    path: String(r.path),
    arn: String(r.arn),
    createDate: dateOf(r.create_date),
    roleNames: [],
    tags: tagsOf(r.tags),
  }),
  complete: withRoleNames,
});

// The profiles of one page span a range of name keys in one account, so one range query
// fetches the role names of all of them.
async function withRoleNames(ex: SqlExecutor, profiles: InstanceProfile[]): Promise<InstanceProfile[]> {
  const keys = profiles.map((p) => nameKey(p.name)).sort();
  const first = profiles[0];
  if (first === undefined) return profiles;
  const rows = await ex.all<{ profile_id: string; role_name: string }>(
    `SELECT ipr.profile_id, r.name AS role_name
       FROM instance_profile_roles ipr
       JOIN instance_profiles ip ON ip.id = ipr.profile_id
       JOIN roles r ON r.id = ipr.role_id
      WHERE ip.account_id = ? AND ip.name_key >= ? AND ip.name_key <= ?
      ORDER BY r.name_key`,
    [first.accountId, keys[0] ?? '', keys[keys.length - 1] ?? ''],
  );
  const byProfile = new Map<string, string[]>();
  for (const row of rows) {
    const id = String(row.profile_id);
    byProfile.set(id, [...(byProfile.get(id) ?? []), String(row.role_name)]);
  }
  return profiles.map((p) => ({ ...p, roleNames: byProfile.get(p.id) ?? [] }));
}
