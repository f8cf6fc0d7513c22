// One suite every SecretStore backend passes (run by file-store.test.ts and keystore-store.test.ts),
// so the backends cannot drift: items round-trip exactly, updates are all-or-nothing per call.

import { expect, it } from 'vitest';
import fc from 'fast-check';
import type { SecretStore } from './secret-store.js';

export function secretStoreConformance(make: () => Promise<SecretStore>): void {
  it('starts empty and round-trips items, including unicode and large JSON', async () => {
    const store = await make();
    expect(await store.keys()).toEqual([]);
    expect(await store.get('key/a')).toBeUndefined();
    const big = JSON.stringify({ secret: 'x'.repeat(2000), note: 'clé ✓ 鍵' });
    await store.set('key/a', big);
    await store.set('session/a/1', 'v1');
    expect(await store.get('key/a')).toBe(big);
    expect(await store.keys()).toEqual(['key/a', 'session/a/1']);
  });

  it('overwrites, deletes, and reports whether an item existed', async () => {
    const store = await make();
    await store.set('k', 'one');
    await store.set('k', 'two');
    expect(await store.get('k')).toBe('two');
    expect(await store.delete('k')).toBe(true);
    expect(await store.delete('k')).toBe(false);
    expect(await store.get('k')).toBeUndefined();
  });

  it('applies an update of several sets and deletes in one call', async () => {
    const store = await make();
    await store.set('a', '1');
    await store.set('b', '2');
    await store.update(new Map([['a', undefined], ['c', '3'], ['b', '22']]));
    expect(await store.keys()).toEqual(['b', 'c']);
    expect(await store.get('b')).toBe('22');
  });

  it('keeps whatever text it is given', async () => {
    const store = await make();
    await fc.assert(
      fc.asyncProperty(fc.string({ minLength: 1, maxLength: 20 }).filter((k) => !k.includes('\u0000')), fc.string({ maxLength: 200 }), async (k, v) => {
        await store.set(k, v);
        expect(await store.get(k)).toBe(v);
      }),
      { numRuns: 25 },
    );
  });
}
