// A bare value in a pattern's leaf array: strings, numbers, booleans and null match
// the same value of the same type. Numbers match by value (300 matches 300.0), as
// AWS's matching library adds a numeric-equality match for every number it can compare.

import { fail, type LeafValue, type ValueMatcher } from '../types.js';
import type { JsonNode } from '../../../../policy/document/json-tree.js';

export function exactMatcher(node: JsonNode): ValueMatcher {
  if (node.kind === 'object' || node.kind === 'array') fail(node, 'Match value must be String, number, true, false, or null');
  const expected: LeafValue = node.kind === 'null' ? null : node.kind === 'number' ? Number(node.text) : node.value;
  return { operator: 'exact', matchesAbsent: false, matches: (value) => value === expected };
}
