// Event pattern text -> PatternObject. Validation happens here, once, so a rule
// that was stored always compiles, and matching never meets a bad pattern.

import { lineColumn, readJsonPositioned, type JsonNode, type PositionedJson } from '../../../policy/document/json-tree.js';
import { exactMatcher } from './operators/exact.js';
import { findOperator, operatorNames } from './operators/registry.js';
import { EventPatternError, fail, failAfter, PatternRefusal, type PatternField, type PatternObject, type ValueMatcher } from './types.js';

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
  const read = readJsonPositioned(text);
  if (!read.ok) throw new EventPatternError(read.reason, jacksonPosition(text, read.offset));
  const { root: tree } = read.json;
  try {
    if (tree.kind !== 'object') fail(tree, 'Filter is not an object');
    const root = compileObject(tree, false);
    const combinations = countCombinations(root);
    if (combinations > MAX_OR_COMBINATIONS) failAfter(tree, `The total number of combinations of $or rules exceeds the limit of ${MAX_OR_COMBINATIONS}`);
    return { root, combinations };
  } catch (err) {
    if (err instanceof PatternRefusal) throw new EventPatternError(err.reason, refusalPosition(text, read.json, err));
    throw err;
  }
}

/** Jackson's 1-based line and column of an offset. */
function jacksonPosition(text: string, offset: number): { line: number; column: number } {
  const { line, column } = lineColumn(text, offset);
  return { line, column: column + 1 };
}

function refusalPosition(text: string, json: PositionedJson, refusal: PatternRefusal): { line: number; column: number } {
  const span = json.span(refusal.node);
  const opens = refusal.node.kind === 'string' || refusal.node.kind === 'object' || refusal.node.kind === 'array';
  return jacksonPosition(text, refusal.afterNode || !opens ? span.end : span.start + 1);
}

function compileObject(node: Extract<JsonNode, { kind: 'object' }>, insideOr: boolean): PatternObject {
  if (node.entries.length === 0) failAfter(node, 'Empty objects are not allowed');
  const fields = new Map<string, PatternField>();
  const anyOf: PatternObject[][] = [];
  for (const { key: name, value } of node.entries) {
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
  const { key: name, value } = entry;
  const compile = findOperator(name);
  if (compile === undefined) fail(value, `Unrecognized match type ${name}`);
  const matcher = compile(value);
  if (extra !== undefined) fail(extra.value, name === 'numeric' || name === 'anything-but' ? 'Too many elements in numeric expression' : 'Only one key allowed in match expression');
  return matcher;
}

function countCombinations(p: PatternObject): number {
  let total = 1;
  for (const field of p.fields.values()) if (!Array.isArray(field)) total *= countCombinations(field as PatternObject);
  for (const group of p.anyOf) total *= group.reduce((sum, branch) => sum + countCombinations(branch), 0);
  return Math.min(total, Number.MAX_SAFE_INTEGER);
}
