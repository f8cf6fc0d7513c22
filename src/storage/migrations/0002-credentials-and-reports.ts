// Console passwords, MFA devices, the other per-user credentials, federation providers,
// server certificates, access advisor data and credential reports. Same portable rules as
// 0001: TEXT, BIGINT epoch milliseconds, INTEGER 0/1, JSON in TEXT, "binary" sort keys.
import type { Migration } from './migration.js';

export const credentialsAndReports: Migration = {
  version: 2,
  name: 'credentials-and-reports',
  statements: [
    // user_id NULL is the root user's profile. A user with a profile cannot be deleted
    // (AWS's DeleteConflict), hence no ON DELETE clause.
    `CREATE TABLE login_profiles (
  account_id TEXT NOT NULL REFERENCES accounts (id),
  user_id TEXT REFERENCES users (id),
  password_hash TEXT NOT NULL,
  create_date BIGINT NOT NULL,
  password_reset_required INTEGER NOT NULL,
  password_last_changed BIGINT NOT NULL,
  password_last_used BIGINT,
  failed_attempts INTEGER NOT NULL,
  locked_until BIGINT
)`,
    'CREATE UNIQUE INDEX login_profiles_user ON login_profiles (user_id)',
    // NULLs never clash in a unique index, so the root's one profile needs its own index.
    'CREATE UNIQUE INDEX login_profiles_root ON login_profiles (account_id) WHERE user_id IS NULL',

    // owner_key is the user id, or '' for the root user, so the key has no NULL in it. The
    // history is no credential AWS shows, so it goes with its user.
    `CREATE TABLE password_history (
  account_id TEXT NOT NULL REFERENCES accounts (id),
  user_id TEXT REFERENCES users (id) ON DELETE CASCADE,
  owner_key TEXT NOT NULL,
  seq INTEGER NOT NULL,
  password_hash TEXT NOT NULL,
  set_date BIGINT NOT NULL,
  PRIMARY KEY (account_id, owner_key, seq)
)`,
    'CREATE INDEX password_history_user ON password_history (user_id)',

    // enable_date is set exactly when the device is assigned; user_id NULL then means root.
    `CREATE TABLE mfa_devices (
  account_id TEXT NOT NULL REFERENCES accounts (id),
  serial_number TEXT NOT NULL,
  serial_key TEXT COLLATE "binary" NOT NULL,
  device_type TEXT NOT NULL,
  name TEXT NOT NULL,
  path TEXT COLLATE "binary" NOT NULL,
  sealed_seed TEXT NOT NULL,
  create_date BIGINT NOT NULL,
  tags TEXT NOT NULL,
  user_id TEXT REFERENCES users (id),
  enable_date BIGINT,
  last_accepted_step BIGINT,
  PRIMARY KEY (account_id, serial_key)
)`,
    'CREATE INDEX mfa_devices_user ON mfa_devices (user_id)',

    `CREATE TABLE signing_certificates (
  certificate_id TEXT PRIMARY KEY,
  account_id TEXT NOT NULL REFERENCES accounts (id),
  user_id TEXT REFERENCES users (id),
  body TEXT NOT NULL,
  status TEXT NOT NULL,
  upload_date BIGINT NOT NULL
)`,
    'CREATE INDEX signing_certificates_owner ON signing_certificates (account_id, user_id)',
    'CREATE INDEX signing_certificates_user ON signing_certificates (user_id)',

    `CREATE TABLE ssh_public_keys (
  ssh_public_key_id TEXT PRIMARY KEY,
  account_id TEXT NOT NULL REFERENCES accounts (id),
  user_id TEXT NOT NULL REFERENCES users (id),
  body TEXT NOT NULL,
  fingerprint TEXT NOT NULL,
  status TEXT NOT NULL,
  upload_date BIGINT NOT NULL
)`,
    'CREATE INDEX ssh_public_keys_user ON ssh_public_keys (user_id)',

    `CREATE TABLE service_specific_credentials (
  credential_id TEXT COLLATE "binary" PRIMARY KEY,
  account_id TEXT NOT NULL REFERENCES accounts (id),
  user_id TEXT NOT NULL REFERENCES users (id),
  service_name TEXT NOT NULL,
  service_user_name TEXT,
  service_credential_alias TEXT,
  sealed_secret TEXT NOT NULL,
  status TEXT NOT NULL,
  create_date BIGINT NOT NULL,
  expiration_date BIGINT
)`,
    'CREATE INDEX service_specific_credentials_user ON service_specific_credentials (user_id, service_name)',
    'CREATE INDEX service_specific_credentials_account ON service_specific_credentials (account_id)',

    `CREATE TABLE oidc_providers (
  account_id TEXT NOT NULL REFERENCES accounts (id),
  arn TEXT COLLATE "binary" NOT NULL,
  url TEXT NOT NULL,
  client_ids TEXT NOT NULL,
  thumbprints TEXT NOT NULL,
  create_date BIGINT NOT NULL,
  tags TEXT NOT NULL,
  PRIMARY KEY (account_id, arn)
)`,

    `CREATE TABLE saml_providers (
  account_id TEXT NOT NULL REFERENCES accounts (id),
  arn TEXT COLLATE "binary" NOT NULL,
  name TEXT NOT NULL,
  saml_provider_uuid TEXT NOT NULL,
  metadata_document TEXT NOT NULL,
  create_date BIGINT NOT NULL,
  valid_until BIGINT,
  assertion_encryption_mode TEXT,
  tags TEXT NOT NULL,
  PRIMARY KEY (account_id, arn)
)`,

    `CREATE TABLE server_certificates (
  id TEXT PRIMARY KEY,
  account_id TEXT NOT NULL REFERENCES accounts (id),
  name TEXT NOT NULL,
  name_key TEXT COLLATE "binary" NOT NULL,
  path TEXT COLLATE "binary" NOT NULL,
  arn TEXT NOT NULL,
  upload_date BIGINT NOT NULL,
  expiration BIGINT NOT NULL,
  body TEXT NOT NULL,
  chain TEXT,
  sealed_private_key TEXT NOT NULL,
  tags TEXT NOT NULL
)`,
    'CREATE UNIQUE INDEX server_certificates_name ON server_certificates (account_id, name_key)',

    // No foreign keys: rows are keyed by ARN and written on the request path, where a
    // missing account or a just-deleted principal must not fail the call.
    `CREATE TABLE service_access_events (
  account_id TEXT NOT NULL,
  principal_arn TEXT COLLATE "binary" NOT NULL,
  service_namespace TEXT COLLATE "binary" NOT NULL,
  action_name TEXT COLLATE "binary" NOT NULL,
  region TEXT COLLATE "binary" NOT NULL,
  last_accessed BIGINT NOT NULL,
  last_authenticated_entity TEXT NOT NULL,
  PRIMARY KEY (account_id, principal_arn, service_namespace, action_name, region)
)`,

    `CREATE TABLE service_last_accessed_jobs (
  job_id TEXT PRIMARY KEY,
  account_id TEXT NOT NULL REFERENCES accounts (id),
  entity_arn TEXT NOT NULL,
  granularity TEXT NOT NULL,
  status TEXT NOT NULL,
  creation_date BIGINT NOT NULL,
  completion_date BIGINT,
  result TEXT,
  error TEXT
)`,
    'CREATE INDEX service_last_accessed_jobs_account ON service_last_accessed_jobs (account_id, creation_date)',

    `CREATE TABLE credential_reports (
  account_id TEXT PRIMARY KEY REFERENCES accounts (id),
  state TEXT NOT NULL,
  started_date BIGINT NOT NULL,
  generated_time BIGINT,
  content TEXT
)`,
  ],
};
