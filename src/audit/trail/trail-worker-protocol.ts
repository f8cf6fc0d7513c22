// The messages between a server's trail (trail-worker-client.ts) and its worker thread
// (trail-worker.ts). A batch's records travel as their JSON texts joined by newlines (JSON
// text holds none), one string copied once, and their times as one transferred array: cloning
// an array of objects cost the server's thread about 6 µs per event, this about 1.

/** What the worker is started with. The master key never leaves the process. */
export interface TrailWorkerData {
  /** The SQLite file the server's store uses (already migrated). */
  readonly file: string;
  /** The write lock the server's store holds around its write transactions (storage/sqlite/shared-write-lock.ts). */
  readonly writeLock: SharedArrayBuffer;
  readonly masterKey: Uint8Array;
  readonly partition: string;
  readonly stepEvents: number;
  readonly flushMs: number;
  readonly digestEvery: number;
  readonly digestMs: number;
  /** The server clock's time at start, in ms. */
  readonly now: number;
}

export type ToWorker =
  /** `texts`: the records' JSON joined by '\n'; `times`: each call's exact time in ms, in the same order. */
  | { readonly kind: 'batch'; readonly id: number; readonly now: number; readonly texts: string; readonly times: Float64Array }
  | { readonly kind: 'close'; readonly id: number; readonly now: number };

export type FromWorker =
  /** The batch (or the close) with this id is done: committed, or kept by the worker for its next try. */
  | { readonly kind: 'done'; readonly id: number }
  /** A write failed (the worker keeps the events and tries again). */
  | { readonly kind: 'error'; readonly message: string }
  /** EventBridge rules matched: outbox rows were committed. */
  | { readonly kind: 'queued' };
