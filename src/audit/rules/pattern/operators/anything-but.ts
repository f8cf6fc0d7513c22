// anything-but: a present value that is not one of the listed strings or numbers,
// or that does not have a prefix/suffix, does not equal ignoring case, or does not
// fit a wildcard. A value of another type than the excluded ones always matches.

import { fail, failAfter, type OperatorCompiler } from '../types.js';
import type { JsonNode } from '../../../../policy/document/json-tree.js';
import { foldCase, prefixTest, suffixTest, type StringTest } from './string-shape.js';
import { wildcardTest } from './wildcard.js';

const NESTED: Readonly<Record<string, (node: JsonNode) => StringTest>> = {
  prefix: prefixTest,
  suffix: suffixTest,
  wildcard: wildcardTest,
};

function emptyRefused(node: JsonNode, operator: string): void {
  if ((operator === 'prefix' || operator === 'suffix') && node.kind === 'string' && node.value === '') fail(node, 'Null prefix/suffix not allowed');
}

export const compileAnythingBut: OperatorCompiler = (node) => {
  if (node.kind === 'object') {
    const [entry, extra] = node.entries;
    if (entry === undefined) fail(node, 'Anything-But expression name not found');
    if (extra !== undefined) fail(node, 'Only one key allowed in match expression');
    const { key: name, value: inner } = entry;
    if (name === 'equals-ignore-case') return ignoreCaseExclusion(inner);
    const nested = NESTED[name];
    if (nested === undefined) fail(node, `Unsupported anything-but pattern: ${name}`);
    if (inner.kind !== 'string') fail(inner, name === 'wildcard' ? 'wildcard match pattern must be a string' : 'prefix/suffix match pattern must be a string');
    emptyRefused(inner, name);
    const test = nested(inner);
    return { operator: 'anything-but', matchesAbsent: false, matches: (value) => typeof value !== 'string' || !test(value) };
  }
  const items = node.kind === 'array' ? node.items : [node];
  const strings = new Set<string>();
  const numbers = new Set<number>();
  for (const item of items) {
    if (item.kind === 'string') strings.add(item.value);
    else if (item.kind === 'number') numbers.add(Number(item.text));
    else if (node.kind === 'array') fail(item, 'Inside anything but list, start|null|boolean is not supported.');
    else fail(node, 'Value of anything-but must be an array or single string/number value.');
  }
  if (node.kind === 'array' && (strings.size > 0) === (numbers.size > 0)) {
    failAfter(node, 'Inside anything but list, either all values are number or string, mixed type is not supported');
  }
  return {
    operator: 'anything-but',
    matchesAbsent: false,
    matches: (value) => (typeof value === 'string' ? !strings.has(value) : typeof value === 'number' ? !numbers.has(value) : true),
  };
};

function ignoreCaseExclusion(inner: JsonNode): ReturnType<OperatorCompiler> {
  const items = inner.kind === 'array' ? inner.items : [inner];
  const excluded = new Set<string>();
  for (const item of items) {
    if (item.kind !== 'string') fail(item, 'Inside anything-but/equals-ignore-case list, number|start|null|boolean is not supported.');
    excluded.add(foldCase(item.value));
  }
  return { operator: 'anything-but', matchesAbsent: false, matches: (value) => typeof value !== 'string' || !excluded.has(foldCase(value)) };
}
