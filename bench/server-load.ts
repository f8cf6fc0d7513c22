// One autocannon run against one target: a fixed pre-signed request or a request signed
// afresh by `setupRequest`; throughput, exact latency percentiles (from every 2xx response)
// and the CPU time the server and the load generator spent.

import { createRequire } from 'node:module';
import { machineCpuSeconds, type Target } from './server-process.js';
import type { SignedHeaders } from './server-sign.js';

/** The part of autocannon's API used here (the package ships no types). */
interface AutocannonRequest {
  method?: string;
  path?: string;
  headers?: Record<string, string>;
  body?: string;
  setupRequest?: (req: AutocannonRequest) => AutocannonRequest;
}
interface AutocannonResult {
  readonly errors: number;
  readonly timeouts: number;
  readonly non2xx: number;
  readonly statusCodeStats: Record<string, { count: number }>;
}
/** autocannon's per-connection client; only its request queue is used (see `recorder`). */
interface AutocannonClient {
  pipelinedRequests: { terminateRequest(): { headers: { statusCode?: number }; duration: number } | undefined };
}
type Autocannon = (options: {
  url: string;
  connections: number;
  duration: number;
  timeout?: number;
  sampleInt?: number;
  reconnectRate?: number;
  setupClient?: (client: AutocannonClient) => void;
  requests: AutocannonRequest[];
}) => Promise<AutocannonResult> & { stop(): void };

const autocannon = createRequire(import.meta.url)('autocannon') as Autocannon;

export type RequestSource =
  /** One request, signed once just before the run (SigV4 dates are valid for 15 minutes). */
  | { readonly kind: 'fixed'; readonly body: string; readonly sign: (body: string) => SignedHeaders }
  /** A new body per request (`i` counts from 0), signed as it is built. */
  | { readonly kind: 'per-request'; readonly body: (i: number) => string; readonly sign: (body: string) => SignedHeaders };

export interface LoadOptions {
  readonly connections: number;
  readonly seconds: number;
  /** Stop after this many answers, even before `seconds` (quotas); a few in flight may still land. */
  readonly maxRequests?: number;
  /**
   * A new connection per request, for servers that close every connection (werkzeug, so
   * moto_server): autocannon would otherwise write the next request onto the closing socket.
   */
  readonly connectionPerRequest?: boolean;
}

export interface LoadResult {
  readonly ok: number;
  readonly failed: number;
  /** Status code -> count of the non-2xx answers and socket errors, for the report. */
  readonly failures: Readonly<Record<string, number>>;
  readonly seconds: number;
  readonly perSecond: number;
  readonly p50: number;
  readonly p99: number;
  /** Server CPU milliseconds per successful request (all its threads). */
  readonly serverCpuMsPerRequest: number;
  /** The same for the server's main thread alone (worker threads, the trail's, apart). */
  readonly serverMainCpuMsPerRequest: number;
  /** Fraction of one core the benchmark process (autocannon + signing) used. */
  readonly loadCores: number;
  /** Fraction of one core the server used. */
  readonly serverCores: number;
  /** Cores busy with anything else on the machine meanwhile (other people's jobs skew the figures). */
  readonly otherCores: number;
}

function request(source: RequestSource): AutocannonRequest {
  const build = (body: string): AutocannonRequest => {
    const headers: Record<string, string> = { ...source.sign(body) };
    return { method: 'POST', path: '/', headers, body };
  };
  if (source.kind === 'fixed') return build(source.body);
  let i = 0;
  return {
    ...build(source.body(-1)),
    setupRequest: (req) => {
      const next = build(source.body(i++));
      req.headers = next.headers!;
      req.body = next.body!;
      return req;
    },
  };
}

export function percentile(sorted: Float64Array, p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

/**
 * Records status and latency of every completed response. autocannon's `response` event is
 * skipped when it reconnects after a response (`reconnectRate`), so this wraps the queue that
 * times each request instead; both kinds of run are recorded the same way.
 */
function recorder(onAnswer: (answers: number) => void): {
  setupClient: (client: AutocannonClient) => void;
  ok: () => number;
  failed: () => number;
  sorted: () => Float64Array;
} {
  let latencies = new Float64Array(1 << 16);
  let ok = 0;
  let failed = 0;
  return {
    setupClient(client) {
      const queue = client.pipelinedRequests;
      const terminate = queue.terminateRequest.bind(queue);
      queue.terminateRequest = () => {
        const done = terminate();
        const status = done?.headers.statusCode ?? 0;
        if (done === undefined) return done;
        onAnswer(ok + failed + 1);
        if (status < 200 || status >= 300) {
          failed++;
          return done;
        }
        if (ok === latencies.length) {
          const grown = new Float64Array(latencies.length * 2);
          grown.set(latencies);
          latencies = grown;
        }
        latencies[ok++] = done.duration;
        return done;
      };
    },
    ok: () => ok,
    failed: () => failed,
    sorted: () => latencies.subarray(0, ok).sort(),
  };
}

export async function runLoad(target: Target, source: RequestSource, options: LoadOptions): Promise<LoadResult> {
  // autocannon's own `amount` would override `duration`, so the cap is applied here.
  let stop = (): void => undefined;
  const record = recorder((answers) => {
    if (options.maxRequests !== undefined && answers >= options.maxRequests) stop();
  });
  const cpu0 = process.cpuUsage();
  const server0 = target.cpuSeconds();
  const main0 = target.mainThreadCpuSeconds();
  const machine0 = machineCpuSeconds();
  const t0 = process.hrtime.bigint();
  const instance = autocannon({
    url: target.url,
    connections: options.connections,
    duration: options.seconds,
    timeout: 10,
    // `stop()` takes effect at the next sample tick; a short one keeps the overshoot small.
    sampleInt: 100,
    ...(options.connectionPerRequest === true && { reconnectRate: 1 }),
    setupClient: record.setupClient,
    requests: [request(source)],
  });
  stop = () => instance.stop();
  const result = await instance;
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  const cpu = process.cpuUsage(cpu0);
  const serverCpu = target.cpuSeconds() - server0;
  const mainCpu = target.mainThreadCpuSeconds() - main0;
  const machineCpu = machineCpuSeconds() - machine0;
  const loadCpu = (cpu.user + cpu.system) / 1e6;
  const count = record.ok();
  const sorted = record.sorted();
  const failures: Record<string, number> = {};
  for (const [code, { count: n }] of Object.entries(result.statusCodeStats)) if (!code.startsWith('2')) failures[code] = n;
  if (record.failed() > 0 && Object.keys(failures).length === 0) failures.non2xx = record.failed();
  if (result.errors > 0) failures.errors = result.errors;
  if (result.timeouts > 0) failures.timeouts = result.timeouts;
  return {
    ok: count,
    failed: record.failed() + result.errors,
    failures,
    seconds,
    perSecond: count / seconds,
    p50: percentile(sorted, 50),
    p99: percentile(sorted, 99),
    serverCpuMsPerRequest: (serverCpu * 1000) / Math.max(count, 1),
    serverMainCpuMsPerRequest: (mainCpu * 1000) / Math.max(count, 1),
    loadCores: loadCpu / seconds,
    serverCores: serverCpu / seconds,
    otherCores: Math.max(0, machineCpu - serverCpu - loadCpu) / seconds,
  };
}
