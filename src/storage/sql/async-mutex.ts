// A FIFO lock for async code. SQLite: better-sqlite3 is synchronous, but a write transaction
// stays open across the awaits of its callback, so writers must queue for the one connection.
// PostgreSQL: writers queue here before they take a pool connection to wait on the advisory
// write lock, so that waiting writers do not hold the connections reads need.

export class AsyncMutex {
  private tail: Promise<void> = Promise.resolve();

  /** Runs `fn` once every earlier holder has finished, whether it succeeded or failed. */
  run<T>(fn: () => Promise<T>): Promise<T> {
    const result = this.tail.then(fn);
    this.tail = result.then(
      () => undefined,
      () => undefined,
    );
    return result;
  }
}
