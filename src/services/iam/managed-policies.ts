// IAM managed policies: (being written).

import type { OperationTable } from '../operation.js';

export const managedPolicyOperations: OperationTable = {};
