// A number that moves whenever committed data may have changed, for caches of what the store
// holds (access keys, callers, compiled policies): they key their entries on it and drop them
// when it moves. While a backend cannot tell (a PostgreSQL node whose change listener is down),
// every read of it is new, so nothing cached is ever used.

export class ChangeGeneration {
  #value = 0;
  #live: boolean;

  constructor(live = true) {
    this.#live = live;
  }

  /** Something was committed (here, or by another node or process). */
  bump(): void {
    this.#value += 1;
  }

  /** Whether changes made elsewhere are heard of; changes may have been missed while they were not. */
  setLive(live: boolean): void {
    this.#live = live;
    this.#value += 1;
  }

  get live(): boolean {
    return this.#live;
  }

  current(): number {
    if (!this.#live) this.#value += 1;
    return this.#value;
  }
}
