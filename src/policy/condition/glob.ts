// Wildcard patterns for StringLike and the ARN operators: `*` (any run of
// characters) and `?` (one character) in policy text, literal everywhere else
// (escapes such as `${*}` and substituted variable values). Matching works on
// index ranges so that ARN segments can be matched without slicing strings.

import type { LiteralPart, TextPart } from '../match/template.js';

export const LITERAL = 0;
export const STAR = 1;
export const ONE = 2;

export interface Glob {
  /** The pattern's characters; a wildcard position holds `*` or `?`. */
  readonly text: string;
  /** Per character: LITERAL, STAR or ONE; null when the pattern has no wildcard. */
  readonly wild: Uint8Array | null;
}

/** Builds a glob from resolved template parts: only `text` parts carry wildcards. */
export function globFromParts(parts: readonly (TextPart | LiteralPart)[]): Glob {
  let text = '';
  let hasWild = false;
  for (const part of parts) {
    text += part.value;
    if (part.kind === 'text' && (part.value.includes('*') || part.value.includes('?'))) hasWild = true;
  }
  if (!hasWild) return { text, wild: null };
  const wild = new Uint8Array(text.length);
  let at = 0;
  for (const part of parts) {
    if (part.kind === 'text') {
      for (let i = 0; i < part.value.length; i++) {
        const c = part.value.charCodeAt(i);
        wild[at + i] = c === 42 ? STAR : c === 63 ? ONE : LITERAL;
      }
    }
    at += part.value.length;
  }
  return { text, wild };
}

/** Builds a glob from plain policy text, where every `*` and `?` is a wildcard. */
export function globFromText(text: string): Glob {
  return globFromParts([{ kind: 'text', value: text }]);
}

/**
 * True when `s[sStart, sEnd)` matches `glob[gStart, gEnd)`. Greedy with
 * backtracking to the last star: linear in practice, O(n*m) at worst, and
 * allocation-free.
 */
export function globMatchRange(glob: Glob, gStart: number, gEnd: number, s: string, sStart: number, sEnd: number): boolean {
  const pt = glob.text;
  const pw = glob.wild;
  if (pw === null) {
    if (gEnd - gStart !== sEnd - sStart) return false;
    for (let i = 0; i < gEnd - gStart; i++) if (pt.charCodeAt(gStart + i) !== s.charCodeAt(sStart + i)) return false;
    return true;
  }
  let p = gStart;
  let i = sStart;
  let starP = -1;
  let starI = 0;
  while (i < sEnd) {
    if (p < gEnd) {
      const w = pw[p];
      if (w === STAR) {
        starP = p++;
        starI = i;
        continue;
      }
      if (w === ONE || pt.charCodeAt(p) === s.charCodeAt(i)) {
        p++;
        i++;
        continue;
      }
    }
    if (starP >= 0) {
      p = starP + 1;
      i = ++starI;
      continue;
    }
    return false;
  }
  while (p < gEnd && pw[p] === STAR) p++;
  return p === gEnd;
}

/** True when the whole of `s` matches the whole glob. */
export function globMatch(glob: Glob, s: string): boolean {
  return globMatchRange(glob, 0, glob.text.length, s, 0, s.length);
}
