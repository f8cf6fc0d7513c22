// TestEventPattern: does this event match this pattern? The same compiler and matcher the
// rules use, so what the API answers is what delivery does.

import { matchesEvent } from '../../audit/rules/pattern/match.js';
import { str } from '../input.js';
import type { OperationTable } from '../operation.js';
import { validation } from './errors.js';
import { compilePattern } from './names.js';

/** The envelope fields EventBridge requires of a test event (`resources` may be left out). */
const REQUIRED_FIELDS = ['id', 'account', 'source', 'time', 'region', 'detail-type'];

export const testEventPatternOperations: OperationTable = {
  TestEventPattern: {
    checks: () => [{ resource: '*' }],
    async run(input) {
      const pattern = compilePattern(str(input, 'EventPattern'));
      let event: unknown;
      try {
        event = JSON.parse(str(input, 'Event'));
      } catch {
        throw validation('Parameter Event is not valid.');
      }
      if (typeof event !== 'object' || event === null || Array.isArray(event) || REQUIRED_FIELDS.some((f) => !Object.hasOwn(event as object, f))) {
        throw validation('Parameter Event is not valid.');
      }
      return { Result: matchesEvent(pattern, event) };
    },
  },
};
