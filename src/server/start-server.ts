// Starts Keyward: opens the store, loads the master key, bootstraps the account and listens
// (HTTP, or HTTPS with --tls-cert/--tls-key), with the metrics listener when configured.
// Returns a handle to reload the certificate and to stop gracefully (the CLI maps SIGHUP,
// SIGTERM and SIGINT to them).

import { hostname } from 'node:os';
import { join } from 'node:path';
import { mkdir } from 'node:fs/promises';
import type { Server as TlsServer } from 'node:tls';
import { loadMasterKey, SecretBox } from '../auth/secret-box.js';
import { configureSessionTokenKeys } from '../auth/session-token.js';
import { DEFAULT_AUDIT_RETENTION_DAYS, DEFAULT_SHUTDOWN_TIMEOUT_MS, type ServerConfig } from '../config/config.js';
import { startTrail } from '../audit/trail/start-trail.js';
import { SharedWriteLock } from '../storage/sqlite/shared-write-lock.js';
import { startAlerts } from '../audit/rules/start-alerts.js';
import { cryptoRandom } from '../domain/random.js';
import { instrumentStore } from '../observability/instrument-store.js';
import { loggerOptions } from '../observability/log-format.js';
import { listenMetrics, type MetricsListener } from '../observability/metrics-server.js';
import { ServerMetrics } from '../observability/metrics.js';
import { openStore } from '../storage/open-store.js';
import { bufferUsage, type BufferedStore } from '../storage/usage-buffer.js';
import { DefinedServices } from '../authorize/catalogue/defined-services.js';
import { stopUsingDefinedServices, useDefinedServices } from '../authorize/catalogue/service-catalogue.js';
import { loadServiceDirectory } from '../authorize/definition-store.js';
import { buildApp } from './app.js';
import { applyRootBootstrap } from '../console/server/root-account.js';
import { DEFAULT_ANALYZER_SCAN_HOURS, startAnalyzerSchedule } from '../services/accessanalyzer/analyzers/schedule.js';
import { bootstrap, type BootstrapResult } from './bootstrap.js';
import type { Log } from './deps.js';
import { createCallers } from './caller-cache.js';
import { loadTlsPair } from './tls.js';

export interface RunningServer {
  readonly url: string;
  readonly port: number;
  readonly accountId: string;
  readonly bootstrap: BootstrapResult;
  /** The server's logger (fastify's), for the CLI's own events (reloads, shutdown). */
  readonly log: Log;
  /** The Prometheus scrape URL, when the metrics listener is on. */
  readonly metricsUrl?: string;
  /** Reads the TLS files again and serves the new pair; on failure keeps the old one and rejects. */
  reloadTls(): Promise<void>;
  /** Writes the buffered last-used times and access records now (keyward/testing's reset). */
  flushUsage(): Promise<void>;
  /**
   * Stops accepting, lets requests in flight finish (up to the shutdown timeout, then closes
   * their connections), writes the usage buffer and closes the store. Calling it again waits
   * for the same stop.
   */
  stop(): Promise<void>;
}

export interface StartOptions {
  readonly clock?: () => Date;
  /** Where log lines go; default stderr. */
  readonly logDestination?: { write(text: string): void };
  /** `--services DIR`: service definitions (src/authorize/) loaded, or replaced, at start. */
  readonly servicesDir?: string;
}

