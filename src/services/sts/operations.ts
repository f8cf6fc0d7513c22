// Every implemented STS operation, for the registry.

import type { OperationTable } from '../operation.js';
import { assumeRoleOperations } from './assume-role.js';
import { assumeRootOperations } from './assume-root.js';
import { callerIdentityOperations } from './caller-identity.js';
import { decodeAuthorizationMessageOperations } from './decode-authorization-message.js';
import { delegatedAccessTokenOperations } from './delegated-access-token.js';
import { samlOperations } from './saml.js';
import { sessionTokenOperations } from './session-token-operations.js';
import { webIdentityOperations } from './web-identity.js';
import { webIdentityTokenOperations } from './web-identity-token.js';

export const stsOperations: OperationTable = {
  ...callerIdentityOperations,
  ...assumeRoleOperations,
  ...sessionTokenOperations,
  ...webIdentityOperations,
  ...samlOperations,
  ...decodeAuthorizationMessageOperations,
  ...assumeRootOperations,
  ...delegatedAccessTokenOperations,
  ...webIdentityTokenOperations,
};
