// Typed server configuration from command-line flags, the environment and a config file, in
// that order of precedence (flags > environment > file > defaults), read through the one table
// of settings (settings.ts).

import { parseArgs } from 'node:util';
import { readConfigFile, type RawSettings } from './config-file.js';
import { printConfig } from './print-config.js';
import { SETTINGS } from './settings.js';
import { parseTrustProxy } from './trust-proxy.js';
import type { AlertsConfig } from '../audit/rules/start-alerts.js';
import { acceptableEndpoint } from '../services/events/api-destinations.js';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error' | 'silent';
export type LogFormat = 'json' | 'pretty';

export interface ServerConfig {
  readonly port: number;
  readonly host: string;
  /** Directory of the embedded SQLite store and the master key. */
  readonly dataDir: string;
  /** When set, PostgreSQL is used instead of SQLite. */
  readonly databaseUrl?: string;
  readonly accountId?: string;
  readonly rootAccessKeyId?: string;
  readonly rootSecretAccessKey?: string;
  readonly masterKey?: string;
  /** Session token key generation to seal new tokens with, and others still accepted (rotation). */
  readonly sessionKeys?: { readonly current: number; readonly accepted: readonly number[] };
  /** Requests are logged without secrets; `silent` turns logging off. */
  readonly logLevel: LogLevel;
  /** One JSON object per line (default), or a compact human line. */
  readonly logFormat?: LogFormat;
  /** Reverse proxies whose X-Forwarded-For/-Proto give aws:SourceIp and aws:SecureTransport (trust-proxy.ts). */
  readonly trustProxy?: readonly string[];
  /** PEM certificate chain and private key files: the endpoint speaks HTTPS, reloaded on SIGHUP. */
  readonly tls?: { readonly certFile: string; readonly keyFile: string };
  /** The opt-in Prometheus listener (observability/metrics.ts). */
  readonly metrics?: { readonly port: number; readonly host: string };
  /** How long a stop waits for requests in flight before closing their connections. Default 10 s. */
  readonly shutdownTimeoutMs?: number;
  /** The audit trail (docs/audit.md): on unless turned off; events older than the retention are pruned. */
  readonly audit?: { readonly enabled: boolean; readonly retentionDays: number; readonly partition?: string };
  /** EventBridge rules' delivery and the root-use alert (docs/audit.md, Alerts). */
  readonly alerts?: AlertsConfig;
  /** `smtp://host:port` (or smtps://): where the console mails root's password reset links (docs/console.md). */
  readonly smtpUrl?: string;
  /** Root's console password and e-mail, applied at start only where root has none (never overwritten). */
  readonly rootPassword?: string;
  readonly rootEmail?: string;
  /** Hours between scheduled scans of Access Analyzer's analyzers; 0 turns the schedule off. Default 24. */
  readonly analyzerScanHours?: number;
}

export const DEFAULT_AUDIT_RETENTION_DAYS = 90;

export const DEFAULT_SHUTDOWN_TIMEOUT_MS = 10_000;

export const SERVE_HELP = `Usage: keyward serve [--config FILE] [--port 4566] [--host 127.0.0.1] [--data DIR | --database-url postgres://...]

Runs the IAM and STS endpoint.
  --config FILE          settings from a .toml or .json file (keys are these flags' names, and
                         account-id, root-access-key-id, root-secret-access-key, master-key,
                         session-key-generation, session-keys-accepted); flags and the
                         environment override it (see docs/operating.md)
  --print-config         print the effective configuration (secrets masked) and exit
  --port N               port to listen on (default 4566; 0 picks a free one)
  --host HOST            address to bind (default 127.0.0.1)
  --data DIR             embedded store and master key directory (default ./data)
  --database-url URL     use PostgreSQL instead of the embedded store
  --tls-cert FILE        PEM certificate chain: serve HTTPS (with --tls-key); SIGHUP reloads both
  --tls-key FILE         PEM private key of --tls-cert
  --metrics-port N       serve Prometheus metrics on this port (default: no metrics listener)
  --metrics-host HOST    address of the metrics listener (default 127.0.0.1)
  --log-level LEVEL      debug, info (default), warn, error or silent
  --log-format FORMAT    json (default: one JSON object per line) or pretty
  --shutdown-timeout S   seconds SIGTERM waits for requests in flight (default 10)
  --audit on|off         record every call in the audit trail (default on; docs/audit.md)
  --audit-retention-days N  keep trail events this many days (default 90, as CloudTrail's event history)
  --audit-partition NAME this node's chain in the trail (default: the host name); give each node its own
  --alert-root-use URL   POST an alert to URL whenever the root user calls an API or signs in (a managed
                         EventBridge rule; KEYWARD_ALERT_SECRET is its API key and signing secret)
  --smtp-url URL         smtp://host:port (or smtps://user:password@host:port): mail root's console
                         password reset links through it (docs/console.md)
  --analyzer-scan-hours N  scan Access Analyzer's analyzers every N hours (default 24, as AWS; 0: only
                         on create, update and StartResourceScan; docs/access-analyzer-analyzers.md)
  --trust-proxy LIST     reverse proxies (addresses, CIDR blocks, loopback, linklocal,
                         uniquelocal) whose X-Forwarded-For and X-Forwarded-Proto set
                         aws:SourceIp and aws:SecureTransport (default: none)
Environment: KEYWARD_<FLAG> for each flag (KEYWARD_PORT, KEYWARD_TLS_CERT, ...), KEYWARD_CONFIG,
KEYWARD_ACCOUNT_ID, KEYWARD_ROOT_ACCESS_KEY_ID, KEYWARD_ROOT_SECRET_ACCESS_KEY, KEYWARD_MASTER_KEY,
KEYWARD_SESSION_KEY_GENERATION (seal new session tokens with this key generation, default 1) and
KEYWARD_SESSION_KEYS_ACCEPTED (comma-separated generations still accepted while rotating; see
docs/session-tokens.md), KEYWARD_ROOT_PASSWORD and KEYWARD_ROOT_EMAIL (root's console password
and e-mail, set at start only when root has none).`;

