// Access Analyzer's policy generation jobs (StartPolicyGeneration): the request, its status and,
// once done, the activity found in the trail as JSON text; GetGeneratedPolicy renders the policy
// from it with the caller's options. Stored so jobs outlive a restart and any node can answer.
import type { Migration } from './migration.js';

export const policyGenerations: Migration = {
  version: 9,
  name: 'policy-generations',
  statements: [
    `CREATE TABLE policy_generations (
  job_id TEXT COLLATE "binary" NOT NULL PRIMARY KEY,
  account_id TEXT NOT NULL,
  principal_arn TEXT COLLATE "binary" NOT NULL,
  client_token TEXT COLLATE "binary",
  request TEXT NOT NULL,
  status TEXT NOT NULL,
  started_on BIGINT NOT NULL,
  completed_on BIGINT,
  result TEXT,
  error TEXT
)`,
    'CREATE UNIQUE INDEX policy_generations_token ON policy_generations (account_id, client_token)',
    'CREATE INDEX policy_generations_started ON policy_generations (account_id, started_on)',
  ],
};
