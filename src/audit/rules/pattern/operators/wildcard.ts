// wildcard: `*` matches any run of characters (none included); `\*` is a literal
// star and `\\` a literal backslash; any other escape, and two stars in a row, are
// refused as AWS's matching library refuses them.

import { fail, type OperatorCompiler } from '../types.js';
import type { JsonNode } from '../../../../policy/document/json-tree.js';
import type { StringTest } from './string-shape.js';

const UTF8 = new TextEncoder();

/** The literal pieces between the stars of a wildcard pattern; throws EventPatternError on bad syntax. */
export function wildcardPieces(node: JsonNode, text: string): string[] {
  const pieces: string[] = [];
  let current = '';
  // Positions in a refusal are UTF-8 byte offsets, as the library reports them.
  const byteAt = (i: number): number => UTF8.encode(text.slice(0, i)).length;
  for (let i = 0; i < text.length; i++) {
    const c = text[i] as string;
    if (c === '*') {
      if (text[i + 1] === '*') fail(node, `Consecutive wildcard characters at pos ${byteAt(i)}`);
      pieces.push(current);
      current = '';
    } else if (c === '\\') {
      const next = text[i + 1];
      if (next !== '*' && next !== '\\') fail(node, `Invalid escape character at pos ${byteAt(i)}`);
      current += next;
      i++;
    } else {
      current += c;
    }
  }
  pieces.push(current);
  return pieces;
}

/** Matches `value` against literal pieces separated by stars. */
export function matchPieces(pieces: readonly string[], value: string): boolean {
  const first = pieces[0] as string;
  if (pieces.length === 1) return value === first;
  const last = pieces[pieces.length - 1] as string;
  if (value.length < first.length + last.length || !value.startsWith(first) || !value.endsWith(last)) return false;
  let at = first.length;
  const stop = value.length - last.length;
  for (let i = 1; i < pieces.length - 1; i++) {
    const piece = pieces[i] as string;
    const found = value.indexOf(piece, at);
    if (found < 0 || found + piece.length > stop) return false;
    at = found + piece.length;
  }
  return true;
}

export function wildcardTest(node: JsonNode): StringTest {
  if (node.kind !== 'string') fail(node, 'wildcard match pattern must be a string');
  const pieces = wildcardPieces(node, node.value);
  return (value) => matchPieces(pieces, value);
}

export const compileWildcard: OperatorCompiler = (node) => {
  const test = wildcardTest(node);
  return { operator: 'wildcard', matchesAbsent: false, matches: (value) => typeof value === 'string' && test(value) };
};
