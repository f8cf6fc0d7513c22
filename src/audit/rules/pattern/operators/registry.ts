// The pattern language's operators by name: a table, so adding one is one line.

import type { OperatorCompiler } from '../types.js';
import { compileAnythingBut } from './anything-but.js';
import { compileCidr } from './cidr.js';
import { compileExists } from './exists.js';
import { compileNumeric } from './numeric.js';
import { compileEqualsIgnoreCase, compilePrefix, compileSuffix } from './string-shape.js';
import { compileWildcard } from './wildcard.js';

const OPERATORS: ReadonlyMap<string, OperatorCompiler> = new Map([
  ['prefix', compilePrefix],
  ['suffix', compileSuffix],
  ['equals-ignore-case', compileEqualsIgnoreCase],
  ['anything-but', compileAnythingBut],
  ['numeric', compileNumeric],
  ['cidr', compileCidr],
  ['exists', compileExists],
  ['wildcard', compileWildcard],
]);

export function findOperator(name: string): OperatorCompiler | undefined {
  return OPERATORS.get(name);
}

/** Operator names, which may not stand as field names inside `$or`. */
export function operatorNames(): readonly string[] {
  return [...OPERATORS.keys()];
}
