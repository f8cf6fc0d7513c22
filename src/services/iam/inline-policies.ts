// IAM inline policies: (being written).

import type { OperationTable } from '../operation.js';

export const inlinePolicyOperations: OperationTable = {};
