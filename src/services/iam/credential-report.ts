// IAM credential report: (being written).

import type { OperationTable } from '../operation.js';

export const credentialReportOperations: OperationTable = {};