export type ServeCommand = ServerConfig | { readonly help: true } | { readonly print: string };

const LOG_LEVELS: readonly LogLevel[] = ['debug', 'info', 'warn', 'error', 'silent'];

export function parseServeArgs(args: readonly string[], env: NodeJS.ProcessEnv): ServeCommand {
  const options: Record<string, { type: 'string' | 'boolean'; short?: string }> = {
    config: { type: 'string' },
    'print-config': { type: 'boolean' },
    help: { type: 'boolean', short: 'h' },
  };
  for (const s of SETTINGS) if (s.flag) options[s.key] = { type: 'string' };
  const { values } = parseArgs({ args: [...args], options, strict: true });
  if (values.help === true) return { help: true };
  const configFile = str(values.config) ?? nonEmpty(env.KEYWARD_CONFIG);
  const file: RawSettings = configFile === undefined ? new Map() : readConfigFile(configFile);
  // flags > environment > file; an empty environment variable counts as unset.
  const raw = new Map<string, string>();
  for (const s of SETTINGS) {
    const value = (s.flag ? str(values[s.key]) : undefined) ?? nonEmpty(env[s.env]) ?? file.get(s.key);
    if (value !== undefined) raw.set(s.key, value);
  }
  const config = resolveConfig(raw);
  if (values['print-config'] === true) return { print: printConfig(config) };
  return config;
}

