// The store as one request sees it: its reads share one snapshot (one read transaction,
// opened at the first read) until it changes something. Any write ends the snapshot first, so
// reads after it see the write. An operation's checks and its run thus read the same state
// (what was authorized is what runs, unless the operation itself writes), and a read-only
// request costs one transaction instead of one per read.
//
// A request whose change must commit with its audit event holds its write transaction: the
// first write() opens it and keeps it open, later reads and writes of the request run inside
// it, and commit() appends the event there and commits (abort() rolls everything back). A
// failed request thus changes nothing, and no change is ever without its event.

import type { Store, StoreTx } from '../storage/ports.js';

interface Snapshot {
  readonly tx: Promise<StoreTx>;
  readonly release: () => void;
  readonly done: Promise<void>;
}

interface HeldWrite {
  readonly tx: Promise<StoreTx>;
  /** Ends the callback: commits, or with `rollback` throws inside it so the backend rolls back. */
  readonly release: (rollback: boolean) => void;
  readonly done: Promise<void>;
}

export interface RequestStoreOptions {
  /** Hold the first write's transaction open until commit() or abort(). */
  readonly holdWrites?: boolean;
}

/**
 * The backend wanted to run a held write's callback again (a serialization failure at
 * commit): the callback cannot be replayed, so the whole request must run again.
 */
export class HeldWriteRetry extends Error {
  constructor() {
    super('the request\'s write transaction must be retried from the start');
    this.name = 'HeldWriteRetry';
  }
}

class HeldWriteAborted extends Error {}

/** Made for every request: plain methods, no closures built per request. */
export class RequestStore implements Store {
  #snapshot: Snapshot | undefined;
  #held: HeldWrite | undefined;
  readonly #holdWrites: boolean;

  constructor(
    private readonly store: Store,
    options: RequestStoreOptions = {},
  ) {
    this.#holdWrites = options.holdWrites === true;
  }

