// Hears other Keyward nodes' writes on a shared PostgreSQL database: each write transaction
// sends pg_notify(channel, its node id) before COMMIT, which PostgreSQL delivers only if it
// commits; this LISTENs on a connection of its own and moves the change generation on every
// notification from another node. While the connection is down (or not yet listening) the
// generation is not live, so no cache is used, and it reconnects every half second.
//
// sync() makes this exact rather than eventual: PostgreSQL sends an idle listener its
// notifications as they commit, ahead of anything it answers later on that connection, so
// once a query sent after a request arrived has been answered, every write committed before
// the request has moved the generation. Concurrent requests share round trips.
import { createHash, randomUUID } from 'node:crypto';
import pg from 'pg';
import type { ChangeGeneration } from '../sql/change-generation.js';

const RECONNECT_MS = 500;
/** A round trip slower than this means the connection is gone (a silently dropped idle TCP connection). */
const ROUND_TRIP_TIMEOUT_MS = 2000;

/** One channel per schema: stores in other schemas of the same database are other deployments. */
export function changeChannel(schema: string): string {
  return `keyward_changes_${createHash('sha256').update(schema).digest('hex').slice(0, 16)}`;
}

export class ChangeListener {
  /** Sent as the payload, so a node does not count its own writes twice. */
  readonly nodeId = randomUUID();
  #client: pg.Client | undefined;
  #retry: NodeJS.Timeout | undefined;
  #closed = false;
  #listening: Promise<void>;
  #markListening: () => void = () => undefined;
  #inFlight: Promise<void> | undefined;
  #next: Promise<void> | undefined;
  /** Drops the current connection (not live, reconnect). */
  #down: () => void = () => undefined;

  constructor(
    private readonly url: string,
    readonly channel: string,
    private readonly generation: ChangeGeneration,
  ) {
    generation.setLive(false);
    this.#listening = new Promise((resolve) => (this.#markListening = resolve));
    this.#connect();
  }

  /** Resolves once the first LISTEN is in place (tests wait for it; requests need not). */
  listening(): Promise<void> {
    return this.#listening;
  }

  /** Resolves when every write committed before the call has moved the generation (or the listener is down: caches are off). */
  sync(): Promise<void> {
    const client = this.#client;
    if (client === undefined || !this.generation.live) return Promise.resolve();
    // A round trip already under way may have been sent before the write committed: wait for
    // one sent after this call, shared by everything that arrives meanwhile.
    if (this.#next !== undefined) return this.#next;
    if (this.#inFlight === undefined) return this.#roundTrip(client);
    const next = this.#inFlight.then(() => {
      if (this.#next === next) this.#next = undefined;
      return this.#client === undefined ? undefined : this.#roundTrip(this.#client);
    });
    this.#next = next;
    return next;
  }

  #roundTrip(client: pg.Client): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<void>((resolve) => {
      timer = setTimeout(() => {
        // No answer in time: treat the connection as lost, so caches are off until it is back.
        if (this.#client === client) this.#down();
        resolve();
      }, ROUND_TRIP_TIMEOUT_MS);
      timer.unref();
    });
    const query = client.query('SELECT 1').then(
      () => undefined,
      // A failed connection ends listening (the 'error' handler), so the generation stops being live.
      () => undefined,
    );
    const trip = Promise.race([query, timeout]).finally(() => clearTimeout(timer));
    const tracked = trip.finally(() => {
      if (this.#inFlight === tracked) this.#inFlight = undefined;
    });
    this.#inFlight = tracked;
    return tracked;
  }

  async close(): Promise<void> {
    this.#closed = true;
    clearTimeout(this.#retry);
    const client = this.#client;
    this.#client = undefined;
    this.generation.setLive(false);
    if (client !== undefined) await client.end().catch(() => undefined);
  }

  #connect(): void {
    const client = new pg.Client({ connectionString: this.url, keepAlive: true, keepAliveInitialDelayMillis: 10_000 });
    this.#client = client;
    const down = (): void => {
      if (this.#client !== client) return;
      this.#client = undefined;
      this.generation.setLive(false);
      void client.end().catch(() => undefined);
      if (!this.#closed) this.#retry = setTimeout(() => this.#connect(), RECONNECT_MS).unref();
    };
    this.#down = down;
    client.on('error', down);
    client.on('end', down);
    client.on('notification', (message) => {
      if (message.payload !== this.nodeId) this.generation.bump();
    });
    client
      .connect()
      .then(() => client.query(`LISTEN "${this.channel}"`))
      .then(() => {
        if (this.#client !== client) return;
        this.generation.setLive(true);
        this.#markListening();
      }, down);
  }
}
