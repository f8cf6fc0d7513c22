// IAM certificates: (being written).

import type { OperationTable } from '../operation.js';

export const certificateOperations: OperationTable = {};
