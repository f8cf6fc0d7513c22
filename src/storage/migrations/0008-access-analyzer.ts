// IAM Access Analyzer's analyzers (per account and Region), their archive rules and their
// findings. A finding's id is derived from what it is about (finding-id.ts), so every node's
// scan writes the same rows; its details and recommendation are kept as JSON text.
import type { Migration } from './migration.js';

export const accessAnalyzer: Migration = {
  version: 8,
  name: 'access-analyzer',
  statements: [
    `CREATE TABLE analyzers (
  account_id TEXT NOT NULL,
  region TEXT COLLATE "binary" NOT NULL,
  name TEXT COLLATE "binary" NOT NULL,
  arn TEXT NOT NULL,
  type TEXT NOT NULL,
  status TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  configuration TEXT,
  tags TEXT NOT NULL,
  last_resource_analyzed TEXT,
  last_resource_analyzed_at BIGINT,
  last_scan_at BIGINT,
  PRIMARY KEY (account_id, region, name)
)`,
    `CREATE TABLE analyzer_archive_rules (
  account_id TEXT NOT NULL,
  region TEXT COLLATE "binary" NOT NULL,
  analyzer_name TEXT COLLATE "binary" NOT NULL,
  rule_name TEXT COLLATE "binary" NOT NULL,
  filter TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  PRIMARY KEY (account_id, region, analyzer_name, rule_name)
)`,
    `CREATE TABLE analyzer_findings (
  account_id TEXT NOT NULL,
  region TEXT COLLATE "binary" NOT NULL,
  analyzer_name TEXT COLLATE "binary" NOT NULL,
  id TEXT COLLATE "binary" NOT NULL,
  finding_type TEXT NOT NULL,
  resource TEXT NOT NULL,
  resource_type TEXT NOT NULL,
  resource_owner_account TEXT NOT NULL,
  status TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  analyzed_at BIGINT NOT NULL,
  details TEXT NOT NULL,
  recommendation TEXT,
  PRIMARY KEY (account_id, region, analyzer_name, id)
)`,
  ],
};
