// IAM organizations: (being written).

import type { OperationTable } from '../operation.js';

export const organizationOperations: OperationTable = {};
