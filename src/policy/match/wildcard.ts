// Compiles `*` / `?` wildcard patterns (actions, StringLike, ArnLike) into matchers, once,
// so that matching a request does no parsing and, for plain patterns, no allocation.

import { classify, wholeMatcher, type LiteralMask } from './glob.js';
import type { LiteralPart, TextPart } from './template.js';

export type StringMatcher = (value: string) => boolean;

export interface WildcardOptions {
  /** Compare as `toLowerCase()` does on both sides. Callers that already hold lower-cased values should pass false and lower-case the pattern themselves. */
  readonly ignoreCase: boolean;
}

/** True when `text` holds a `*` or `?`. */
export function hasWildcard(text: string): boolean {
  return text.includes('*') || text.includes('?');
}

/** `*` matches any run of characters (including none), `?` exactly one; everything else matches itself. */
export function compileWildcard(pattern: string, options: WildcardOptions): StringMatcher {
  if (!options.ignoreCase) return wholeMatcher(classify(pattern, undefined));
  const inner = wholeMatcher(classify(pattern.toLowerCase(), undefined));
  return (value) => inner(value.toLowerCase());
}

/**
 * The pattern of a resolved template: text parts carry wildcards, literal parts (escapes
 * such as `${*}` and substituted variable values) match character for character.
 */
export function compileWildcardParts(parts: readonly (TextPart | LiteralPart)[], options: WildcardOptions): StringMatcher {
  const { text, mask } = joinParts(parts, options.ignoreCase);
  const inner = wholeMatcher(classify(text, mask));
  if (!options.ignoreCase) return inner;
  return (value) => inner(value.toLowerCase());
}

/** Joins parts into one pattern string; the mask is undefined when no literal part holds `*`, `?` or `:`. */
export function joinParts(
  parts: readonly (TextPart | LiteralPart)[],
  lowerCase: boolean,
): { readonly text: string; readonly mask: LiteralMask | undefined } {
  let text = '';
  let needsMask = false;
  for (const part of parts) {
    text += lowerCase ? part.value.toLowerCase() : part.value;
    if (part.kind === 'literal' && /[*?:]/.test(part.value)) needsMask = true;
  }
  if (!needsMask) return { text, mask: undefined };
  const mask = new Uint8Array(text.length);
  let at = 0;
  for (const part of parts) {
    const value = lowerCase ? part.value.toLowerCase() : part.value;
    if (part.kind === 'literal') mask.fill(1, at, at + value.length);
    at += value.length;
  }
  return { text, mask };
}
