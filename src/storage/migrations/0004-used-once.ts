// Values that may be accepted once only, remembered until they could no longer be accepted
// anyway: SAML assertion IDs (bearer assertions must not be replayed). Shared by every node.
import type { Migration } from './migration.js';

export const usedOnce: Migration = {
  version: 4,
  name: 'used-once',
  statements: [
    `CREATE TABLE used_once (
  scope TEXT COLLATE "binary" NOT NULL,
  value TEXT COLLATE "binary" NOT NULL,
  expires_at BIGINT NOT NULL,
  PRIMARY KEY (scope, value)
)`,
    'CREATE INDEX used_once_expiry ON used_once (expires_at)',
  ],
};
