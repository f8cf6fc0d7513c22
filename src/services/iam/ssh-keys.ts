// IAM ssh keys: (being written).

import type { OperationTable } from '../operation.js';

export const sshKeyOperations: OperationTable = {};
