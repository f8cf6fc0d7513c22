// JSON nodes with the path Access Analyzer reports for them (`{"value": member}`, `{"index": i}`)
// and their span in the original text, turned into line/column/offset positions.

import type { JsonNode, PositionedJson } from '../document/json-tree.js';
import type { Location, PathElement, Position } from './types.js';

export interface Located {
  readonly node: JsonNode;
  readonly path: readonly PathElement[];
}

/** A string value (an action, a resource, a condition value) with where it stands. */
export interface LocatedString {
  readonly value: string;
  readonly at: Located;
}

export function memberOf(parent: Located, key: string, node: JsonNode): Located {
  return { node, path: [...parent.path, { value: key }] };
}

export function itemOf(parent: Located, index: number, node: JsonNode): Located {
  return { node, path: [...parent.path, { index }] };
}

/** The items of an array, or the one value itself: policy elements take either. */
export function listItems(at: Located): readonly Located[] {
  return at.node.kind === 'array' ? at.node.items.map((item, i) => itemOf(at, i, item)) : [at];
}

/** Scalar values stringified as IAM reads them ("true", "5"); objects, arrays and null are left out. */
export function scalarText(node: JsonNode): string | undefined {
  if (node.kind === 'string') return node.value;
  if (node.kind === 'number') return node.text;
  if (node.kind === 'boolean') return String(node.value);
  return undefined;
}

export function stringItems(at: Located): readonly LocatedString[] {
  const out: LocatedString[] = [];
  for (const item of listItems(at)) {
    const value = scalarText(item.node);
    if (value !== undefined) out.push({ value, at: item });
  }
  return out;
}

/** Turns spans into positions; line starts are computed once per document. */
export class Locator {
  private readonly lineStarts: number[] = [0];

  constructor(
    text: string,
    private readonly json: PositionedJson | undefined,
  ) {
    for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) this.lineStarts.push(i + 1);
  }

  position(offset: number): Position {
    let lo = 0;
    let hi = this.lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((this.lineStarts[mid] ?? 0) <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - (this.lineStarts[lo] ?? 0), offset };
  }

  location(at: Located): Location {
    const span = this.json?.span(at.node) ?? { start: 0, end: 0 };
    return { path: at.path, span: { start: this.position(span.start), end: this.position(span.end) } };
  }

  at(path: readonly PathElement[], start: number, end: number): Location {
    return { path, span: { start: this.position(start), end: this.position(end) } };
  }
}
