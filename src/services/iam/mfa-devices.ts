// IAM mfa devices: (being written).

import type { OperationTable } from '../operation.js';

export const mfaDeviceOperations: OperationTable = {};
