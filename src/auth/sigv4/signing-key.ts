// SigV4 signing-key derivation (kSecret -> kDate -> kRegion -> kService -> kSigning)
// and a small LRU cache of derived keys whose keys never hold a secret in clear.

import { createHmac, randomBytes } from 'node:crypto';

function hmac(key: string | Uint8Array, data: string): Buffer {
  return createHmac('sha256', key).update(data, 'utf8').digest();
}

/** kSigning for one secret, day (`YYYYMMDD`), region and service. */
export function deriveSigningKey(secretAccessKey: string, date: string, region: string, service: string): Buffer {
  const kDate = hmac(`AWS4${secretAccessKey}`, date);
  const kRegion = hmac(kDate, region);
  const kService = hmac(kRegion, service);
  return hmac(kService, 'aws4_request');
}

/** Hex HMAC-SHA256 of the string to sign: the signature itself. */
export function signString(signingKey: Uint8Array, stringToSign: string): string {
  return createHmac('sha256', signingKey).update(stringToSign, 'utf8').digest('hex');
}

export interface SigningKeyCacheOptions {
  /** Most derived keys kept; the least recently used goes first. */
  readonly maxEntries?: number;
}

/**
 * Derived keys are reused for every request of a key on a day, so caching saves
 * four HMACs per request. Cache keys carry a keyed hash of the secret (the HMAC key
 * is random per cache), so neither the secret nor a plain hash of it is stored.
 */
export class SigningKeyCache {
  readonly maxEntries: number;
  readonly #fingerprintKey = randomBytes(32);
  readonly #entries = new Map<string, Buffer>();
  /** Fingerprints per credential record (see getFor): one HMAC per record, not per request. */
  readonly #fingerprints = new WeakMap<object, { readonly secret: string; readonly fingerprint: string }>();

  constructor(options: SigningKeyCacheOptions = {}) {
    const maxEntries = options.maxEntries ?? 256;
    if (!Number.isInteger(maxEntries) || maxEntries < 1) {
      throw new RangeError(`maxEntries must be a positive integer, got ${maxEntries}`);
    }
    this.maxEntries = maxEntries;
  }

  get size(): number {
    return this.#entries.size;
  }

  /** The signing key, derived on a miss and remembered. */
  get(secretAccessKey: string, date: string, region: string, service: string): Buffer {
    return this.#lookup(this.#fingerprint(secretAccessKey), secretAccessKey, date, region, service);
  }

  /**
   * As get(), for the secret of `record`, an object the caller keeps while the credential is
   * unchanged (the server's cached access-key record): its fingerprint is computed once and
   * held, weakly, against the object, and used again only while the secret is the same.
   */
  getFor(record: object, secretAccessKey: string, date: string, region: string, service: string): Buffer {
    let known = this.#fingerprints.get(record);
    if (known === undefined || known.secret !== secretAccessKey) {
      known = { secret: secretAccessKey, fingerprint: this.#fingerprint(secretAccessKey) };
      this.#fingerprints.set(record, known);
    }
    return this.#lookup(known.fingerprint, secretAccessKey, date, region, service);
  }

  #fingerprint(secretAccessKey: string): string {
    return createHmac('sha256', this.#fingerprintKey).update(secretAccessKey, 'utf8').digest('hex');
  }

  #lookup(fingerprint: string, secretAccessKey: string, date: string, region: string, service: string): Buffer {
    // Region and service cannot contain '/', which keeps the composite key unambiguous.
    const cacheKey = `${fingerprint}/${date}/${region}/${service}`;
    const cached = this.#entries.get(cacheKey);
    if (cached !== undefined) {
      // Re-insert to mark as most recently used (Map keeps insertion order).
      this.#entries.delete(cacheKey);
      this.#entries.set(cacheKey, cached);
      return cached;
    }
    const derived = deriveSigningKey(secretAccessKey, date, region, service);
    this.#entries.set(cacheKey, derived);
    while (this.#entries.size > this.maxEntries) {
      const oldest = this.#entries.keys().next().value;
      if (oldest === undefined) break;
      this.#entries.delete(oldest);
    }
    return derived;
  }

  /** Cache keys, for tests that check no secret is kept in clear. */
  keys(): readonly string[] {
    return [...this.#entries.keys()];
  }

  clear(): void {
    this.#entries.clear();
  }
}
