// Every implemented IAM and STS operation, by service and action name.

import type { ServiceName } from '../protocol/model/service-model.js';
import { accessKeyOperations } from './iam/access-keys.js';
import { accessAdvisorOperations } from './iam/access-advisor.js';
import { certificateOperations } from './iam/certificates.js';
import { credentialReportOperations } from './iam/credential-report.js';
import { identityProviderOperations } from './iam/identity-providers.js';
import { loginProfileOperations } from './iam/login-profiles.js';
import { mfaDeviceOperations } from './iam/mfa-devices.js';
import { organizationOperations } from './iam/organizations.js';
import { serviceCredentialOperations } from './iam/service-credentials.js';
import { sshKeyOperations } from './iam/ssh-keys.js';
import { accountOperations } from './iam/account.js';
import { attachmentOperations } from './iam/attachments.js';
import { groupOperations } from './iam/groups.js';
import { inlinePolicyOperations } from './iam/inline-policies.js';
import { instanceProfileOperations } from './iam/instance-profiles.js';
import { managedPolicyOperations } from './iam/managed-policies.js';
import { roleOperations } from './iam/roles.js';
import { simulatorOperations } from './iam/simulator.js';
import { userOperations } from './iam/users.js';
import type { Operation, OperationTable } from './operation.js';
import { stsOperations } from './sts/operations.js';

const TABLES: Readonly<Record<ServiceName, OperationTable>> = {
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
};

export function findOperation(service: ServiceName, action: string): Operation | undefined {
  const table = TABLES[service];
  return Object.hasOwn(table, action) ? table[action] : undefined;
}

export function implementedOperations(service: ServiceName): string[] {
  return Object.keys(TABLES[service]).sort();
}
