// Every implemented STS operation, for the registry.

import type { OperationTable } from '../operation.js';
import { assumeRoleOperations } from './assume-role.js';
import { callerIdentityOperations } from './caller-identity.js';
import { samlOperations } from './saml.js';
import { sessionTokenOperations } from './session-token-operations.js';
import { webIdentityOperations } from './web-identity.js';

export const stsOperations: OperationTable = {
  ...callerIdentityOperations,
  ...assumeRoleOperations,
  ...sessionTokenOperations,
  ...webIdentityOperations,
  ...samlOperations,
};
