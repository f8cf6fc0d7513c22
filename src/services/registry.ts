// Every implemented IAM and STS operation, by service and action name.

import type { ServiceName } from '../protocol/model/service-model.js';
import { accessKeyOperations } from './iam/access-keys/operations.js';
import { accessAdvisorOperations } from './iam/access-advisor/operations.js';
import { certificateOperations } from './iam/certificates/operations.js';
import { credentialReportOperations } from './iam/credential-report/operations.js';
import { identityProviderOperations } from './iam/providers/operations.js';
import { loginProfileOperations } from './iam/login/operations.js';
import { mfaDeviceOperations } from './iam/mfa/operations.js';
import { organizationOperations } from './iam/organizations/operations.js';
import { serviceCredentialOperations } from './iam/service-credentials/operations.js';
import { sshKeyOperations } from './iam/ssh-keys/operations.js';
import { accountOperations } from './iam/account/operations.js';
import { attachmentOperations } from './iam/policies/attachment-operations.js';
import { groupOperations } from './iam/groups/operations.js';
import { inlinePolicyOperations } from './iam/policies/inline-operations.js';
import { instanceProfileOperations } from './iam/instance-profiles/operations.js';
import { managedPolicyOperations } from './iam/policies/managed-operations.js';
import { roleOperations } from './iam/roles/operations.js';
import { simulatorOperations } from './iam/simulator/operations.js';
import { userOperations } from './iam/users/operations.js';
import type { Operation, OperationTable } from './operation.js';
import { stsOperations } from './sts/operations.js';
import { POLICY_CHECK_OPERATIONS } from './accessanalyzer/policy-checks.js';
import { ANALYZER_OPERATIONS } from './accessanalyzer/analyzers/operations.js';
import { cloudTrailOperations } from './cloudtrail/operations.js';
import { eventsOperations } from './events/operations.js';
import { keywardOperations } from '../authorize/http/keyward-operations.js';
import { POLICY_GENERATION_OPERATIONS } from './accessanalyzer/policy-generation/operations.js';

/** Keyed by signing name; the JSON services add their tables here. */
const TABLES: Readonly<Record<string, OperationTable>> = {
  iam: {
    ...userOperations,
    ...accessKeyOperations,
    ...groupOperations,
    ...inlinePolicyOperations,
    ...roleOperations,
    ...instanceProfileOperations,
    ...managedPolicyOperations,
    ...attachmentOperations,
    ...accountOperations,
    ...simulatorOperations,
    ...accessAdvisorOperations,
    ...certificateOperations,
    ...credentialReportOperations,
    ...identityProviderOperations,
    ...loginProfileOperations,
    ...mfaDeviceOperations,
    ...organizationOperations,
    ...serviceCredentialOperations,
    ...sshKeyOperations,
  },
  sts: stsOperations,
  'access-analyzer': { ...POLICY_CHECK_OPERATIONS, ...POLICY_GENERATION_OPERATIONS, ...ANALYZER_OPERATIONS },
  cloudtrail: cloudTrailOperations,
  events: eventsOperations,
  keyward: keywardOperations,
};

export function findOperation(service: string, action: string): Operation | undefined {
  const table = Object.hasOwn(TABLES, service) ? TABLES[service] : undefined;
  return table !== undefined && Object.hasOwn(table, action) ? table[action] : undefined;
}

export function implementedOperations(service: ServiceName | (string & {})): string[] {
  return Object.keys(TABLES[service] ?? {}).sort();
}
