// The running server's side of the trail. A change's event is appended inside the change's
// own transaction (appendIn); read-only, denied and failed calls change nothing, so their
// events wait in memory and are written in batches (enqueue), at most `flushMs` later, as
// last-used times are: a crash loses at most that much of them. A batch is one transaction,
// written in steps of `stepEvents` events with the event loop running between them. After
// each write the partition is signed (a digest) every `digestEvery` events or `digestMs`,
// whichever first. With a `sink` (trail-worker-client.ts) the batches are handed to a worker
// thread that owns its own store connection, and this thread keeps only the buffering; when the
// sink fails, batches are written here again.

import type { AuditKeys } from '../chain/audit-keys.js';
import { signDigest } from '../chain/digest.js';
import type { CloudTrailRecord } from '../record/cloudtrail-record.js';
import type { AuditEvent } from '../../storage/audit-repositories.js';
import type { Store, StoreTx } from '../../storage/ports.js';
import { appendRecords, type TrailEntry } from './append.js';

/** Runs in the transaction that appends `events` (EventBridge rules queue their deliveries here). */
export type AppendHook = (tx: StoreTx, events: readonly AuditEvent[], records: readonly CloudTrailRecord[]) => Promise<void>;

/** Where buffered batches are written instead of this thread's store (a worker thread). */
export interface BatchSink {
  /** Resolves once the batch is committed or kept by the sink for its own retry; `now` is this trail's clock. */
  write(batch: readonly TrailEntry[], now: Date): Promise<void>;
  /** Writes what it holds, signs the unsigned tail and stops. */
  close(now: Date): Promise<void>;
  /** Called when the sink's own rule matching queued outbox rows. */
  onQueued(listener: () => void): void;
}

export interface TrailOptions {
  /** This node's chain; nodes sharing a store should use different ones. */
  readonly partition: string;
  readonly clock?: () => Date;
  /** Longest a buffered event waits (default 1,000 ms). */
  readonly flushMs?: number;
  /** Buffered events that start a write at once (default 500). */
  readonly maxPending?: number;
  /** Events appended in one step of a batch's transaction; the event loop runs between steps (default 50). */
  readonly stepEvents?: number;
  /** Sign after this many events (default 1,000) ... */
  readonly digestEvery?: number;
  /** ... or after this long with unsigned events (default 60 s). */
  readonly digestMs?: number;
  /** Each step of a batch commits on its own (a worker's connection: the write lock is held for one step). */
  readonly commitEachStep?: boolean;
  /** Batches go here; after it fails they are written through `store` again. */
  readonly sink?: BatchSink;
  /** Called when a batch cannot be written (the events are kept for the next try). */
  readonly onError?: (error: unknown) => void;
}

export class AuditTrail {
  readonly partition: string;
  readonly #store: Store;
  readonly #keys: AuditKeys;
  readonly #clock: () => Date;
  readonly #flushMs: number;
  readonly #maxPending: number;
  readonly #stepEvents: number;
  readonly #digestEvery: number;
  readonly #digestMs: number;
  readonly #onError: (error: unknown) => void;
  readonly #commitEachStep: boolean;
  #sink: BatchSink | undefined;
  readonly #hooks: AppendHook[] = [];
  #pending: TrailEntry[] = [];
  #timer: NodeJS.Timeout | undefined;
  #writing: Promise<void> = Promise.resolve();
  #closed = false;

  constructor(store: Store, keys: AuditKeys, options: TrailOptions) {
    this.partition = options.partition;
    this.#store = store;
    this.#keys = keys;
    this.#clock = options.clock ?? (() => new Date());
    this.#flushMs = options.flushMs ?? 1000;
    this.#maxPending = options.maxPending ?? 500;
    this.#stepEvents = Math.max(1, options.stepEvents ?? 50);
    this.#digestEvery = options.digestEvery ?? 1000;
    this.#digestMs = options.digestMs ?? 60_000;
    this.#onError = options.onError ?? (() => undefined);
    this.#commitEachStep = options.commitEachStep ?? false;
    this.#sink = options.sink;
  }

  /** Registers a hook that runs in every appending transaction. */
  onAppend(hook: AppendHook): void {
    this.#hooks.push(hook);
  }

  /** Called when rules matched in batches written elsewhere (a worker) queued outbox rows. */
  onOutboxQueued(listener: () => void): void {
    this.#sink?.onQueued(listener);
  }

