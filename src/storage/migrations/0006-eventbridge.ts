// EventBridge on the endpoint: rules and their targets, connections (their secret sealed) and
// API destinations, and the alert outbox with its dead letters. Names are case-sensitive
// (byte order, COLLATE "binary"), as EventBridge's are.
import type { Migration } from './migration.js';

export const eventBridge: Migration = {
  version: 6,
  name: 'eventbridge',
  statements: [
    `CREATE TABLE events_rules (
  account_id TEXT NOT NULL,
  name TEXT COLLATE "binary" NOT NULL,
  arn TEXT NOT NULL,
  event_pattern TEXT,
  schedule_expression TEXT,
  state TEXT NOT NULL,
  description TEXT,
  role_arn TEXT,
  created_by TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  PRIMARY KEY (account_id, name)
)`,
    `CREATE TABLE events_targets (
  account_id TEXT NOT NULL,
  rule_name TEXT COLLATE "binary" NOT NULL,
  target_id TEXT COLLATE "binary" NOT NULL,
  arn TEXT NOT NULL,
  role_arn TEXT,
  input TEXT,
  PRIMARY KEY (account_id, rule_name, target_id)
)`,
    `CREATE TABLE events_connections (
  account_id TEXT NOT NULL,
  name TEXT COLLATE "binary" NOT NULL,
  arn TEXT NOT NULL UNIQUE,
  description TEXT,
  authorization_type TEXT NOT NULL,
  auth_name TEXT NOT NULL,
  sealed_secret TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  modified_at BIGINT NOT NULL,
  PRIMARY KEY (account_id, name)
)`,
    `CREATE TABLE events_api_destinations (
  account_id TEXT NOT NULL,
  name TEXT COLLATE "binary" NOT NULL,
  arn TEXT NOT NULL UNIQUE,
  description TEXT,
  connection_arn TEXT NOT NULL,
  endpoint TEXT NOT NULL,
  http_method TEXT NOT NULL,
  rate_limit INTEGER,
  created_at BIGINT NOT NULL,
  modified_at BIGINT NOT NULL,
  PRIMARY KEY (account_id, name)
)`,
    `CREATE TABLE events_outbox (
  id TEXT COLLATE "binary" PRIMARY KEY,
  account_id TEXT NOT NULL,
  rule_name TEXT NOT NULL,
  target_id TEXT NOT NULL,
  target_arn TEXT NOT NULL,
  event_id TEXT NOT NULL,
  payload TEXT NOT NULL,
  attempts INTEGER NOT NULL,
  next_attempt_at BIGINT NOT NULL,
  created_at BIGINT NOT NULL,
  lease_owner TEXT,
  lease_until BIGINT,
  last_error TEXT
)`,
    'CREATE INDEX events_outbox_due ON events_outbox (next_attempt_at, created_at, id)',
    `CREATE TABLE events_dead_letters (
  id TEXT COLLATE "binary" PRIMARY KEY,
  account_id TEXT NOT NULL,
  rule_name TEXT NOT NULL,
  target_id TEXT NOT NULL,
  target_arn TEXT NOT NULL,
  event_id TEXT NOT NULL,
  payload TEXT NOT NULL,
  attempts INTEGER NOT NULL,
  created_at BIGINT NOT NULL,
  failed_at BIGINT NOT NULL,
  last_error TEXT
)`,
    'CREATE INDEX events_dead_letters_failed ON events_dead_letters (failed_at, id)',
  ],
};