  async read<T>(fn: (tx: StoreTx) => Promise<T>): Promise<T> {
    if (this.#held !== undefined) return fn(await this.#held.tx);
    this.#snapshot ??= this.#open();
    const current = this.#snapshot;
    try {
      return await fn(await current.tx);
    } catch (error) {
      // A failed statement may leave a PostgreSQL transaction unusable: start afresh.
      if (this.#snapshot === current) await this.end();
      throw error;
    }
  }

  // Every change ends the snapshot first, so what it writes is seen by later reads.
  async write<T>(fn: (tx: StoreTx) => Promise<T>): Promise<T> {
    if (!this.#holdWrites) {
      await this.end();
      return this.store.write(fn);
    }
    if (this.#held === undefined) {
      await this.end();
      this.#held = this.#openWrite();
    }
    // A savepoint: a write that fails undoes only itself, as its own transaction would.
    const tx = await this.#held.tx;
    return tx.savepoint(() => fn(tx));
  }

  writeTrail<T>(fn: (tx: StoreTx) => Promise<T>): Promise<T> {
    this.#refuseWhileHeld('writeTrail');
    return this.store.writeTrail(fn);
  }

  /** Whether this request has opened its held write transaction. */
  get holdsWrite(): boolean {
    return this.#held !== undefined;
  }

  /**
   * Runs `last` inside the held write transaction and commits it. Rejects with HeldWriteRetry
   * when the backend must start over, with the backend's error when the commit failed.
   */
  async commit(last: (tx: StoreTx) => Promise<void>): Promise<void> {
    const held = this.#held;
    if (held === undefined) throw new Error('commit() without a held write transaction');
    try {
      await last(await held.tx);
    } catch (error) {
      await this.abort();
      throw error;
    }
    this.#held = undefined;
    held.release(false);
    await held.done;
  }

  /** Rolls back the held write transaction, if any. */
  async abort(): Promise<void> {
    const held = this.#held;
    this.#held = undefined;
    if (held === undefined) return;
    held.release(true);
    await held.done.catch(() => undefined);
  }

  async recordPasswordUse(...args: Parameters<Store['recordPasswordUse']>): Promise<void> {
    this.#refuseWhileHeld('recordPasswordUse');
    await this.end();
    return this.store.recordPasswordUse(...args);
  }

  async acceptMfaTimeStep(...args: Parameters<Store['acceptMfaTimeStep']>): Promise<boolean> {
    this.#refuseWhileHeld('acceptMfaTimeStep');
    await this.end();
    return this.store.acceptMfaTimeStep(...args);
  }

  async chargeMfaAttempt(...args: Parameters<Store['chargeMfaAttempt']>): Promise<boolean> {
    this.#refuseWhileHeld('chargeMfaAttempt');
    await this.end();
    return this.store.chargeMfaAttempt(...args);
  }

  async claimOnce(...args: Parameters<Store['claimOnce']>): Promise<boolean> {
    this.#refuseWhileHeld('claimOnce');
    await this.end();
    return this.store.claimOnce(...args);
  }

  async flushUsage(): Promise<void> {
    this.#refuseWhileHeld('flushUsage');
    await this.end();
    return this.store.flushUsage();
  }

  // Bookkeeping that no read of this request looks at until flushUsage.
  recordAccessKeyUse(...args: Parameters<Store['recordAccessKeyUse']>): Promise<void> {
    return this.store.recordAccessKeyUse(...args);
  }

  recordRoleUse(...args: Parameters<Store['recordRoleUse']>): Promise<void> {
    return this.store.recordRoleUse(...args);
  }

  recordServiceAccess(...args: Parameters<Store['recordServiceAccess']>): Promise<void> {
    return this.store.recordServiceAccess(...args);
  }

  recordUsage(...args: Parameters<Store['recordUsage']>): Promise<void> {
    return this.store.recordUsage(...args);
  }

  generation(): number {
    return this.store.generation();
  }

  syncGeneration(): Promise<void> {
    return this.store.syncGeneration();
  }

  /** The server closes the shared store, never a request: this only ends the snapshot (and rolls back a held write). */
  async close(): Promise<void> {
    await this.abort();
    return this.end();
  }

  /** Ends the shared snapshot, if one is open; call when the request is done. */
  async end(): Promise<void> {
    const current = this.#snapshot;
    this.#snapshot = undefined;
    if (current === undefined) return;
    current.release();
    await current.done;
  }

  // A statement outside the held transaction would wait for the write lock it holds.
  #refuseWhileHeld(what: string): void {
    if (this.#held !== undefined) throw new Error(`${what} while the request holds its write transaction`);
  }

  #openWrite(): HeldWrite {
    let release: (rollback: boolean) => void = () => undefined;
    const released = new Promise<boolean>((resolve) => (release = resolve));
    let give: (tx: StoreTx) => void = () => undefined;
    let fail: (error: unknown) => void = () => undefined;
    const tx = new Promise<StoreTx>((resolve, reject) => {
      give = resolve;
      fail = reject;
    });
    let calls = 0;
    const done = this.store
      .write(async (t) => {
        calls += 1;
        if (calls > 1) throw new HeldWriteRetry();
        give(t);
        if (await released) throw new HeldWriteAborted();
      })
      .catch((error: unknown) => {
        fail(error);
        if (!(error instanceof HeldWriteAborted)) throw error;
      });
    // Nobody may be awaiting `tx` when the transaction fails to open: keep that rejection handled.
    tx.catch(() => undefined);
    return { tx, release, done };
  }

  #open(): Snapshot {
    let release: () => void = () => undefined;
    const released = new Promise<void>((resolve) => (release = resolve));
    let give: (tx: StoreTx) => void = () => undefined;
    let fail: (error: unknown) => void = () => undefined;
    const tx = new Promise<StoreTx>((resolve, reject) => {
      give = resolve;
      fail = reject;
    });
    // The read transaction stays open until release(); a failure to open it fails the reads.
    const done = this.store
      .read(async (t) => {
        give(t);
        await released;
      })
      .catch(fail);
    return { tx, release, done };
  }
}

export function requestStore(store: Store, options: RequestStoreOptions = {}): RequestStore {
  return new RequestStore(store, options);
}
