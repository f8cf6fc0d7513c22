// The randomness port: id and secret generators take a Random so tests can be deterministic.
// cryptoRandom is the production source; deterministicRandom derives stable bytes from a seed.
import { createHash, randomBytes } from 'node:crypto';

export interface Random {
  /** Returns `n` fresh bytes. */
  bytes(n: number): Uint8Array;
}

export const cryptoRandom: Random = {
  bytes: (n) => new Uint8Array(randomBytes(n)),
};

/**
 * SHA-256 in counter mode over `seed`: the same seed always yields the same byte stream.
 * For stable derived values (for example the ids of AWS managed policies), never for secrets.
 */
export function deterministicRandom(seed: string): Random {
  let counter = 0;
  let pool = new Uint8Array(0);
  return {
    bytes(n) {
      while (pool.length < n) {
        const block = createHash('sha256').update(`${counter}:${seed}`).digest();
        counter += 1;
        const next = new Uint8Array(pool.length + block.length);
        next.set(pool);
        next.set(block, pool.length);
        pool = next;
      }
      const out = pool.slice(0, n);
      pool = pool.slice(n);
      return out;
    },
  };
}
