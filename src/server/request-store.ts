// The store as one request sees it: its reads share one snapshot (one read transaction,
// opened at the first read) until it changes something. Any write ends the snapshot first, so
// reads after it see the write. An operation's checks and its run thus read the same state
// (what was authorized is what runs, unless the operation itself writes), and a read-only
// request costs one transaction instead of one per read.

import type { Store, StoreTx } from '../storage/ports.js';

export interface RequestStore extends Store {
  /** Ends the shared snapshot, if one is open; call when the request is done. */
  end(): Promise<void>;
}

interface Snapshot {
  readonly tx: Promise<StoreTx>;
  readonly release: () => void;
  readonly done: Promise<void>;
}

export function requestStore(store: Store): RequestStore {
  let snapshot: Snapshot | undefined;

  const open = (): Snapshot => {
    let release: () => void = () => undefined;
    const released = new Promise<void>((resolve) => (release = resolve));
    let give: (tx: StoreTx) => void = () => undefined;
    let fail: (error: unknown) => void = () => undefined;
    const tx = new Promise<StoreTx>((resolve, reject) => {
      give = resolve;
      fail = reject;
    });
    // The read transaction stays open until release(); a failure to open it fails the reads.
    const done = store
      .read(async (t) => {
        give(t);
        await released;
      })
      .catch(fail);
    return { tx, release, done };
  };

  const end = async (): Promise<void> => {
    const current = snapshot;
    snapshot = undefined;
    if (current === undefined) return;
    current.release();
    await current.done;
  };

  /** Ends the snapshot, then does `change`: what it writes is seen by later reads. */
  const after =
    <A extends unknown[], R>(change: (...args: A) => Promise<R>) =>
    async (...args: A): Promise<R> => {
      await end();
      return change(...args);
    };

  return {
    async read(fn) {
      snapshot ??= open();
      const current = snapshot;
      try {
        return await fn(await current.tx);
      } catch (error) {
        // A failed statement may leave a PostgreSQL transaction unusable: start afresh.
        if (snapshot === current) await end();
        throw error;
      }
    },
    async write(fn) {
      await end();
      return store.write(fn);
    },
    recordPasswordUse: after((accountId: string, userName: string | null, date: Date) => store.recordPasswordUse(accountId, userName, date)),
    acceptMfaTimeStep: after((accountId: string, serialNumber: string, step: number) => store.acceptMfaTimeStep(accountId, serialNumber, step)),
    chargeMfaAttempt: after((...args: Parameters<Store['chargeMfaAttempt']>) => store.chargeMfaAttempt(...args)),
    claimOnce: after((...args: Parameters<Store['claimOnce']>) => store.claimOnce(...args)),
    flushUsage: after(() => store.flushUsage()),
    // Bookkeeping that no read of this request looks at until flushUsage.
    recordAccessKeyUse: (accessKeyId, use) => store.recordAccessKeyUse(accessKeyId, use),
    recordRoleUse: (accountId, roleId, use) => store.recordRoleUse(accountId, roleId, use),
    recordServiceAccess: (event) => store.recordServiceAccess(event),
    recordUsage: (batch) => store.recordUsage(batch),
    generation: () => store.generation(),
    syncGeneration: () => store.syncGeneration(),
    // The server closes the shared store, never a request.
    close: () => end(),
    end,
  };
}
