// The registry and docs/analysis.md list the same techniques, so the docs cannot go stale.

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { TECHNIQUES } from './registry.js';

describe('technique registry', () => {
  it('has unique ids', () => {
    expect(new Set(TECHNIQUES.map((t) => t.id)).size).toBe(TECHNIQUES.length);
  });

  it('matches the table in docs/analysis.md', () => {
    const doc = readFileSync(new URL('../../../docs/analysis.md', import.meta.url), 'utf8');
    const rows = [...doc.matchAll(/^\| `([a-z0-9-]+)` \| ([a-z-]+) \|/gm)].map((m) => [m[1], m[2]]);
    expect(rows).toEqual(TECHNIQUES.map((t) => [t.id, t.family]));
  });
});
