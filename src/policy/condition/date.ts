// Date condition operators (DateEquals, DateLessThan, ...): instants compared in
// epoch milliseconds, from ISO 8601 or epoch-second values on both sides.

import { parseDate, readDate } from './date-parse.js';
import { compileOrdered, type Comparison, type OrderedType } from './ordered.js';
import type { CompiledOperand } from './operand.js';

const DATE: OrderedType = { parse: parseDate, read: readDate, expects: 'a date (ISO 8601 or epoch seconds)' };

export function compileDate(comparison: Comparison): (values: readonly string[]) => CompiledOperand {
  return compileOrdered(comparison, DATE);
}
