// IAM instance profiles: (being written).

import type { OperationTable } from '../operation.js';

export const instanceProfileOperations: OperationTable = {};
