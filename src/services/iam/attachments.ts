// IAM attachments: (being written).

import type { OperationTable } from '../operation.js';

export const attachmentOperations: OperationTable = {};
