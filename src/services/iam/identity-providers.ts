// IAM identity providers: (being written).

import type { OperationTable } from '../operation.js';

export const identityProviderOperations: OperationTable = {};
