// Signing-key derivation against the AWS docs example, and the LRU cache's bounds
// and secret hygiene.

import { describe, expect, it } from 'vitest';
import { deriveSigningKey, SigningKeyCache, signString } from './signing-key.js';
import { EXAMPLE_SECRET_ACCESS_KEY } from './test-vectors.js';

describe('deriveSigningKey', () => {
  it('matches the AWS documentation example (20150830/us-east-1/iam)', () => {
    expect(deriveSigningKey(EXAMPLE_SECRET_ACCESS_KEY, '20150830', 'us-east-1', 'iam').toString('hex')).toBe(
      'c4afb1cc5771d871763a393e44b703571b55cc28424d1a5e86da6ed3c154a4b9',
    );
  });

  it('differs for every scope element', () => {
    const base = deriveSigningKey('secret', '20240101', 'us-east-1', 'iam').toString('hex');
    expect(deriveSigningKey('secret2', '20240101', 'us-east-1', 'iam').toString('hex')).not.toBe(base);
    expect(deriveSigningKey('secret', '20240102', 'us-east-1', 'iam').toString('hex')).not.toBe(base);
    expect(deriveSigningKey('secret', '20240101', 'eu-west-1', 'iam').toString('hex')).not.toBe(base);
    expect(deriveSigningKey('secret', '20240101', 'us-east-1', 'sts').toString('hex')).not.toBe(base);
  });

  it('signs with HMAC-SHA256 as lower-case hex', () => {
    expect(signString(Buffer.from('key'), 'data')).toMatch(/^[0-9a-f]{64}$/);
  });
});

describe('SigningKeyCache', () => {
  it('returns the derived key and reuses it on a hit', () => {
    const cache = new SigningKeyCache();
    const first = cache.get('secret', '20240101', 'us-east-1', 'iam');
    expect(first.equals(deriveSigningKey('secret', '20240101', 'us-east-1', 'iam'))).toBe(true);
    expect(cache.get('secret', '20240101', 'us-east-1', 'iam')).toBe(first);
    expect(cache.size).toBe(1);
  });

  it('gives a record the key get() gives its secret, and follows a changed secret', () => {
    const cache = new SigningKeyCache();
    const record = { secretAccessKey: 'secret' };
    const key = cache.getFor(record, record.secretAccessKey, '20240101', 'us-east-1', 'iam');
    expect(key).toBe(cache.get('secret', '20240101', 'us-east-1', 'iam'));
    expect(cache.getFor(record, record.secretAccessKey, '20240101', 'us-east-1', 'iam')).toBe(key);
    const changed = cache.getFor(record, 'other', '20240101', 'us-east-1', 'iam');
    expect(changed.equals(deriveSigningKey('other', '20240101', 'us-east-1', 'iam'))).toBe(true);
    expect(cache.size).toBe(2);
    for (const k of cache.keys()) expect(k).not.toMatch(/secret|other/);
  });

  it('evicts the least recently used entry beyond its bound', () => {
    const cache = new SigningKeyCache({ maxEntries: 2 });
    const a = cache.get('a', '20240101', 'r', 'iam');
    const b = cache.get('b', '20240101', 'r', 'iam');
    cache.get('a', '20240101', 'r', 'iam'); // a is now the most recent
    cache.get('c', '20240101', 'r', 'iam'); // evicts b
    expect(cache.size).toBe(2);
    expect(cache.get('a', '20240101', 'r', 'iam')).toBe(a);
    // b was derived again: equal bytes, but not the cached object.
    const bAgain = cache.get('b', '20240101', 'r', 'iam');
    expect(bAgain).not.toBe(b);
    expect(bAgain.equals(b)).toBe(true);
  });

  it('never keeps the secret, or its plain SHA-256, in a cache key', async () => {
    const { createHash } = await import('node:crypto');
    const secret = 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY';
    const cache = new SigningKeyCache();
    cache.get(secret, '20240101', 'us-east-1', 'iam');
    const [key] = cache.keys();
    expect(key).toBeDefined();
    expect(key).not.toContain(secret);
    expect(key).not.toContain(createHash('sha256').update(secret).digest('hex'));
    expect(key).toMatch(/^[0-9a-f]{64}\/20240101\/us-east-1\/iam$/);
  });

  it('rejects a non-positive bound', () => {
    expect(() => new SigningKeyCache({ maxEntries: 0 })).toThrow(RangeError);
  });
});
