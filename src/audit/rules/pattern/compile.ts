// Event pattern text -> PatternObject. Validation happens here, once, so a rule
// that was stored always compiles, and matching never meets a bad pattern.

import { JsonSyntaxError, readJsonTree, type JsonNode } from './json-tree.js';
import { exactMatcher } from './operators/exact.js';
import { findOperator, operatorNames } from './operators/registry.js';
import { EventPatternError, fail, failAfter, type PatternField, type PatternObject, type ValueMatcher } from './types.js';

/** At most this many sub-patterns once every `$or` is expanded, as EventBridge allows. */
export const MAX_OR_COMBINATIONS = 1000;

const OR = '$or';
const RESERVED_IN_OR = new Set(operatorNames());

export interface CompiledPattern {
  readonly root: PatternObject;
  /** How many plain sub-patterns the `$or`s expand to. */
  readonly combinations: number;
}

/** Compiles an event pattern; throws EventPatternError with EventBridge's reason and position. */
export function compileEventPattern(text: string): CompiledPattern {
  let tree: JsonNode;
  try {
    tree = readJsonTree(text);
  } catch (err) {
    if (err instanceof JsonSyntaxError) throw new EventPatternError(err.reason, err.position);
    throw err;
  }
  if (tree.kind !== 'object') fail(tree, 'Filter is not an object');
  const root = compileObject(tree, false);
  const combinations = countCombinations(root);
  if (combinations > MAX_OR_COMBINATIONS) {
    throw new EventPatternError(`The total number of combinations of $or rules exceeds the limit of ${MAX_OR_COMBINATIONS}`, tree.end);
  }
  return { root, combinations };
}

function compileObject(node: Extract<JsonNode, { kind: 'object' }>, insideOr: boolean): PatternObject {
  if (node.entries.length === 0) failAfter(node, 'Empty objects are not allowed');
  const fields = new Map<string, PatternField>();
  const anyOf: PatternObject[][] = [];
  for (const [name, value] of node.entries) {
    if (name === OR) {
      anyOf.push(compileOr(value));
      continue;
    }
    if (insideOr && RESERVED_IN_OR.has(name)) fail(value, `${name} is Ruler reserved fieldName which cannot be used inside ${OR}.`);
    // A name given twice: the last one wins, as in EventBridge.
    fields.delete(name);
    if (value.kind === 'object') fields.set(name, compileObject(value, insideOr));
    else if (value.kind === 'array') fields.set(name, compileLeaf(value));
    else fail(value, `"${name}" must be an object or an array`);
  }
  return { fields, anyOf };
}

function compileOr(node: JsonNode): PatternObject[] {
  if (node.kind !== 'array') fail(node, `It must be an Array followed with ${OR}.`);
  const branches = node.items.map((item) => {
    if (item.kind !== 'object') fail(item, `Only JSON object is allowed in array of ${OR} relationship.`);
    return compileObject(item, true);
  });
  if (branches.length < 2) failAfter(node, `There must have at least 2 Objects in ${OR} relationship.`);
  return branches;
}

function compileLeaf(node: Extract<JsonNode, { kind: 'array' }>): ValueMatcher[] {
  if (node.items.length === 0) failAfter(node, 'Empty arrays are not allowed');
  return node.items.map((item) => (item.kind === 'object' ? compileOperator(item) : exactMatcher(item)));
}

function compileOperator(node: Extract<JsonNode, { kind: 'object' }>): ValueMatcher {
  const [entry, extra] = node.entries;
  if (entry === undefined) fail(node, 'Match expression name not found');
  const [name, value] = entry;
  const compile = findOperator(name);
  if (compile === undefined) fail(value, `Unrecognized match type ${name}`);
  const matcher = compile(value);
  if (extra !== undefined) fail(extra[1], name === 'numeric' || name === 'anything-but' ? 'Too many elements in numeric expression' : 'Only one key allowed in match expression');
  return matcher;
}

function countCombinations(p: PatternObject): number {
  let total = 1;
  for (const field of p.fields.values()) if (!Array.isArray(field)) total *= countCombinations(field as PatternObject);
  for (const group of p.anyOf) total *= group.reduce((sum, branch) => sum + countCombinations(branch), 0);
  return Math.min(total, Number.MAX_SAFE_INTEGER);
}
