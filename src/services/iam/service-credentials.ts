// IAM service credentials: (being written).

import type { OperationTable } from '../operation.js';

export const serviceCredentialOperations: OperationTable = {};
