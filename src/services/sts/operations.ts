// Every implemented STS operation, for the registry.

import type { OperationTable } from '../operation.js';
import { assumeRoleOperations } from './assume-role.js';
import { callerIdentityOperations } from './caller-identity.js';
import { sessionTokenOperations } from './session-token-operations.js';

export const stsOperations: OperationTable = {
  ...callerIdentityOperations,
  ...assumeRoleOperations,
  ...sessionTokenOperations,
};
