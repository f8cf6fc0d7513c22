import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { GenerationCache } from './generation-cache.js';

describe('GenerationCache', () => {
  it('serves an entry under its generation and drops everything when the generation moves', () => {
    const cache = new GenerationCache<string>({ maxEntries: 10, maxAgeMs: 1000 });
    expect(cache.get('k', 1)).toBeUndefined();
    cache.set('k', 1, 'v1');
    expect(cache.get('k', 1)).toBe('v1');
    expect(cache.get('k', 2)).toBeUndefined();
    expect(cache.size).toBe(0);
  });

  it('does not keep a value loaded under a generation the cache has left', () => {
    const cache = new GenerationCache<string>({ maxEntries: 10, maxAgeMs: 1000 });
    expect(cache.get('k', 1)).toBeUndefined();
    // A load starts under 1; a write moves the store to 2 and a newer request looks up.
    expect(cache.get('k', 2)).toBeUndefined();
    cache.set('k', 1, 'stale');
    expect(cache.get('k', 2)).toBeUndefined();
    // A request still on generation 1 does not empty what generation 2 loaded.
    cache.set('k', 2, 'fresh');
    expect(cache.get('k', 1)).toBeUndefined();
    expect(cache.get('k', 2)).toBe('fresh');
  });

  it('bounds its size, dropping the oldest entry, and expires entries by age', () => {
    let now = 0;
    const cache = new GenerationCache<number>({ maxEntries: 2, maxAgeMs: 100, now: () => now });
    cache.get('a', 1);
    cache.set('a', 1, 1);
    cache.set('b', 1, 2);
    cache.set('c', 1, 3);
    expect([cache.get('a', 1), cache.get('b', 1), cache.get('c', 1)]).toStrictEqual([undefined, 2, 3]);
    now = 100;
    expect(cache.get('b', 1)).toBeUndefined();
  });

  it('is off with maxEntries 0', () => {
    const cache = new GenerationCache<number>({ maxEntries: 0, maxAgeMs: 100 });
    cache.get('a', 1);
    cache.set('a', 1, 1);
    expect(cache.get('a', 1)).toBeUndefined();
  });

  // A model of the server's use: a store whose value per key changes with every write (which
  // moves the generation), loads that read the generation, then the value, and finish later,
  // in any interleaving. The cache must never answer with a value the store no longer holds.
  it('never serves a value older than the last write, whatever the interleaving', () => {
    type Step = { kind: 'write'; key: number } | { kind: 'start'; key: number } | { kind: 'finish'; load: number } | { kind: 'get'; key: number };
    const step = fc.oneof(
      fc.record({ kind: fc.constant('write' as const), key: fc.nat(2) }),
      fc.record({ kind: fc.constant('start' as const), key: fc.nat(2) }),
      fc.record({ kind: fc.constant('finish' as const), load: fc.nat(5) }),
      fc.record({ kind: fc.constant('get' as const), key: fc.nat(2) }),
    );
    fc.assert(
      fc.property(fc.array(step as fc.Arbitrary<Step>, { maxLength: 60 }), (steps) => {
        const cache = new GenerationCache<number>({ maxEntries: 2, maxAgeMs: 1e9 });
        const stored = [0, 0, 0];
        let generation = 0;
        const loads: { key: number; generation: number; value: number }[] = [];
        for (const s of steps) {
          if (s.kind === 'write') {
            stored[s.key] = (stored[s.key] ?? 0) + 1;
            generation += 1;
          } else if (s.kind === 'start') {
            // Read the generation first, then the value (a snapshot taken after it).
            const g = generation;
            cache.get(String(s.key), g);
            loads.push({ key: s.key, generation: g, value: stored[s.key] ?? 0 });
          } else if (s.kind === 'finish') {
            const load = loads.splice(s.load % Math.max(loads.length, 1), 1)[0];
            if (load !== undefined) cache.set(String(load.key), load.generation, load.value);
          } else {
            const hit = cache.get(String(s.key), generation);
            if (hit !== undefined && hit !== stored[s.key]) return false;
          }
        }
        return true;
      }),
      { numRuns: 500 },
    );
  });
});
