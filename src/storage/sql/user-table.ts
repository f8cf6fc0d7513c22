// Users: the named-entity table plus boundary, tags and password last used.
import type { User } from '../../domain/entities.js';
import { dateOf, optionalDate, optionalMillis, optionalText, tagsOf, tagsText, textOrUndefined } from './columns.js';
import { defineNamedTable } from './named-table.js';

export const userTable = defineNamedTable<User>({
  table: 'users',
  kind: 'user',
  extraColumns: ['create_date', 'permissions_boundary_arn', 'tags', 'password_last_used'],
  updatableColumns: ['permissions_boundary_arn', 'tags', 'password_last_used'],
  extraValues: (u) => ({
    create_date: u.createDate.getTime(),
    permissions_boundary_arn: optionalText(u.permissionsBoundaryArn),
    tags: tagsText(u.tags),
    password_last_used: optionalMillis(u.passwordLastUsed),
  }),
  fromRow: (r) => {
    const boundary = textOrUndefined(r.permissions_boundary_arn);
    const passwordLastUsed = optionalDate(r.password_last_used);
    return {
      accountId: String(r.account_id),
      id: String(r.id),
      name: String(r.name),
      path: String(r.path),
      arn: String(r.arn),
      createDate: dateOf(r.create_date),
      ...(boundary === undefined ? {} : { permissionsBoundaryArn: boundary }),
      tags: tagsOf(r.tags),
      ...(passwordLastUsed === undefined ? {} : { passwordLastUsed }),
    };
  },
});
