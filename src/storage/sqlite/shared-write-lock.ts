// A write lock shared by the threads of one process that write one SQLite file (the server's
// thread and the trail's worker, audit/trail/trail-worker.ts). SQLite would serialize them
// too, but a connection that finds the file locked waits in SQLite's busy handler, which
// sleeps the whole thread: the server's event loop would stop while the worker commits. Taken
// before BEGIN IMMEDIATE, this lock is waited for with Atomics.waitAsync instead, and only the
// writing request waits. Other processes on the same file are still excluded by SQLite.

/** Atomics.waitAsync (Node 16+; not in this build's ES library types). */
type WaitAsync = (array: Int32Array, index: number, value: number) => { readonly async: boolean; readonly value: Promise<string> | string };
const waitAsync = (Atomics as unknown as { readonly waitAsync: WaitAsync }).waitAsync;

/** Who holds the lock: the word is 0 when free, else the holder's id. */
export type LockHolder = 1 | 2;

export class SharedWriteLock {
  readonly buffer: SharedArrayBuffer;
  readonly #word: Int32Array;

  constructor(
    readonly holder: LockHolder,
    buffer: SharedArrayBuffer = new SharedArrayBuffer(4),
  ) {
    this.buffer = buffer;
    this.#word = new Int32Array(buffer);
  }

  /** Resolves once this thread holds the lock; never blocks the thread. */
  async acquire(): Promise<void> {
    for (;;) {
      const seen = Atomics.compareExchange(this.#word, 0, 0, this.holder);
      if (seen === 0) return;
      const wait = waitAsync(this.#word, 0, seen);
      if (wait.async) await wait.value;
    }
  }

  release(): void {
    if (Atomics.compareExchange(this.#word, 0, this.holder, 0) === this.holder) Atomics.notify(this.#word, 0);
  }

  /** Frees the lock if `holder` (a thread that stopped) still holds it. */
  releaseFor(holder: LockHolder): void {
    if (Atomics.compareExchange(this.#word, 0, holder, 0) === holder) Atomics.notify(this.#word, 0);
  }
}
