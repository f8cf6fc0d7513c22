// Fixed-size bit sets over signature indices: the custom checks combine statements' matches with
// word-wide AND/OR instead of testing every (action, resource) pair one by one.

export type Bits = Uint32Array;

export function bits(size: number): Bits {
  return new Uint32Array((size + 31) >>> 5);
}

export function fromPredicate<T>(items: readonly T[], test: (item: T) => boolean): Bits {
  const out = bits(items.length);
  items.forEach((item, i) => {
    if (test(item)) out[i >>> 5] = (out[i >>> 5] ?? 0) | (1 << (i & 31));
  });
  return out;
}

export function orInto(into: Bits, from: Bits): void {
  for (let w = 0; w < into.length; w++) into[w] = (into[w] ?? 0) | (from[w] ?? 0);
}

/** The first index set in `a` and not in any of `not`, or -1. */
export function firstOf(a: Bits, ...not: readonly Bits[]): number {
  for (let w = 0; w < a.length; w++) {
    let word = a[w] ?? 0;
    for (const n of not) word &= ~(n[w] ?? 0);
    if (word !== 0) return (w << 5) + (31 - Math.clz32(word & -word));
  }
  return -1;
}

export function has(a: Bits, i: number): boolean {
  return ((a[i >>> 5] ?? 0) & (1 << (i & 31))) !== 0;
}
