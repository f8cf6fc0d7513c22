// Every migration, oldest first. Append only: an applied migration is never edited.
import { initialSchema } from './0001-initial-schema.js';
import { credentialsAndReports } from './0002-credentials-and-reports.js';
import { mfaCodeFailures } from './0003-mfa-code-failures.js';
import { usedOnce } from './0004-used-once.js';
import { auditTrail } from './0005-audit-trail.js';
import { eventBridge } from './0006-eventbridge.js';
import { serviceDefinitions } from './0007-service-definitions.js';
import { accessAnalyzer } from './0008-access-analyzer.js';
import { policyGenerations } from './0009-policy-generations.js';
import { rootAccount } from './0010-root-account.js';
import { auditIndexTrim } from './0011-audit-index-trim.js';
import { consoleExplanations } from './0012-console-explanations.js';
import { analyzerClientTokens } from './0013-analyzer-client-tokens.js';
import type { Migration } from './migration.js';

export const ALL_MIGRATIONS: readonly Migration[] = [
  initialSchema,
  credentialsAndReports,
  mfaCodeFailures,
  usedOnce,
  auditTrail,
  eventBridge,
  serviceDefinitions,
  accessAnalyzer,
  policyGenerations,
  rootAccount,
  auditIndexTrim,
  consoleExplanations,
  analyzerClientTokens,
];
