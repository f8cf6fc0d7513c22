// The first schema. Portable on purpose: TEXT, INTEGER/BIGINT, ids chosen by the application,
// epoch-millisecond BIGINT timestamps, INTEGER 0/1 booleans, JSON in TEXT. Sort keys use the
// "binary" collation (SQLite's built-in; the PostgreSQL driver creates it from "C") so lists
// come back in the same byte order on both engines, whatever the database's locale.
import type { Migration } from './migration.js';

const named = (table: string, extra: string): string => `CREATE TABLE ${table} (
  id TEXT PRIMARY KEY,
  account_id TEXT NOT NULL REFERENCES accounts (id),
  name TEXT NOT NULL,
  name_key TEXT COLLATE "binary" NOT NULL,
  path TEXT COLLATE "binary" NOT NULL,
  arn TEXT NOT NULL,
  create_date BIGINT NOT NULL${extra}
)`;

// Attachments and inline policies get one table per owner kind so that every row has a real
// foreign key to its owner: a user cannot be deleted while something still points at it.
const ownerTables = (kind: 'user' | 'group' | 'role', owners: string): string[] => [
  `CREATE TABLE ${kind}_policy_attachments (
  account_id TEXT NOT NULL,
  ${kind}_id TEXT NOT NULL REFERENCES ${owners} (id),
  policy_id TEXT NOT NULL REFERENCES managed_policies (id),
  PRIMARY KEY (${kind}_id, policy_id)
)`,
  `CREATE INDEX ${kind}_policy_attachments_policy ON ${kind}_policy_attachments (policy_id, account_id)`,
  `CREATE TABLE ${kind}_inline_policies (
  ${kind}_id TEXT NOT NULL REFERENCES ${owners} (id),
  name TEXT NOT NULL,
  name_key TEXT COLLATE "binary" NOT NULL,
  document TEXT NOT NULL,
  PRIMARY KEY (${kind}_id, name_key)
)`,
];

export const initialSchema: Migration = {
  version: 1,
  name: 'initial-schema',
  statements: [
    `CREATE TABLE accounts (
  id TEXT PRIMARY KEY,
  create_date BIGINT NOT NULL,
  password_policy TEXT,
  settings TEXT NOT NULL
)`,
    `CREATE TABLE account_aliases (
  alias TEXT COLLATE "binary" PRIMARY KEY,
  account_id TEXT NOT NULL REFERENCES accounts (id)
)`,
    'CREATE INDEX account_aliases_account ON account_aliases (account_id)',

    named('users', `,
  permissions_boundary_arn TEXT,
  tags TEXT NOT NULL,
  password_last_used BIGINT`),
    'CREATE UNIQUE INDEX users_name ON users (account_id, name_key)',
    'CREATE INDEX users_boundary ON users (permissions_boundary_arn)',

    named('groups', ''),
    'CREATE UNIQUE INDEX groups_name ON groups (account_id, name_key)',
    `CREATE TABLE group_members (
  group_id TEXT NOT NULL REFERENCES groups (id),
  user_id TEXT NOT NULL REFERENCES users (id),
  PRIMARY KEY (group_id, user_id)
)`,
    'CREATE INDEX group_members_user ON group_members (user_id)',

    named('roles', `,
  assume_role_policy_document TEXT NOT NULL,
  description TEXT,
  max_session_duration INTEGER NOT NULL,
  permissions_boundary_arn TEXT,
  tags TEXT NOT NULL,
  last_used_date BIGINT,
  last_used_region TEXT`),
    'CREATE UNIQUE INDEX roles_name ON roles (account_id, name_key)',
    'CREATE INDEX roles_boundary ON roles (permissions_boundary_arn)',

    named('instance_profiles', `,
  tags TEXT NOT NULL`),
    'CREATE UNIQUE INDEX instance_profiles_name ON instance_profiles (account_id, name_key)',
    `CREATE TABLE instance_profile_roles (
  profile_id TEXT NOT NULL REFERENCES instance_profiles (id),
  role_id TEXT NOT NULL REFERENCES roles (id),
  PRIMARY KEY (profile_id, role_id)
)`,
    'CREATE INDEX instance_profile_roles_role ON instance_profile_roles (role_id)',

    // No foreign key to accounts: AWS managed policies belong to the pseudo-account "aws".
    `CREATE TABLE managed_policies (
  id TEXT PRIMARY KEY,
  account_id TEXT NOT NULL,
  name TEXT NOT NULL,
  name_key TEXT COLLATE "binary" NOT NULL,
  path TEXT COLLATE "binary" NOT NULL,
  arn TEXT COLLATE "binary" NOT NULL,
  create_date BIGINT NOT NULL,
  update_date BIGINT NOT NULL,
  default_version_id TEXT NOT NULL,
  description TEXT,
  tags TEXT NOT NULL,
  is_attachable INTEGER NOT NULL,
  last_version_number INTEGER NOT NULL
)`,
    'CREATE UNIQUE INDEX managed_policies_name ON managed_policies (account_id, name_key)',
    'CREATE UNIQUE INDEX managed_policies_arn ON managed_policies (arn)',
    `CREATE TABLE policy_versions (
  policy_id TEXT NOT NULL REFERENCES managed_policies (id),
  version_id TEXT NOT NULL,
  version_number INTEGER NOT NULL,
  document TEXT NOT NULL,
  create_date BIGINT NOT NULL,
  PRIMARY KEY (policy_id, version_id)
)`,

    ...ownerTables('user', 'users'),
    ...ownerTables('group', 'groups'),
    ...ownerTables('role', 'roles'),

    `CREATE TABLE access_keys (
  access_key_id TEXT PRIMARY KEY,
  account_id TEXT NOT NULL REFERENCES accounts (id),
  user_id TEXT REFERENCES users (id),
  secret_ciphertext TEXT NOT NULL,
  status TEXT NOT NULL,
  create_date BIGINT NOT NULL,
  last_used_date BIGINT,
  last_used_service TEXT,
  last_used_region TEXT
)`,
    'CREATE INDEX access_keys_owner ON access_keys (account_id, user_id)',
  ],
};
