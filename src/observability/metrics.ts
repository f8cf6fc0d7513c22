// Keyward's Prometheus metrics, in a registry per server (never prom-client's global one), so
// several servers in one process keep their own counts. Labels take values from closed sets
// (services, the operation registry's action names, decisions, cache names), so a stranger's
// requests cannot grow the number of series.

import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

export type DecisionResult = 'Allow' | 'ExplicitDeny' | 'ImplicitDeny';
export type CacheName = 'access_keys' | 'users' | 'roles' | 'identity_policies' | 'session_policies';

/** What metrics read from the running server when scraped. */
export interface MetricSources {
  /** Uses waiting in the usage buffer (usage-buffer.ts). */
  readonly usageBacklog: () => number;
  /** PostgreSQL's change listener, up or down; absent on SQLite (so is the gauge). */
  readonly listenerUp?: () => Promise<boolean>;
}

const LATENCY_BUCKETS = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5];

export class ServerMetrics {
  readonly registry = new Registry();
  readonly #requests: Counter<'service' | 'action' | 'status'>;
  readonly #duration: Histogram<'service' | 'action'>;
  readonly #decisions: Counter<'decision'>;
  readonly #cache: Counter<'cache' | 'result'>;
  readonly #store: Histogram<'operation'>;

  constructor(sources: MetricSources) {
    const registers = [this.registry];
    this.#requests = new Counter({
      name: 'keyward_requests_total',
      help: 'IAM and STS requests answered, by service, action and HTTP status',
      labelNames: ['service', 'action', 'status'],
      registers,
    });
    this.#duration = new Histogram({
      name: 'keyward_request_duration_seconds',
      help: 'Time to answer an IAM or STS request, by service and action',
      labelNames: ['service', 'action'],
      buckets: LATENCY_BUCKETS,
      registers,
    });
    this.#decisions = new Counter({
      name: 'keyward_authorization_decisions_total',
      help: 'Policy engine decisions on requests, by result',
      labelNames: ['decision'],
      registers,
    });
    this.#cache = new Counter({
      name: 'keyward_cache_lookups_total',
      help: 'Lookups in the caller caches, by cache and result (hit or miss)',
      labelNames: ['cache', 'result'],
      registers,
    });
    this.#store = new Histogram({
      name: 'keyward_store_operation_duration_seconds',
      help: 'Time of store transactions and calls, by operation',
      labelNames: ['operation'],
      buckets: LATENCY_BUCKETS,
      registers,
    });
    new Gauge({
      name: 'keyward_usage_buffer_pending',
      help: 'Last-used times and access advisor records waiting to be written',
      registers,
      collect() {
        this.set(sources.usageBacklog());
      },
    });
    const listenerUp = sources.listenerUp;
    if (listenerUp !== undefined) {
      new Gauge({
        name: 'keyward_postgres_listener_up',
        help: '1 while the PostgreSQL change listener is connected (caches are used), else 0',
        registers,
        async collect() {
          this.set((await listenerUp().catch(() => false)) ? 1 : 0);
        },
      });
    }
    collectDefaultMetrics({ register: this.registry });
  }

  request(service: string, action: string, status: number, seconds: number): void {
    this.#requests.inc({ service, action, status: String(status) });
    this.#duration.observe({ service, action }, seconds);
  }

  decision(result: DecisionResult): void {
    this.#decisions.inc({ decision: result });
  }

  cacheLookup(cache: CacheName, hit: boolean): void {
    this.#cache.inc({ cache, result: hit ? 'hit' : 'miss' });
  }

  storeOperation(operation: string, seconds: number): void {
    this.#store.observe({ operation }, seconds);
  }

  /** The Prometheus text exposition of everything above. */
  async scrape(): Promise<{ contentType: string; body: string }> {
    return { contentType: this.registry.contentType, body: await this.registry.metrics() };
  }
}
