// IAM account: (being written).

import type { OperationTable } from '../operation.js';

export const accountOperations: OperationTable = {};
