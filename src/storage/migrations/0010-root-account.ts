// The root user's console contact and password resets (src/console/server): root's e-mail
// address, and the one-time reset tokens mailed to it, stored only as SHA-256 hashes with
// their expiry (15 minutes).
import type { Migration } from './migration.js';

export const rootAccount: Migration = {
  version: 10,
  name: 'root-account',
  statements: [
    `CREATE TABLE root_contacts (
  account_id TEXT NOT NULL PRIMARY KEY REFERENCES accounts(id) ON DELETE CASCADE,
  email TEXT NOT NULL,
  update_date BIGINT NOT NULL
)`,
    `CREATE TABLE root_password_resets (
  token_hash TEXT COLLATE "binary" NOT NULL PRIMARY KEY,
  account_id TEXT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  create_date BIGINT NOT NULL,
  expires_at BIGINT NOT NULL
)`,
    'CREATE INDEX root_password_resets_account ON root_password_resets (account_id)',
  ],
};
