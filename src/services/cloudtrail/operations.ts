// Every implemented CloudTrail operation, for the registry.

import type { OperationTable } from '../operation.js';
import { lookupEventsOperations } from './lookup-events.js';

export const cloudTrailOperations: OperationTable = {
  ...lookupEventsOperations,
};
