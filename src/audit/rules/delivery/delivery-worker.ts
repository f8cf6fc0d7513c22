// Sends what the outbox holds. Each round leases due rows (events-repository: one owner at a
// time, across every node sharing the store), sends each, and settles it: delivered rows go,
// failed ones wait with exponential backoff, and after `maxAttempts` they move to the dead
// letters (`keyward alerts dead-letters list|replay`). Rows live in the store, so a restart
// loses nothing; a node that dies holding a lease only delays its rows until the lease ends
// (and a row sent just before such a death may be sent again: receivers dedupe on the
// envelope's `id`, which stays the same).

import { randomUUID } from 'node:crypto';
import type { SecretBox } from '../../../auth/secret-box.js';
import type { OutboxEntry } from '../../../storage/events-repositories.js';
import type { Store } from '../../../storage/ports.js';
import { sendAlert, type SendResult } from './send-alert.js';

export interface DeliveryTuning {
  /** How often the outbox is looked at when nothing kicks the worker (default 1,000 ms). */
  readonly pollMs: number;
  /** How long a leased row is this node's alone (default 60 s). */
  readonly leaseMs: number;
  /** Rows leased at once (default 20). */
  readonly batch: number;
  /** The first retry's delay; each next one doubles (default 1 s) ... */
  readonly retryBaseMs: number;
  /** ... up to this (default 5 min). */
  readonly retryMaxMs: number;
  /** Attempts before a row becomes a dead letter (default 8). */
  readonly maxAttempts: number;
  /** One request's time limit (default 10 s). */
  readonly timeoutMs: number;
}

export const DEFAULT_DELIVERY: DeliveryTuning = {
  pollMs: 1000,
  leaseMs: 60_000,
  batch: 20,
  retryBaseMs: 1000,
  retryMaxMs: 5 * 60_000,
  maxAttempts: 8,
  timeoutMs: 10_000,
};

export interface DeliveryWorkerOptions {
  readonly store: Store;
  readonly secrets: SecretBox;
  readonly clock: () => Date;
  readonly tuning?: Partial<DeliveryTuning>;
  readonly onError?: (error: unknown) => void;
}

/** The delay before attempt `attempts + 1`, after `attempts` failures. */
export function backoffMs(tuning: Pick<DeliveryTuning, 'retryBaseMs' | 'retryMaxMs'>, attempts: number): number {
  return Math.min(tuning.retryMaxMs, tuning.retryBaseMs * 2 ** Math.max(0, attempts - 1));
}

export class DeliveryWorker {
  /** This process's lease name: never shared by two nodes or two runs. */
  readonly owner = `delivery-${randomUUID()}`;
  readonly #options: DeliveryWorkerOptions;
  readonly #tuning: DeliveryTuning;
  #timer: NodeJS.Timeout | undefined;
  #running: Promise<void> | undefined;
  #again = false;
  #stopped = true;

  constructor(options: DeliveryWorkerOptions) {
    this.#options = options;
    this.#tuning = { ...DEFAULT_DELIVERY, ...options.tuning };
  }

  start(): void {
    this.#stopped = false;
    this.#schedule(0);
  }

  /** Looks at the outbox soon (rows were just queued). */
  kick(): void {
    if (this.#stopped) return;
    if (this.#running !== undefined) this.#again = true;
    else this.#schedule(20);
  }

  async stop(): Promise<void> {
    this.#stopped = true;
    if (this.#timer !== undefined) clearTimeout(this.#timer);
    this.#timer = undefined;
    await this.#running;
  }

  #schedule(ms: number): void {
    if (this.#stopped) return;
    if (this.#timer !== undefined) clearTimeout(this.#timer);
    this.#timer = setTimeout(() => {
      this.#timer = undefined;
      this.#running = this.#round().finally(() => {
        this.#running = undefined;
        const again = this.#again;
        this.#again = false;
        this.#schedule(again ? 0 : this.#tuning.pollMs);
      });
    }, ms).unref();
  }

  async #round(): Promise<void> {
    try {
      while (!this.#stopped && (await this.runOnce()) === this.#tuning.batch);
    } catch (error) {
      this.#options.onError?.(error);
    }
  }

  /** One lease-send-settle pass; returns how many rows it leased. */
  async runOnce(): Promise<number> {
    const { store, clock } = this.#options;
    if ((await store.read((tx) => tx.events.pendingCount())) === 0) return 0;
    const now = clock();
    const leased = await store.writeTrail((tx) => tx.events.claim(this.owner, now, new Date(now.getTime() + this.#tuning.leaseMs), this.#tuning.batch));
    await Promise.all(leased.map((entry) => this.#deliver(entry)));
    return leased.length;
  }

  async #deliver(entry: OutboxEntry): Promise<void> {
    const { store, clock } = this.#options;
    const result = await this.#send(entry);
    const now = clock();
    await store.writeTrail(async (tx) => {
      if (result.ok) {
        await tx.events.delivered(entry.id, this.owner);
        return;
      }
      const attempts = entry.attempts + 1;
      if (attempts >= this.#tuning.maxAttempts || result.permanent === true) await tx.events.deadLetter(entry.id, this.owner, now, result.error);
      else await tx.events.retryLater(entry.id, this.owner, new Date(now.getTime() + backoffMs(this.#tuning, attempts)), result.error);
    });
  }

  async #send(entry: OutboxEntry): Promise<SendResult> {
    const { store, secrets, clock } = this.#options;
    const found = await store.read(async (tx) => {
      const destination = await tx.events.getApiDestinationByArn(entry.targetArn);
      const connection = destination === undefined ? undefined : await tx.events.getConnectionByArn(destination.connectionArn);
      return { destination, connection };
    });
    if (found.destination === undefined) return { ok: false, error: `API destination ${entry.targetArn} does not exist`, permanent: true };
    if (found.connection === undefined) return { ok: false, error: `connection ${found.destination.connectionArn} does not exist`, permanent: true };
    return sendAlert(found.destination, found.connection, entry.payload, { secrets, now: clock(), timeoutMs: this.#tuning.timeoutMs });
  }
}
