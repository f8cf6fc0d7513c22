// IAM roles: (being written).

import type { OperationTable } from '../operation.js';

export const roleOperations: OperationTable = {};
