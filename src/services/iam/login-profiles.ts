// IAM login profiles: (being written).

import type { OperationTable } from '../operation.js';

export const loginProfileOperations: OperationTable = {};
