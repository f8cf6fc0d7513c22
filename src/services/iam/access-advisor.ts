// IAM access advisor: (being written).

import type { OperationTable } from '../operation.js';

export const accessAdvisorOperations: OperationTable = {};
