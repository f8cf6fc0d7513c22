// Row mapping for managed policies, shared by the policy and attachment repositories.
import type { ManagedPolicy } from '../../domain/entities.js';
import { dateOf, tagsOf, textOrUndefined } from './columns.js';
import type { SqlRow } from './executor.js';

export const POLICY_COLUMNS = [
  'id',
  'account_id',
  'name',
  'name_key',
  'path',
  'arn',
  'create_date',
  'update_date',
  'default_version_id',
  'description',
  'tags',
  'is_attachable',
] as const;

export function policyColumns(alias: string): string {
  return POLICY_COLUMNS.map((c) => `${alias}.${c}`).join(', ');
}

export function policyOf(row: SqlRow): ManagedPolicy {
  const description = textOrUndefined(row.description);
  return {
    accountId: String(row.account_id),
    id: String(row.id),
    name: String(row.name),
    path: String(row.path),
    arn: String(row.arn),
    createDate: dateOf(row.create_date),
    updateDate: dateOf(row.update_date),
    defaultVersionId: String(row.default_version_id),
    ...(description === undefined ? {} : { description }),
    tags: tagsOf(row.tags),
    isAttachable: Number(row.is_attachable) === 1,
  };
}
