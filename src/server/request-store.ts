// The store as one request sees it: its reads share one snapshot (one read transaction,
// opened at the first read) until it changes something. Any write ends the snapshot first, so
// reads after it see the write. An operation's checks and its run thus read the same state
// (what was authorized is what runs, unless the operation itself writes), and a read-only
// request costs one transaction instead of one per read.

import type { Store, StoreTx } from '../storage/ports.js';

interface Snapshot {
  readonly tx: Promise<StoreTx>;
  readonly release: () => void;
  readonly done: Promise<void>;
}

/** Made for every request: plain methods, no closures built per request. */
export class RequestStore implements Store {
  #snapshot: Snapshot | undefined;

  constructor(private readonly store: Store) {}

  async read<T>(fn: (tx: StoreTx) => Promise<T>): Promise<T> {
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
    await this.end();
    return this.store.write(fn);
  }

  async recordPasswordUse(...args: Parameters<Store['recordPasswordUse']>): Promise<void> {
    await this.end();
    return this.store.recordPasswordUse(...args);
  }

  async acceptMfaTimeStep(...args: Parameters<Store['acceptMfaTimeStep']>): Promise<boolean> {
    await this.end();
    return this.store.acceptMfaTimeStep(...args);
  }

  async chargeMfaAttempt(...args: Parameters<Store['chargeMfaAttempt']>): Promise<boolean> {
    await this.end();
    return this.store.chargeMfaAttempt(...args);
  }

  async claimOnce(...args: Parameters<Store['claimOnce']>): Promise<boolean> {
    await this.end();
    return this.store.claimOnce(...args);
  }

  async flushUsage(): Promise<void> {
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

  /** The server closes the shared store, never a request: this only ends the snapshot. */
  close(): Promise<void> {
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

export function requestStore(store: Store): RequestStore {
  return new RequestStore(store);
}
