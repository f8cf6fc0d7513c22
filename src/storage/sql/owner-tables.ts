// Where each kind of policy owner keeps its rows. Attachments and inline policies have one
// table per owner kind so every row has a real foreign key to its owner.
import type { PolicyOwnerKind } from '../../domain/entities.js';

export interface OwnerTables {
  /** The owners themselves: users, groups or roles. */
  readonly owners: string;
  /** The owner id column in the two tables below. */
  readonly ownerColumn: string;
  readonly attachments: string;
  readonly inline: string;
}

export const OWNER_TABLES: Readonly<Record<PolicyOwnerKind, OwnerTables>> = {
  user: { owners: 'users', ownerColumn: 'user_id', attachments: 'user_policy_attachments', inline: 'user_inline_policies' },
  group: { owners: 'groups', ownerColumn: 'group_id', attachments: 'group_policy_attachments', inline: 'group_inline_policies' },
  role: { owners: 'roles', ownerColumn: 'role_id', attachments: 'role_policy_attachments', inline: 'role_inline_policies' },
};

export const OWNER_KINDS: readonly PolicyOwnerKind[] = ['group', 'role', 'user'];
