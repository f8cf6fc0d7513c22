// Numeric condition operators (NumericEquals, NumericLessThan, ...) over
// integers and decimals, as AWS documents them.

import { compileOrdered, type Comparison, type OrderedType } from './ordered.js';
import type { CompiledOperand } from './operand.js';

/**
 * Parses an integer or decimal (`-12`, `3.5`, `.5`, `+7`); NaN for anything
 * else, including exponents, hex, white space and the empty string.
 */
export function parseDecimal(s: string): number {
  const n = s.length;
  if (n === 0) return NaN;
  const first = s.charCodeAt(0);
  let i = first === 43 || first === 45 ? 1 : 0;
  let digits = 0;
  let dot = false;
  for (; i < n; i++) {
    const c = s.charCodeAt(i);
    if (c >= 48 && c <= 57) digits++;
    else if (c === 46 && !dot) dot = true;
    else return NaN;
  }
  return digits === 0 ? NaN : Number(s);
}

function readDecimal(s: string, out: Float64Array): boolean {
  const n = parseDecimal(s);
  out[0] = n;
  return n === n; // not NaN
}

const NUMBER: OrderedType = { parse: parseDecimal, read: readDecimal, expects: 'a number' };

export function compileNumeric(comparison: Comparison): (values: readonly string[]) => CompiledOperand {
  return compileOrdered(comparison, NUMBER);
}