/** Validates the merged settings into the one typed configuration. */
export function resolveConfig(raw: RawSettings): ServerConfig {
  const port = portNumber(raw.get('port') ?? '4566', 'port');
  const accountId = raw.get('account-id');
  if (accountId !== undefined && !/^\d{12}$/.test(accountId)) throw new Error('KEYWARD_ACCOUNT_ID must be 12 digits');
  const logLevel = raw.get('log-level') ?? 'info';
  if (!LOG_LEVELS.includes(logLevel as LogLevel)) throw new Error(`invalid log level '${logLevel}' (debug, info, warn, error or silent)`);
  const logFormat = raw.get('log-format') ?? 'json';
  if (logFormat !== 'json' && logFormat !== 'pretty') throw new Error(`invalid log format '${logFormat}' (json or pretty)`);
  const trustProxyText = raw.get('trust-proxy');
  const trustProxy = trustProxyText === undefined ? undefined : parseTrustProxy(trustProxyText);
  const sessionKeys = parseSessionKeys(raw.get('session-key-generation'), raw.get('session-keys-accepted'));
  const certFile = raw.get('tls-cert');
  const keyFile = raw.get('tls-key');
  if ((certFile === undefined) !== (keyFile === undefined)) throw new Error('--tls-cert and --tls-key go together: give both or neither');
  const metricsPortText = raw.get('metrics-port');
  const metricsHost = raw.get('metrics-host') ?? '127.0.0.1';
  const timeoutText = raw.get('shutdown-timeout');
  const timeoutSeconds = timeoutText === undefined ? undefined : Number(timeoutText);
  if (timeoutSeconds !== undefined && (!Number.isFinite(timeoutSeconds) || timeoutSeconds < 0 || timeoutSeconds > 3600)) {
    throw new Error(`invalid shutdown timeout '${timeoutText}' (seconds, 0 to 3600)`);
  }
  const auditText = raw.get('audit') ?? 'on';
  if (auditText !== 'on' && auditText !== 'off') throw new Error(`invalid audit setting '${auditText}' (on or off)`);
  const retentionText = raw.get('audit-retention-days');
  const retentionDays = retentionText === undefined ? DEFAULT_AUDIT_RETENTION_DAYS : Number(retentionText);
  if (!Number.isInteger(retentionDays) || retentionDays < 1 || retentionDays > 36_500) {
    throw new Error(`invalid audit retention '${retentionText}' (whole days, 1 to 36500)`);
  }
  const auditPartition = raw.get('audit-partition');
  if (auditPartition !== undefined && !/^[A-Za-z0-9._:-]{1,128}$/.test(auditPartition)) {
    throw new Error(`invalid audit partition '${auditPartition}' (1 to 128 letters, digits and . _ : -)`);
  }
  const alertRootUse = raw.get('alert-root-use');
  if (alertRootUse !== undefined && !acceptableEndpoint(alertRootUse)) {
    throw new Error(`invalid alert URL '${alertRootUse}' (https://..., or http:// to a loopback address)`);
  }
  const alertSecret = raw.get('alert-secret');
  const scanText = raw.get('analyzer-scan-hours');
  const analyzerScanHours = scanText === undefined ? undefined : Number(scanText);
  if (analyzerScanHours !== undefined && (!Number.isFinite(analyzerScanHours) || analyzerScanHours < 0 || analyzerScanHours > 8760)) {
    throw new Error(`invalid analyzer scan interval '${scanText}' (hours, 0 to 8760)`);
  }
  const databaseUrl = raw.get('database-url');
  const rootAccessKeyId = raw.get('root-access-key-id');
  const rootSecretAccessKey = raw.get('root-secret-access-key');
  const masterKey = raw.get('master-key');
  const smtpUrl = raw.get('smtp-url');
  if (smtpUrl !== undefined && !/^smtps?:\/\/[^/\s]+(:\d+)?\/?$/.test(smtpUrl)) throw new Error(`invalid SMTP URL (smtp://host:port or smtps://user:password@host:port)`);
  const rootPassword = raw.get('root-password');
  const rootEmail = raw.get('root-email');
  return {
    port,
    host: raw.get('host') ?? '127.0.0.1',
    dataDir: raw.get('data') ?? './data',
    ...(databaseUrl !== undefined && { databaseUrl }),
    ...(accountId !== undefined && { accountId }),
    ...(rootAccessKeyId !== undefined && { rootAccessKeyId }),
    ...(rootSecretAccessKey !== undefined && { rootSecretAccessKey }),
    ...(masterKey !== undefined && { masterKey }),
    ...(sessionKeys !== undefined && { sessionKeys }),
    ...(trustProxy !== undefined && { trustProxy }),
    ...(certFile !== undefined && keyFile !== undefined && { tls: { certFile, keyFile } }),
    ...(metricsPortText !== undefined && { metrics: { port: portNumber(metricsPortText, 'metrics port'), host: metricsHost } }),
    shutdownTimeoutMs: timeoutSeconds === undefined ? DEFAULT_SHUTDOWN_TIMEOUT_MS : Math.round(timeoutSeconds * 1000),
    audit: { enabled: auditText === 'on', retentionDays, ...(auditPartition !== undefined && { partition: auditPartition }) },
    ...(alertRootUse !== undefined && { alerts: { rootUseUrl: alertRootUse, ...(alertSecret !== undefined && { rootUseSecret: alertSecret }) } }),
    logLevel: logLevel as LogLevel,
    logFormat,
    ...(smtpUrl !== undefined && { smtpUrl }),
    ...(rootPassword !== undefined && { rootPassword }),
    ...(rootEmail !== undefined && { rootEmail }),
    ...(analyzerScanHours !== undefined && { analyzerScanHours }),
  };
}

function str(value: string | boolean | undefined): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value === '' ? undefined : value;
}

function portNumber(text: string, what: string): number {
  const port = Number(text);
  if (text.trim() === '' || !Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`invalid ${what} '${text}'`);
  return port;
}

function generation(text: string, name: string): number {
  const n = Number(text.trim());
  if (!Number.isInteger(n) || n < 1 || n > 1_000_000) throw new Error(`${name} must hold key generations (whole numbers from 1)`);
  return n;
}

function parseSessionKeys(current: string | undefined, accepted: string | undefined): ServerConfig['sessionKeys'] {
  if (current === undefined && accepted === undefined) return undefined;
  return {
    current: current !== undefined ? generation(current, 'KEYWARD_SESSION_KEY_GENERATION') : 1,
    accepted: accepted !== undefined ? accepted.split(',').map((g) => generation(g, 'KEYWARD_SESSION_KEYS_ACCEPTED')) : [],
  };
}
