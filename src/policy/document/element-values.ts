// Reading element values: a string or an array of strings (Action, Resource, principal
// lists), and condition values, which may also be numbers or booleans and are kept as
// the text AWS compares (`true` -> "true", `1.50` -> "1.50").

import type { JsonNode } from './json-tree.js';
import { itemPath } from './paths.js';

export interface StringList {
  readonly values: readonly string[];
  /** The path of each value: `parent` itself for a single string, `parent[i]` for array items. */
  readonly paths: readonly string[];
}

/** A string or an array of strings; undefined for any other shape. */
export function readStringList(node: JsonNode, path: string): StringList | undefined {
  if (node.kind === 'string') return { values: [node.value], paths: [path] };
  if (node.kind !== 'array') return undefined;
  const values: string[] = [];
  const paths: string[] = [];
  for (const [i, item] of node.items.entries()) {
    if (item.kind !== 'string') return undefined;
    values.push(item.value);
    paths.push(itemPath(path, i));
  }
  return { values, paths };
}

/** One condition value as text, or undefined when it is not a scalar AWS accepts. */
export function conditionScalar(node: JsonNode): string | undefined {
  switch (node.kind) {
    case 'string':
      return node.value;
    case 'number':
      return node.text;
    case 'boolean':
      return node.value ? 'true' : 'false';
    default:
      return undefined;
  }
}

/** A condition key's values: one scalar or an array of scalars (possibly empty). */
export function readConditionValues(node: JsonNode): readonly string[] | undefined {
  if (node.kind !== 'array') {
    const one = conditionScalar(node);
    return one === undefined ? undefined : [one];
  }
  const values: string[] = [];
  for (const item of node.items) {
    const value = conditionScalar(item);
    if (value === undefined) return undefined;
    values.push(value);
  }
  return values;
}
