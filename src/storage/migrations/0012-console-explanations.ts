// The console's explanations of denied calls (src/console/server/explanations.ts), kept in the
// store so the "why" page answers on every node: the AccessDenied's sealed authorization
// message (already encrypted for its account), who was denied, and when it expires. Bounded per
// account by the repository; expired rows go at each insert.
import type { Migration } from './migration.js';

export const consoleExplanations: Migration = {
  version: 12,
  name: 'console-explanations',
  statements: [
    `CREATE TABLE console_explanations (
  request_id TEXT COLLATE "binary" NOT NULL PRIMARY KEY,
  account_id TEXT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  principal_arn TEXT NOT NULL,
  encoded_message TEXT NOT NULL,
  create_date BIGINT NOT NULL,
  expires_at BIGINT NOT NULL
)`,
    'CREATE INDEX console_explanations_account ON console_explanations (account_id, create_date)',
    'CREATE INDEX console_explanations_expiry ON console_explanations (expires_at)',
  ],
};
