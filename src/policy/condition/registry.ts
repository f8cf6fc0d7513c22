// Every base condition operator (except Null, which tests presence rather than
// values) mapped to its operand compiler and whether it is the negated form.
// A negated operator is true when its positive form matches none of the values.

import { compileArnLike } from './arn.js';
import { compileBinaryEquals } from './binary.js';
import { compileBool } from './bool.js';
import { compileDate } from './date.js';
import { compileIpAddress } from './ip.js';
import { compileNumeric } from './numeric.js';
import type { OperandCompiler } from './operand.js';
import type { BaseOperator } from './operator-name.js';
import { compileStringEquals, compileStringEqualsIgnoreCase, compileStringLike } from './string.js';

export interface OperatorSpec {
  readonly compile: OperandCompiler;
  /** StringNotEquals, NotIpAddress, ...: true when the positive form matches none of the values. */
  readonly negated: boolean;
}

export type ValueOperator = Exclude<BaseOperator, 'Null'>;

const positive = (compile: OperandCompiler): OperatorSpec => ({ compile, negated: false });
const negated = (compile: OperandCompiler): OperatorSpec => ({ compile, negated: true });

export const OPERATORS: Readonly<Record<ValueOperator, OperatorSpec>> = {
  StringEquals: positive(compileStringEquals),
  StringNotEquals: negated(compileStringEquals),
  StringEqualsIgnoreCase: positive(compileStringEqualsIgnoreCase),
  StringNotEqualsIgnoreCase: negated(compileStringEqualsIgnoreCase),
  StringLike: positive(compileStringLike),
  StringNotLike: negated(compileStringLike),
  NumericEquals: positive(compileNumeric('eq')),
  NumericNotEquals: negated(compileNumeric('eq')),
  NumericLessThan: positive(compileNumeric('lt')),
  NumericLessThanEquals: positive(compileNumeric('lte')),
  NumericGreaterThan: positive(compileNumeric('gt')),
  NumericGreaterThanEquals: positive(compileNumeric('gte')),
  DateEquals: positive(compileDate('eq')),
  DateNotEquals: negated(compileDate('eq')),
  DateLessThan: positive(compileDate('lt')),
  DateLessThanEquals: positive(compileDate('lte')),
  DateGreaterThan: positive(compileDate('gt')),
  DateGreaterThanEquals: positive(compileDate('gte')),
  Bool: positive(compileBool),
  BinaryEquals: positive(compileBinaryEquals),
  IpAddress: positive(compileIpAddress),
  NotIpAddress: negated(compileIpAddress),
  // AWS: "The ArnEquals and ArnLike condition operators behave identically."
  ArnEquals: positive(compileArnLike),
  ArnLike: positive(compileArnLike),
  ArnNotEquals: negated(compileArnLike),
  ArnNotLike: negated(compileArnLike),
};
