// EventBridge's operations Keyward serves (JSON 1.1, `X-Amz-Target: AWSEvents.<Op>`).

import type { OperationTable } from '../operation.js';
import { apiDestinationOperations } from './api-destinations.js';
import { connectionOperations } from './connections.js';
import { ruleOperations } from './rules.js';
import { targetOperations } from './targets.js';
import { testEventPatternOperations } from './test-event-pattern.js';

export const eventsOperations: OperationTable = {
  ...ruleOperations,
  ...targetOperations,
  ...testEventPatternOperations,
  ...connectionOperations,
  ...apiDestinationOperations,
};
