// numeric: `[">", 0, "<=", 5]`, `["=", 3.018e2]`: one comparison, or a lower and an
// upper bound. Bounds lie within ±5.0e9, as AWS's matching library compares them;
// only JSON numbers in the event match.

import { fail, type OperatorCompiler } from '../types.js';
import type { JsonNode } from '../../../../policy/document/json-tree.js';

const LIMIT = 5e9;

function bound(node: JsonNode | undefined, operator: string, whole: JsonNode): number {
  if (node === undefined || node.kind !== 'number') fail(node ?? whole, `Value of ${operator} must be numeric`);
  const value = Number(node.text);
  if (value < -LIMIT || value > LIMIT) fail(node, 'Value must be between -5.0E9 and 5.0E9, inclusive');
  return value;
}

type Test = (n: number) => boolean;

const SINGLE: Readonly<Record<string, (v: number) => Test>> = {
  '=': (v) => (n) => n === v,
  '<': (v) => (n) => n < v,
  '<=': (v) => (n) => n <= v,
  '>': (v) => (n) => n > v,
  '>=': (v) => (n) => n >= v,
};

export const compileNumeric: OperatorCompiler = (node) => {
  if (node.kind !== 'array') fail(node, 'Value of numeric must be an array.');
  const [op, value, op2, value2, extra] = node.items;
  if (op === undefined || op.kind !== 'string') fail(op ?? node, `Invalid member in numeric match: ${op === undefined ? ']' : textOf(op)}`);
  const single = SINGLE[op.value];
  if (single === undefined) fail(op, `Unrecognized numeric range operator: ${op.value}`);
  const low = bound(value, op.value, node);
  let test = single(low);
  if (op2 !== undefined) {
    if (op.value !== '>' && op.value !== '>=') fail(op2, 'Too many elements in numeric expression');
    if (op2.kind !== 'string') fail(op2, `Bad value in numeric range: ${textOf(op2)}`);
    if (op2.value !== '<' && op2.value !== '<=') fail(op2, `Bad numeric range operator: ${op2.value}`);
    const high = bound(value2, op2.value, node);
    if (extra !== undefined) fail(extra, 'Too many terms in numeric range expression');
    if (high < low || (high === low && (op.value === '>' || op2.value === '<'))) fail(node, 'Bottom must be less than top');
    const lower = test;
    const upper = (SINGLE[op2.value] as (v: number) => Test)(high);
    test = (n) => lower(n) && upper(n);
  }
  return { operator: 'numeric', matchesAbsent: false, matches: (v) => typeof v === 'number' && test(v) };
};

function textOf(node: JsonNode): string {
  switch (node.kind) {
    case 'string':
      return node.value;
    case 'number':
      return node.text;
    case 'boolean':
      return String(node.value);
    case 'null':
      return 'null';
    case 'array':
      return '[';
    case 'object':
      return '{';
  }
}
