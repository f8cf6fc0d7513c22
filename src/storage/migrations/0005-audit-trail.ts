// The audit trail: CloudTrail records chained per partition (audit/chain/), the head of each
// partition's chain, signed digests, and the resources each event names (LookupEvents'
// ResourceType and ResourceName). Events are looked up per account by time and by one
// attribute, so each attribute has an index that ends in the event's time.
import type { Migration } from './migration.js';

export const auditTrail: Migration = {
  version: 5,
  name: 'audit-trail',
  statements: [
    `CREATE TABLE audit_events (
  partition_name TEXT COLLATE "binary" NOT NULL,
  seq BIGINT NOT NULL,
  prev_link TEXT NOT NULL,
  link TEXT NOT NULL,
  event_id TEXT COLLATE "binary" NOT NULL UNIQUE,
  account_id TEXT NOT NULL,
  event_time BIGINT NOT NULL,
  event_name TEXT COLLATE "binary" NOT NULL,
  event_source TEXT COLLATE "binary" NOT NULL,
  read_only INTEGER NOT NULL,
  username TEXT COLLATE "binary",
  access_key_id TEXT COLLATE "binary",
  resources TEXT NOT NULL,
  record TEXT NOT NULL,
  PRIMARY KEY (partition_name, seq)
)`,
    'CREATE INDEX audit_events_time ON audit_events (account_id, event_time, event_id)',
    'CREATE INDEX audit_events_name ON audit_events (account_id, event_name, event_time)',
    'CREATE INDEX audit_events_user ON audit_events (account_id, username, event_time)',
    'CREATE INDEX audit_events_key ON audit_events (account_id, access_key_id, event_time)',
    'CREATE INDEX audit_events_source ON audit_events (account_id, event_source, event_time)',
    'CREATE INDEX audit_events_read_only ON audit_events (account_id, read_only, event_time)',
    'CREATE INDEX audit_events_pruning ON audit_events (event_time)',
    `CREATE TABLE audit_event_resources (
  event_id TEXT COLLATE "binary" NOT NULL,
  account_id TEXT NOT NULL,
  event_time BIGINT NOT NULL,
  resource_type TEXT COLLATE "binary" NOT NULL,
  resource_name TEXT COLLATE "binary" NOT NULL,
  PRIMARY KEY (event_id, resource_type, resource_name)
)`,
    'CREATE INDEX audit_event_resources_name ON audit_event_resources (account_id, resource_name, event_time)',
    'CREATE INDEX audit_event_resources_type ON audit_event_resources (account_id, resource_type, event_time)',
    'CREATE INDEX audit_event_resources_pruning ON audit_event_resources (event_time)',
    `CREATE TABLE audit_heads (
  partition_name TEXT COLLATE "binary" PRIMARY KEY,
  seq BIGINT NOT NULL,
  link TEXT NOT NULL,
  digested_seq BIGINT NOT NULL,
  digested_at BIGINT NOT NULL
)`,
    `CREATE TABLE audit_digests (
  partition_name TEXT COLLATE "binary" NOT NULL,
  from_seq BIGINT NOT NULL,
  to_seq BIGINT NOT NULL,
  last_link TEXT NOT NULL,
  previous_signature TEXT NOT NULL,
  created_at TEXT NOT NULL,
  signature TEXT NOT NULL,
  PRIMARY KEY (partition_name, to_seq)
)`,
  ],
};
