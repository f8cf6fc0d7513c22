// The compiled form of an EventBridge event pattern: fields to match (AND), `$or`
// groups (one branch of each must match), and per leaf a list of value matchers (OR).

import type { JsonNode } from '../../../policy/document/json-tree.js';

/** Line (1-based) and column (1-based, as Jackson counts) of a problem. */
export interface SourcePosition {
  readonly line: number;
  readonly column: number;
}

/** A value at a leaf of an event: what a pattern's matchers compare. */
export type LeafValue = string | number | boolean | null;

export interface ValueMatcher {
  /** The operator's name as written in the pattern (`exact` for a bare value). */
  readonly operator: string;
  /** Whether a present leaf value matches. */
  matches(value: LeafValue): boolean;
  /** Whether the field being absent (or leading to an object) matches: only `exists: false`. */
  readonly matchesAbsent: boolean;
}

export type PatternField = PatternObject | readonly ValueMatcher[];

export interface PatternObject {
  readonly fields: ReadonlyMap<string, PatternField>;
  /** Each group is one `$or`: at least one of its branches must match. */
  readonly anyOf: ReadonlyArray<readonly PatternObject[]>;
}

/** A problem in a pattern, with EventBridge's reason text and where it stood. */
export class EventPatternError extends Error {
  constructor(
    readonly reason: string,
    readonly position: SourcePosition,
  ) {
    super(reason);
    this.name = 'EventPatternError';
  }
}

/** Turns the value of one operator (`{"prefix": <value>}`) into a matcher, or throws EventPatternError. */
export type OperatorCompiler = (value: JsonNode) => ValueMatcher;

/** A refusal while compiling, at a node; compileEventPattern turns it into a position. */
export class PatternRefusal {
  constructor(
    readonly node: JsonNode,
    readonly reason: string,
    /** Whether AWS's reader had read the node to its end (an empty object or array). */
    readonly afterNode: boolean,
  ) {}
}

/**
 * Refuses a pattern at `node`. The position reported is where AWS's JSON reader stands once
 * it has read that token: just inside a string, object or array, just past anything else.
 */
export function fail(node: JsonNode, reason: string): never {
  throw new PatternRefusal(node, reason, false);
}

/** Refuses a pattern once `node` has been read to its end (an empty object or array). */
export function failAfter(node: JsonNode, reason: string): never {
  throw new PatternRefusal(node, reason, true);
}

/** EventBridge's InvalidEventPatternException message for a refused pattern. */
export function describePatternError(error: EventPatternError, text: string): string {
  return `Event pattern is not valid. Reason: ${error.reason}\n at [Source: (String)"${text}"; line: ${error.position.line}, column: ${error.position.column}]`;
}
