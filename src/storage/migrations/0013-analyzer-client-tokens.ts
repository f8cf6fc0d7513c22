// Access Analyzer's idempotency tokens (`clientToken` on CreateAnalyzer, DeleteAnalyzer,
// CreateArchiveRule, UpdateArchiveRule, DeleteArchiveRule, ApplyArchiveRule, UpdateFindings):
// the token with a digest of the request it came with, so a retry (on any node) gets the same
// answer and a reuse with other parameters a ConflictException. StartPolicyGeneration keeps its
// token on the job (0009).
import type { Migration } from './migration.js';

export const analyzerClientTokens: Migration = {
  version: 13,
  name: 'analyzer-client-tokens',
  statements: [
    `CREATE TABLE analyzer_client_tokens (
  account_id TEXT NOT NULL,
  region TEXT NOT NULL,
  operation TEXT NOT NULL,
  client_token TEXT COLLATE "binary" NOT NULL,
  request_digest TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  PRIMARY KEY (account_id, region, operation, client_token)
)`,
    'CREATE INDEX analyzer_client_tokens_age ON analyzer_client_tokens (account_id, created_at)',
  ],
};
