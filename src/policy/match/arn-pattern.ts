// One `Resource` pattern, compiled ARN-segment aware: wildcards in the partition, service,
// region and account segments stay inside their segment; the resource segment (after the
// fifth colon) is matched as a whole, so `*` there spans `/` and `:`.

import { classify, globMatch, isWildcardAt, rangeMatcher, wholeMatcher, type LiteralMask, type RangeMatcher } from './glob.js';

export type ResourcePattern =
  | { readonly kind: 'any' }
  | { readonly kind: 'never' }
  /** No wildcards: equal strings match, so a caller may index these in a Set. */
  | { readonly kind: 'exact'; readonly text: string }
  | { readonly kind: 'test'; readonly test: (value: string) => boolean };

const COLON = 58;
const ANY_SEGMENT: RangeMatcher = () => true;

/**
 * Compiles a pattern (after variable substitution; `mask` marks literal characters).
 * - No colon: a plain wildcard pattern over the whole value (`*`).
 * - Five or more colons: segment by segment, as above.
 * - One to four colons: a short ARN. AWS documents that a `*` ending a segment "can expand to
 *   match beyond the colon boundaries", so `arn:aws:s3:*` covers the missing segments; a short
 *   ARN not ending in `*` names no resource and never matches.
 */
export function compileResourcePattern(text: string, mask: LiteralMask | undefined): ResourcePattern {
  const colons = segmentColons(text, mask);
  if (colons.length === 0) return fromShape(text, mask);
  const end = text.length;
  if (colons.length < 5) {
    const trailingStar = end > 0 && text.charCodeAt(end - 1) === 42 && isWildcardAt(text, mask, end - 1);
    if (!trailingStar) return { kind: 'never' };
  } else if (!headHasWildcard(text, mask, colons[4]!)) {
    // A literal head (`arn:aws:s3:::`) pins the value's first five colons to the same
    // places, so the whole pattern can be matched as one string, with its fast paths.
    return fromShape(text, mask);
  }
  const segments: RangeMatcher[] = [];
  let start = 0;
  for (const colon of colons) {
    segments.push(segmentMatcher(text, mask, start, colon));
    start = colon + 1;
  }
  segments.push(segmentMatcher(text, mask, start, end));
  while (segments.length < 6) segments.push(ANY_SEGMENT);
  return { kind: 'test', test: segmentedTest(segments) };
}

function fromShape(text: string, mask: LiteralMask | undefined): ResourcePattern {
  const shape = classify(text, mask);
  if (shape.kind === 'any') return { kind: 'any' };
  if (shape.kind === 'exact' && mask === undefined) return { kind: 'exact', text };
  return { kind: 'test', test: wholeMatcher(shape) };
}

/** Positions of the first five colons that separate segments (a literal colon from a variable does not). */
function segmentColons(text: string, mask: LiteralMask | undefined): number[] {
  const colons: number[] = [];
  for (let i = 0; i < text.length && colons.length < 5; i++) {
    if (text.charCodeAt(i) === COLON && (mask === undefined || mask[i] !== 1)) colons.push(i);
  }
  return colons;
}

function headHasWildcard(text: string, mask: LiteralMask | undefined, fifthColon: number): boolean {
  for (let i = 0; i < fifthColon; i++) {
    if (isWildcardAt(text, mask, i)) return true;
    // A literal colon in the head can never match a value segment; keep the segment path.
    if (mask !== undefined && mask[i] === 1 && text.charCodeAt(i) === COLON) return true;
  }
  return false;
}

function segmentMatcher(text: string, mask: LiteralMask | undefined, start: number, end: number): RangeMatcher {
  return rangeMatcher(classify(text.slice(start, end), mask?.subarray(start, end)));
}

function segmentedTest(segments: readonly RangeMatcher[]): (value: string) => boolean {
  const [arnWord, partition, service, region, account, resource] = segments as [
    RangeMatcher,
    RangeMatcher,
    RangeMatcher,
    RangeMatcher,
    RangeMatcher,
    RangeMatcher,
  ];
  return (value) => {
    const c1 = value.indexOf(':');
    if (c1 < 0) return false;
    const c2 = value.indexOf(':', c1 + 1);
    if (c2 < 0) return false;
    const c3 = value.indexOf(':', c2 + 1);
    if (c3 < 0) return false;
    const c4 = value.indexOf(':', c3 + 1);
    if (c4 < 0) return false;
    const c5 = value.indexOf(':', c4 + 1);
    if (c5 < 0) return false;
    return (
      arnWord(value, 0, c1) &&
      partition(value, c1 + 1, c2) &&
      service(value, c2 + 1, c3) &&
      region(value, c3 + 1, c4) &&
      account(value, c4 + 1, c5) &&
      resource(value, c5 + 1, value.length)
    );
  };
}

/**
 * One-shot form of `compileResourcePattern(text, mask)` followed by its test, for patterns
 * that change per request (policy variables): the same rules, with no closures or arrays.
 */
export function matchResourcePattern(text: string, mask: LiteralMask | undefined, value: string): boolean {
  const end = text.length;
  // Pattern segment boundaries: p1..p5 are the first five segment colons (-1 when absent).
  let found = 0;
  let p1 = -1, p2 = -1, p3 = -1, p4 = -1, p5 = -1;
  for (let i = 0; i < end && found < 5; i++) {
    if (text.charCodeAt(i) !== COLON || (mask !== undefined && mask[i] === 1)) continue;
    found++;
    if (found === 1) p1 = i;
    else if (found === 2) p2 = i;
    else if (found === 3) p3 = i;
    else if (found === 4) p4 = i;
    else p5 = i;
  }
  if (found === 0) return globMatch(text, 0, end, mask, value, 0, value.length);
  if (found < 5 && !(end > 0 && text.charCodeAt(end - 1) === 42 && isWildcardAt(text, mask, end - 1))) return false;
  const v1 = value.indexOf(':');
  const v2 = v1 < 0 ? -1 : value.indexOf(':', v1 + 1);
  const v3 = v2 < 0 ? -1 : value.indexOf(':', v2 + 1);
  const v4 = v3 < 0 ? -1 : value.indexOf(':', v3 + 1);
  const v5 = v4 < 0 ? -1 : value.indexOf(':', v4 + 1);
  if (v5 < 0) return false;
  const vEnd = value.length;
  // A missing pattern segment (short ARN) is `*`; the segment before it runs to the pattern's end.
  return (
    segment(text, mask, 0, p1, value, 0, v1) &&
    segment(text, mask, p1 + 1, p2 < 0 ? end : p2, value, v1 + 1, v2) &&
    segment(text, mask, p2 < 0 ? -1 : p2 + 1, p3 < 0 ? end : p3, value, v2 + 1, v3) &&
    segment(text, mask, p3 < 0 ? -1 : p3 + 1, p4 < 0 ? end : p4, value, v3 + 1, v4) &&
    segment(text, mask, p4 < 0 ? -1 : p4 + 1, p5 < 0 ? end : p5, value, v4 + 1, v5) &&
    segment(text, mask, p5 < 0 ? -1 : p5 + 1, end, value, v5 + 1, vEnd)
  );
}

/** A pattern segment starting at -1 is absent and matches anything. */
function segment(
  text: string,
  mask: LiteralMask | undefined,
  ps: number,
  pe: number,
  value: string,
  vs: number,
  ve: number,
): boolean {
  return ps < 0 || globMatch(text, ps, pe, mask, value, vs, ve);
}
