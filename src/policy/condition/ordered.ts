// Shared shape of the Numeric and Date operators: values parse to numbers once,
// equality is a Set lookup, and an ordering operator over several ORed values
// reduces to one comparison against the loosest bound.

import { INCOMPARABLE, INVALID, MATCH, NO_MATCH, quote, type BadValue, type CompiledOperand, type Outcome } from './operand.js';

export type Comparison = 'eq' | 'lt' | 'lte' | 'gt' | 'gte';

export interface OrderedType {
  /** To a number; NaN when the string is not of the type. */
  readonly parse: (value: string) => number;
  /**
   * Like `parse`, writing the number to `out[0]` and answering whether it parsed:
   * a float (an epoch in ms) returned from a call is boxed on the heap, one
   * written to a Float64Array is not.
   */
  readonly read: (value: string, out: Float64Array) => boolean;
  /** `a number`, `a date`: completes "is not ...". */
  readonly expects: string;
}

// Where `read` puts the request value; module-level so a test allocates nothing.
const scratch = new Float64Array(1);

export function compileOrdered(comparison: Comparison, type: OrderedType): (values: readonly string[]) => CompiledOperand {
  const { parse, read, expects } = type;
  return (values) => {
    const numbers: number[] = [];
    const badValues: BadValue[] = [];
    values.forEach((value, index) => {
      const parsed = parse(value);
      if (Number.isNaN(parsed)) badValues.push({ index, message: `${quote(value)} is not ${expects}` });
      else numbers.push(parsed);
    });
    const miss: Outcome = badValues.length > 0 ? INCOMPARABLE : NO_MATCH;
    if (comparison === 'eq') {
      const set = new Set(numbers);
      return {
        expects,
        badValues,
        test(value: string): Outcome {
          if (!read(value, scratch)) return INVALID;
          return set.has(scratch[0] as number) ? MATCH : miss;
        },
      };
    }
    const upper = comparison === 'lt' || comparison === 'lte';
    const strict = comparison === 'lt' || comparison === 'gt';
    let bound = NaN;
    for (const n of numbers) if (Number.isNaN(bound) || (upper ? n > bound : n < bound)) bound = n;
    return {
      expects,
      badValues,
      test(value: string): Outcome {
        if (!read(value, scratch)) return INVALID;
        if (Number.isNaN(bound)) return miss;
        const v = scratch[0] as number;
        const hit = upper ? (strict ? v < bound : v <= bound) : strict ? v > bound : v >= bound;
        return hit ? MATCH : miss;
      },
    };
  };
}
