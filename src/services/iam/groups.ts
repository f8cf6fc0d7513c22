// IAM groups: (being written).

import type { OperationTable } from '../operation.js';

export const groupOperations: OperationTable = {};
