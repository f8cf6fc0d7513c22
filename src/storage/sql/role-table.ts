// Roles: the named-entity table plus trust policy, session length, boundary, tags, last use.
import type { Role } from '../../domain/entities.js';
import { dateOf, optionalDate, optionalText, tagsOf, tagsText, textOrUndefined } from './columns.js';
import { defineNamedTable } from './named-table.js';

const ROLE_COLUMNS = [
  'assume_role_policy_document',
  'description',
  'max_session_duration',
  'permissions_boundary_arn',
  'tags',
  'last_used_date',
  'last_used_region',
];

export const roleTable = defineNamedTable<Role>({
  table: 'roles',
  kind: 'role',
  extraColumns: ['create_date', ...ROLE_COLUMNS],
  updatableColumns: ROLE_COLUMNS,
  extraValues: (r) => ({
    create_date: r.createDate.getTime(),
    assume_role_policy_document: r.assumeRolePolicyDocument,
    description: optionalText(r.description),
    max_session_duration: r.maxSessionDuration,
    permissions_boundary_arn: optionalText(r.permissionsBoundaryArn),
    tags: tagsText(r.tags),
    last_used_date: r.lastUsed ? r.lastUsed.date.getTime() : null,
    last_used_region: r.lastUsed ? r.lastUsed.region : null,
  }),
  fromRow: (r) => {
    const description = textOrUndefined(r.description);
    const boundary = textOrUndefined(r.permissions_boundary_arn);
    const lastUsedDate = optionalDate(r.last_used_date);
    return {
      accountId: String(r.account_id),
      id: String(r.id),
      name: String(r.name),
      path: String(r.path),
      arn: String(r.arn),
      createDate: dateOf(r.create_date),
      assumeRolePolicyDocument: String(r.assume_role_policy_document),
      ...(description === undefined ? {} : { description }),
      maxSessionDuration: Number(r.max_session_duration),
      ...(boundary === undefined ? {} : { permissionsBoundaryArn: boundary }),
      tags: tagsOf(r.tags),
      ...(lastUsedDate === undefined
        ? {}
        : { lastUsed: { date: lastUsedDate, region: String(r.last_used_region ?? '') } }),
    };
  },
});
