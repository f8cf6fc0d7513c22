// A bounded map whose entries belong to one store generation (Store.generation, which only
// grows): the first lookup under a newer generation empties it, and an entry loaded under an
// older one is not kept. So a value read from the store before a write is never served after
// it. Entries also expire after maxAgeMs, a bound on staleness should a backend miss a change.

export interface GenerationCacheOptions {
  /** Entries kept; the oldest is dropped first. 0 turns the cache off. */
  readonly maxEntries: number;
  readonly maxAgeMs: number;
  readonly now?: () => number;
  /** Told whether each lookup hit (the server's cache metrics). */
  readonly onLookup?: (hit: boolean) => void;
}

interface Entry<V> {
  readonly value: V;
  readonly expires: number;
}

export class GenerationCache<V> {
  #generation = -1;
  readonly #entries = new Map<string, Entry<V>>();
  readonly #options: GenerationCacheOptions;
  readonly #now: () => number;

  constructor(options: GenerationCacheOptions) {
    this.#options = options;
    this.#now = options.now ?? Date.now;
  }

  get size(): number {
    return this.#entries.size;
  }

  get(key: string, generation: number): V | undefined {
    const value = this.#lookup(key, generation);
    this.#options.onLookup?.(value !== undefined);
    return value;
  }

  #lookup(key: string, generation: number): V | undefined {
    if (generation !== this.#generation) {
      // Generations only grow: a request that read an older one (before a write it overlapped)
      // neither uses nor discards what newer requests loaded.
      if (generation < this.#generation) return undefined;
      this.#entries.clear();
      this.#generation = generation;
      return undefined;
    }
    const entry = this.#entries.get(key);
    if (entry === undefined) return undefined;
    if (entry.expires <= this.#now()) {
      this.#entries.delete(key);
      return undefined;
    }
    return entry.value;
  }

  /** Keeps `value`, loaded after reading `generation`, unless the store has moved on since. */
  set(key: string, generation: number, value: V): void {
    if (generation !== this.#generation || this.#options.maxEntries <= 0) return;
    this.#entries.delete(key);
    if (this.#entries.size >= this.#options.maxEntries) {
      const oldest = this.#entries.keys().next();
      if (oldest.done !== true) this.#entries.delete(oldest.value);
    }
    this.#entries.set(key, { value, expires: this.#now() + this.#options.maxAgeMs });
  }

  /** The cached value, or `load()`'s, kept for later calls under the same generation. */
  async through(key: string, generation: number, load: () => Promise<V>): Promise<V> {
    const hit = this.get(key, generation);
    if (hit !== undefined) return hit;
    const value = await load();
    this.set(key, generation, value);
    return value;
  }
}
