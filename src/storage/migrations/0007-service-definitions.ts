// Service definitions of the platform's own services (src/authorize/): one row per service
// prefix, the checked definition kept as JSON text. The signing name is unique too, so a
// request signed for one service can never be claimed by another.
import type { Migration } from './migration.js';

export const serviceDefinitions: Migration = {
  version: 7,
  name: 'service-definitions',
  statements: [
    `CREATE TABLE service_definitions (
  prefix TEXT COLLATE "binary" NOT NULL PRIMARY KEY,
  signing_name TEXT COLLATE "binary" NOT NULL,
  account_id TEXT NOT NULL,
  document TEXT NOT NULL,
  create_date BIGINT NOT NULL,
  update_date BIGINT NOT NULL
)`,
    'CREATE UNIQUE INDEX service_definitions_signing_name ON service_definitions (signing_name)',
  ],
};
