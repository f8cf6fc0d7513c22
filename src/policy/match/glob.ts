// The wildcard core: `*` (any run, possibly empty) and `?` (one character) matched over
// a range of a string. Patterns are classified once into shapes with fast paths; the
// general case is a linear two-pointer matcher, so hostile patterns cannot backtrack.

/**
 * Marks pattern positions holding a character that must match literally even when it is
 * `*`, `?` or `:` (it came from an escape like `${*}` or from a substituted variable value).
 */
export type LiteralMask = Uint8Array;

/** Tests `value.slice(start, end)` without slicing. */
export type RangeMatcher = (value: string, start: number, end: number) => boolean;

export type Shape =
  | { readonly kind: 'any' }
  | { readonly kind: 'exact'; readonly text: string }
  | { readonly kind: 'prefix'; readonly text: string }
  | { readonly kind: 'suffix'; readonly text: string }
  | { readonly kind: 'affix'; readonly prefix: string; readonly suffix: string }
  | { readonly kind: 'contains'; readonly text: string }
  | { readonly kind: 'glob'; readonly pattern: string; readonly mask: LiteralMask | undefined };

const STAR = 42;
const QUESTION = 63;

/** True when position `i` of `pattern` is a wildcard `*` or `?` (not masked as literal). */
export function isWildcardAt(pattern: string, mask: LiteralMask | undefined, i: number): boolean {
  const c = pattern.charCodeAt(i);
  return (c === STAR || c === QUESTION) && (mask === undefined || mask[i] !== 1);
}

/** Picks the cheapest way to match a pattern: exact, `*`, `prefix*`, `*suffix`, `pre*suf`, `*mid*`, else glob. */
export function classify(pattern: string, mask: LiteralMask | undefined): Shape {
  // Pieces of literal text between unmasked stars; a `?` anywhere needs the general matcher.
  const pieces: string[] = [];
  let piece = '';
  let stars = 0;
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern.charCodeAt(i);
    const wild = mask === undefined || mask[i] !== 1;
    if (wild && c === QUESTION) return { kind: 'glob', pattern, mask };
    if (wild && c === STAR) {
      stars++;
      pieces.push(piece);
      piece = '';
    } else {
      piece += pattern[i];
    }
  }
  pieces.push(piece);
  if (stars === 0) return { kind: 'exact', text: piece };
  // Consecutive stars behave as one; drop the empty pieces between them.
  const first = pieces[0] ?? '';
  const last = pieces[pieces.length - 1] ?? '';
  const middle = pieces.slice(1, -1).filter((p) => p !== '');
  if (middle.length === 0) {
    if (first === '' && last === '') return { kind: 'any' };
    if (last === '') return { kind: 'prefix', text: first };
    if (first === '') return { kind: 'suffix', text: last };
    return { kind: 'affix', prefix: first, suffix: last };
  }
  if (middle.length === 1 && first === '' && last === '') return { kind: 'contains', text: middle[0] ?? '' };
  return { kind: 'glob', pattern, mask };
}

/** A matcher over `value[start, end)`; allocation-free for every shape. */
export function rangeMatcher(shape: Shape): RangeMatcher {
  switch (shape.kind) {
    case 'any':
      return () => true;
    case 'exact': {
      const t = shape.text;
      return (v, s, e) => e - s === t.length && v.startsWith(t, s);
    }
    case 'prefix': {
      const t = shape.text;
      return (v, s, e) => e - s >= t.length && v.startsWith(t, s);
    }
    case 'suffix': {
      const t = shape.text;
      return (v, s, e) => e - s >= t.length && v.endsWith(t, e);
    }
    case 'affix': {
      const { prefix, suffix } = shape;
      const min = prefix.length + suffix.length;
      return (v, s, e) => e - s >= min && v.startsWith(prefix, s) && v.endsWith(suffix, e);
    }
    case 'contains': {
      const t = shape.text;
      return (v, s, e) => {
        const at = v.indexOf(t, s);
        return at !== -1 && at + t.length <= e;
      };
    }
    case 'glob': {
      const { pattern, mask } = shape;
      return (v, s, e) => globMatch(pattern, 0, pattern.length, mask, v, s, e);
    }
  }
}

/** A matcher over a whole string, with the same shapes. */
export function wholeMatcher(shape: Shape): (value: string) => boolean {
  switch (shape.kind) {
    case 'any':
      return () => true;
    case 'exact': {
      const t = shape.text;
      return (v) => v === t;
    }
    case 'prefix': {
      const t = shape.text;
      return (v) => v.startsWith(t);
    }
    case 'suffix': {
      const t = shape.text;
      return (v) => v.endsWith(t);
    }
    case 'affix': {
      const { prefix, suffix } = shape;
      const min = prefix.length + suffix.length;
      return (v) => v.length >= min && v.startsWith(prefix) && v.endsWith(suffix);
    }
    case 'contains': {
      const t = shape.text;
      return (v) => v.includes(t);
    }
    case 'glob': {
      const { pattern, mask } = shape;
      return (v) => globMatch(pattern, 0, pattern.length, mask, v, 0, v.length);
    }
  }
}

/**
 * Matches `pattern[pStart, pEnd)` against `value[vStart, vEnd)`. Greedy with one saved
 * star position: a later star supersedes an earlier one, which keeps the worst case at
 * O(pattern x value) instead of the exponential backtracking of `.*` regular expressions.
 * `?` consumes one character: a surrogate pair counts as one.
 */
export function globMatch(
  pattern: string,
  pStart: number,
  pEnd: number,
  mask: LiteralMask | undefined,
  value: string,
  vStart: number,
  vEnd: number,
): boolean {
  let p = pStart;
  let v = vStart;
  let starP = -1;
  let starV = 0;
  while (v < vEnd) {
    if (p < pEnd) {
      const c = pattern.charCodeAt(p);
      const wild = mask === undefined || mask[p] !== 1;
      if (wild && c === STAR) {
        starP = p++;
        starV = v;
        continue;
      }
      if (wild && c === QUESTION) {
        p++;
        v += charWidth(value, v, vEnd);
        continue;
      }
      if (c === value.charCodeAt(v)) {
        p++;
        v++;
        continue;
      }
    }
    if (starP < 0) return false;
    p = starP + 1;
    v = ++starV;
  }
  while (p < pEnd && pattern.charCodeAt(p) === STAR && (mask === undefined || mask[p] !== 1)) p++;
  return p === pEnd;
}

function charWidth(value: string, i: number, end: number): number {
  const c = value.charCodeAt(i);
  if (c >= 0xd800 && c <= 0xdbff && i + 1 < end) {
    const d = value.charCodeAt(i + 1);
    if (d >= 0xdc00 && d <= 0xdfff) return 2;
  }
  return 1;
}
