// prefix, suffix and equals-ignore-case: string-only comparisons. prefix and suffix
// also take `{"equals-ignore-case": "..."}` to compare without case.

import { fail, type OperatorCompiler, type ValueMatcher } from '../types.js';
import type { JsonNode } from '../../../../policy/document/json-tree.js';

export type StringTest = (value: string) => boolean;

/** Case folding for the ignore-case operators: locale-free lower case. */
export function foldCase(s: string): string {
  return s.toLowerCase();
}

function stringOperand(node: JsonNode, operator: string): { text: string; ignoreCase: boolean } {
  if (node.kind === 'string') return { text: node.value, ignoreCase: false };
  if (node.kind === 'object' && node.entries.length === 1 && node.entries[0]?.key === 'equals-ignore-case') {
    const inner = node.entries[0].value;
    if (inner.kind !== 'string') fail(inner, `equals-ignore-case match pattern must be a string`);
    return { text: inner.value, ignoreCase: true };
  }
  if (node.kind === 'object' && node.entries.length > 1) fail(node, 'Only one key allowed in match expression');
  fail(node, `${operator} match pattern must be a string`);
}

export function prefixTest(node: JsonNode): StringTest {
  const { text, ignoreCase } = stringOperand(node, 'prefix');
  if (!ignoreCase) return (value) => value.startsWith(text);
  const folded = foldCase(text);
  return (value) => foldCase(value).startsWith(folded);
}

export function suffixTest(node: JsonNode): StringTest {
  const { text, ignoreCase } = stringOperand(node, 'suffix');
  if (!ignoreCase) return (value) => value.endsWith(text);
  const folded = foldCase(text);
  return (value) => foldCase(value).endsWith(folded);
}

export function equalsIgnoreCaseTest(node: JsonNode): StringTest {
  if (node.kind !== 'string') fail(node, 'equals-ignore-case match pattern must be a string');
  const folded = foldCase(node.value);
  return (value) => foldCase(value) === folded;
}

function stringMatcher(operator: string, test: StringTest): ValueMatcher {
  return { operator, matchesAbsent: false, matches: (value) => typeof value === 'string' && test(value) };
}

export const compilePrefix: OperatorCompiler = (node) => stringMatcher('prefix', prefixTest(node));
export const compileSuffix: OperatorCompiler = (node) => stringMatcher('suffix', suffixTest(node));
export const compileEqualsIgnoreCase: OperatorCompiler = (node) => stringMatcher('equals-ignore-case', equalsIgnoreCaseTest(node));