export async function startServer(config: ServerConfig, options: StartOptions = {}): Promise<RunningServer> {
  const clock = options.clock ?? (() => new Date());
  const usesDataDir = config.databaseUrl === undefined || config.masterKey === undefined;
  if (usesDataDir) await mkdir(config.dataDir, { recursive: true });
  let tls = config.tls === undefined ? undefined : await loadTlsPair(config.tls);
  // Filled in once the app (and its logger) exists; nothing logs before that.
  const late: { log?: Log; buffered?: BufferedStore } = {};
  const log: Log = {
    info: (fields, message) => late.log?.info(fields, message),
    error: (fields, message) => late.log?.error(fields, message),
  };
  // On SQLite the trail's worker thread writes the same file; its writes and this thread's take turns on this lock.
  const sqliteFile = join(config.dataDir, 'keyward.db');
  const writeLock = config.databaseUrl === undefined ? new SharedWriteLock(1) : undefined;
  const opened = await openStore(config.databaseUrl !== undefined ? { kind: 'postgres', url: config.databaseUrl } : { kind: 'sqlite', file: sqliteFile, ...(writeLock !== undefined && { writeLock }) });
  const health = opened.health?.bind(opened);
  const metrics =
    config.metrics === undefined
      ? undefined
      : new ServerMetrics({
          usageBacklog: () => late.buffered?.pendingUsage() ?? 0,
          ...(config.databaseUrl !== undefined && health !== undefined && { listenerUp: async () => (await health()).changeListener === 'up' }),
        });
  // Last-used times and access advisor's attempts are written about once a second, not per request.
  const store = bufferUsage(metrics === undefined ? opened : instrumentStore(opened, (op, s) => metrics.storeOperation(op, s)), {
    onError: (error) => log.error({ err: error instanceof Error ? error.message : String(error) }, 'writing last-used times failed'),
  });
  late.buffered = store;
  const masterKey = await loadMasterKey({ dataDir: config.dataDir, ...(config.masterKey !== undefined && { envValue: config.masterKey }) });
  const secrets = new SecretBox(masterKey);
  if (config.sessionKeys !== undefined) configureSessionTokenKeys(secrets, config.sessionKeys);
  const boot = await bootstrap(store, {
    ...(config.accountId !== undefined && { accountId: config.accountId }),
    ...(config.rootAccessKeyId !== undefined && { rootAccessKeyId: config.rootAccessKeyId }),
    ...(config.rootSecretAccessKey !== undefined && { rootSecretAccessKey: config.rootSecretAccessKey }),
    now: clock(),
    random: cryptoRandom,
    secrets,
  });
  // Root's console password and e-mail from the environment, where root has none yet.
  if (config.rootPassword !== undefined || config.rootEmail !== undefined) {
    await applyRootBootstrap(store, boot.accountId, { ...(config.rootPassword !== undefined && { password: config.rootPassword }), ...(config.rootEmail !== undefined && { email: config.rootEmail }) }, clock());
  }
  // Policies, the simulator and access advisor see the platform's defined services (service-catalogue.ts).
  const definedServices = new DefinedServices(store);
  useDefinedServices(definedServices);
  if (options.servicesDir !== undefined) {
    try {
      await loadServiceDirectory(store, options.servicesDir, boot.accountId, clock());
    } catch (error) {
      stopUsingDefinedServices(definedServices);
      await store.close();
      throw error;
    }
  }
  const callers = createCallers(store, secrets, metrics === undefined ? {} : { onLookup: (cache, hit) => metrics.cacheLookup(cache, hit) });
  const audit = config.audit ?? { enabled: true, retentionDays: DEFAULT_AUDIT_RETENTION_DAYS };
  const trail = audit.enabled
    ? startTrail(store, masterKey, {
        partition: audit.partition ?? hostname(),
        retentionDays: audit.retentionDays,
        clock,
        onError: (error) => log.error({ err: error instanceof Error ? error.message : String(error) }, 'writing the audit trail failed'),
        ...(writeLock !== undefined && { worker: { file: sqliteFile, writeLock: writeLock.buffer } }),
      })
    : undefined;
  // Rules are matched as the trail appends; without a trail there is nothing to alert on.
  const alerts =
    trail === undefined
      ? undefined
      : await startAlerts({
          store,
          secrets,
          trail: trail.trail,
          accountId: boot.accountId,
          clock,
          ...(config.alerts !== undefined && { config: config.alerts }),
          onError: (error) => log.error({ err: error instanceof Error ? error.message : String(error) }, 'delivering alerts failed'),
        });
  // Analyzers scan again on the server clock's schedule (docs/access-analyzer-analyzers.md).
  const scanHours = config.analyzerScanHours ?? DEFAULT_ANALYZER_SCAN_HOURS;
  const analyzerSchedule =
    scanHours > 0
      ? startAnalyzerSchedule(store, {
          clock,
          intervalMs: scanHours * 60 * 60 * 1000,
          onError: (error) => log.error({ err: error instanceof Error ? error.message : String(error) }, 'scheduled analyzer scan failed'),
        })
      : undefined;
  const app = buildApp(
    { store, secrets, clock, random: cryptoRandom, callers, log, ...(metrics !== undefined && { metrics }), ...(trail !== undefined && { trail: trail.trail }) },
    {
      // Silent means no logger at all: fastify then skips its per-request child loggers.
      logger: config.logLevel === 'silent' ? false : loggerOptions(config.logLevel, config.logFormat ?? 'json', options.logDestination ?? process.stderr),
      ...(config.trustProxy !== undefined && { trustProxy: config.trustProxy }),
      ...(tls !== undefined && { tls }),
      ...(config.smtpUrl !== undefined && { console: { smtpUrl: config.smtpUrl } }),
    },
  );
  late.log = app.log;
  await app.listen({ port: config.port, host: config.host });
  const address = app.server.address();
  const port = typeof address === 'object' && address !== null ? address.port : config.port;
  let metricsListener: MetricsListener | undefined;
  try {
    if (metrics !== undefined && config.metrics !== undefined) metricsListener = await listenMetrics(metrics, config.metrics);
  } catch (error) {
    await app.close();
    await analyzerSchedule?.stop();
    await alerts?.stop();
    await trail?.stop();
    await store.close();
    throw error;
  }
  const timeoutMs = config.shutdownTimeoutMs ?? DEFAULT_SHUTDOWN_TIMEOUT_MS;
  let stopping: Promise<void> | undefined;
  const host = config.host.includes(':') ? `[${config.host}]` : config.host;
  return {
    url: `${tls === undefined ? 'http' : 'https'}://${host}:${port}`,
    port,
    accountId: boot.accountId,
    bootstrap: boot,
    log,
    ...(metricsListener !== undefined && { metricsUrl: metricsListener.url }),
    async reloadTls() {
      if (config.tls === undefined || tls === undefined) throw new Error('TLS is not configured: nothing to reload');
      const next = await loadTlsPair(config.tls);
      (app.server as unknown as TlsServer).setSecureContext({ cert: next.cert, key: next.key });
      tls = next;
    },
    async flushUsage() {
      await store.flushUsage();
      await trail?.trail.flush();
    },
    stop() {
      stopping ??= (async () => {
        // Requests still running at the deadline lose their connections; the store still closes.
        const deadline = setTimeout(() => app.server.closeAllConnections(), timeoutMs);
        try {
          await app.close();
        } finally {
          clearTimeout(deadline);
        }
        await metricsListener?.close();
        await analyzerSchedule?.stop();
        await trail?.stop();
        stopUsingDefinedServices(definedServices);
        await alerts?.stop();
        await store.close();
      })();
      return stopping;
    },
  };
}
