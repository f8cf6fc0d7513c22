// Groups: the named-entity table with nothing extra (AWS groups have no tags or boundary).
import type { Group } from '../../domain/entities.js';
import { dateOf } from './columns.js';
import { defineNamedTable } from './named-table.js';

export const groupTable = defineNamedTable<Group>({
  table: 'groups',
  kind: 'group',
  extraColumns: ['create_date'],
  updatableColumns: [],
  extraValues: (g) => ({ create_date: g.createDate.getTime() }),
  fromRow: (r) => ({
    accountId: String(r.account_id),
    id: String(r.id),
    name: String(r.name),
    path: String(r.path),
    arn: String(r.arn),
    createDate: dateOf(r.create_date),
  }),
});