  /** Appends a change's event inside the change's own write transaction. */
  async appendChange(tx: StoreTx, entry: TrailEntry): Promise<void> {
    await this.#appendIn(tx, [entry]);
    // A later batch signs the digest when one is due, even if no read comes to buffer.
    if (!this.#closed) this.#timer ??= setTimeout(() => void this.flush(), this.#flushMs).unref();
  }

  async #appendIn(tx: StoreTx, entries: readonly TrailEntry[]): Promise<void> {
    const events = await appendRecords(tx, this.#keys.chainKey, this.partition, entries);
    for (const hook of this.#hooks) await hook(tx, events, entries.map((e) => e.record));
  }

  /** Buffers an event of a call that changed nothing. */
  enqueue(entry: TrailEntry): void {
    this.#pending.push(entry);
    if (this.#closed || this.#pending.length >= this.#maxPending) void this.flush();
    else this.#timer ??= setTimeout(() => void this.flush(), this.#flushMs).unref();
  }

  get pendingCount(): number {
    return this.#pending.length;
  }

  /** Writes what is buffered (after any write in flight) and signs a digest when one is due. */
  flush(): Promise<void> {
    if (this.#timer !== undefined) clearTimeout(this.#timer);
    this.#timer = undefined;
    const batch = this.#pending;
    this.#pending = [];
    this.#writing = this.#writing.then(() => this.#write(batch));
    return this.#writing;
  }

  /** Writes what is buffered and signs whatever is unsigned. */
  async close(): Promise<void> {
    this.#closed = true;
    await this.flush();
    const sink = this.#sink;
    if (sink !== undefined) {
      this.#sink = undefined;
      try {
        await sink.close(this.#clock());
        return;
      } catch (error) {
        // What the sink could not write comes back through `store` below.
        this.#onError(error);
      }
    }
    await this.#store.writeTrail((tx) => this.#sign(tx, true)).catch(this.#onError);
  }

  async #write(batch: TrailEntry[]): Promise<void> {
    const sink = this.#sink;
    if (sink !== undefined) {
      try {
        await sink.write(batch, this.#clock());
        return;
      } catch (error) {
        // The worker is gone: this thread writes from now on (the batch included).
        this.#sink = undefined;
        this.#onError(error);
      }
    }
    if (this.#commitEachStep) return this.#writeSteps(batch);
    try {
      await this.#store.writeTrail(async (tx) => {
        // In steps, the event loop running between them: requests wait for one step at most,
        // not for the whole batch (its reads go on in other connections meanwhile).
        for (let at = 0; at < batch.length; at += this.#stepEvents) {
          if (at > 0) await new Promise<void>((resolve) => setImmediate(resolve));
          await this.#appendIn(tx, at === 0 && batch.length <= this.#stepEvents ? batch : batch.slice(at, at + this.#stepEvents));
        }
        await this.#sign(tx, false);
      });
    } catch (error) {
      // Kept for the next flush, ahead of what came since, so the order holds.
      this.#pending = [...batch, ...this.#pending];
      if (!this.#closed) this.#timer ??= setTimeout(() => void this.flush(), this.#flushMs).unref();
      this.#onError(error);
    }
  }

  /** Each step in its own transaction: another connection waits for one step's write lock at most. */
  async #writeSteps(batch: TrailEntry[]): Promise<void> {
    let at = 0;
    try {
      for (; at < batch.length; at += this.#stepEvents) {
        const step = batch.slice(at, at + this.#stepEvents);
        await this.#store.writeTrail((tx) => this.#appendIn(tx, step));
      }
      await this.#store.writeTrail((tx) => this.#sign(tx, false));
    } catch (error) {
      this.#pending = [...batch.slice(at), ...this.#pending];
      if (!this.#closed && at < batch.length) this.#timer ??= setTimeout(() => void this.flush(), this.#flushMs).unref();
      this.#onError(error);
    }
  }

  /** Signs the partition's unsigned range when a digest is due (or `force`d and any is unsigned). */
  async #sign(tx: StoreTx, force: boolean): Promise<void> {
    const head = await tx.audit.head(this.partition);
    if (head === undefined || head.seq <= head.digestedSeq) return;
    const now = this.#clock();
    const due = force || head.seq - head.digestedSeq >= this.#digestEvery || now.getTime() - head.digestedAt.getTime() >= this.#digestMs;
    if (!due) return;
    const previous = await tx.audit.latestDigest(this.partition);
    const digest = signDigest(this.#keys.signingKey, {
      partition: this.partition,
      fromSeq: head.digestedSeq + 1,
      toSeq: head.seq,
      lastLink: head.link,
      previousSignature: previous?.signature ?? '',
      createdAt: now.toISOString(),
    });
    await tx.audit.addDigest(digest, now);
  }
}
