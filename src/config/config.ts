// Typed server configuration from command-line flags and the environment.

import { parseArgs } from 'node:util';
import { parseTrustProxy } from './trust-proxy.js';

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
  readonly logLevel: 'info' | 'warn' | 'silent';
  /** Reverse proxies whose X-Forwarded-For/-Proto give aws:SourceIp and aws:SecureTransport (trust-proxy.ts). */
  readonly trustProxy?: readonly string[];
}

export const SERVE_HELP = `Usage: keyward serve [--port 4566] [--host 127.0.0.1] [--data DIR | --database-url postgres://...]

Runs the IAM and STS endpoint.
  --port N             port to listen on (default 4566; 0 picks a free one)
  --host HOST          address to bind (default 127.0.0.1)
  --data DIR           embedded store and master key directory (default ./data)
  --database-url URL   use PostgreSQL instead of the embedded store
  --log-level LEVEL    info (default), warn or silent
  --trust-proxy LIST   reverse proxies (addresses, CIDR blocks, loopback, linklocal,
                       uniquelocal) whose X-Forwarded-For and X-Forwarded-Proto set
                       aws:SourceIp and aws:SecureTransport (default: none)
Environment: KEYWARD_ACCOUNT_ID, KEYWARD_ROOT_ACCESS_KEY_ID, KEYWARD_ROOT_SECRET_ACCESS_KEY,
KEYWARD_MASTER_KEY, KEYWARD_DATABASE_URL, KEYWARD_TRUST_PROXY, KEYWARD_SESSION_KEY_GENERATION (seal new session
tokens with this key generation, default 1) and KEYWARD_SESSION_KEYS_ACCEPTED (comma-separated
generations still accepted while rotating; see docs/session-tokens.md).`;

export function parseServeArgs(args: readonly string[], env: NodeJS.ProcessEnv): ServerConfig | { help: true } {
  const { values } = parseArgs({
    args: [...args],
    options: {
      port: { type: 'string' },
      host: { type: 'string' },
      data: { type: 'string' },
      'database-url': { type: 'string' },
      'log-level': { type: 'string' },
      'trust-proxy': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) return { help: true };
  const port = Number(values.port ?? env.KEYWARD_PORT ?? '4566');
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`invalid port '${values.port}'`);
  const accountId = env.KEYWARD_ACCOUNT_ID;
  if (accountId !== undefined && accountId !== '' && !/^\d{12}$/.test(accountId)) {
    throw new Error('KEYWARD_ACCOUNT_ID must be 12 digits');
  }
  const logLevel = values['log-level'] ?? 'info';
  if (logLevel !== 'info' && logLevel !== 'warn' && logLevel !== 'silent') throw new Error(`invalid log level '${logLevel}'`);
  const databaseUrl = values['database-url'] ?? env.KEYWARD_DATABASE_URL;
  const trustProxyText = values['trust-proxy'] ?? env.KEYWARD_TRUST_PROXY;
  const trustProxy = trustProxyText === undefined || trustProxyText === '' ? undefined : parseTrustProxy(trustProxyText);
  const sessionKeys = parseSessionKeys(env.KEYWARD_SESSION_KEY_GENERATION, env.KEYWARD_SESSION_KEYS_ACCEPTED);
  return {
    port,
    host: values.host ?? '127.0.0.1',
    dataDir: values.data ?? env.KEYWARD_DATA ?? './data',
    ...(databaseUrl ? { databaseUrl } : {}),
    ...(accountId ? { accountId } : {}),
    ...(env.KEYWARD_ROOT_ACCESS_KEY_ID ? { rootAccessKeyId: env.KEYWARD_ROOT_ACCESS_KEY_ID } : {}),
    ...(env.KEYWARD_ROOT_SECRET_ACCESS_KEY ? { rootSecretAccessKey: env.KEYWARD_ROOT_SECRET_ACCESS_KEY } : {}),
    ...(env.KEYWARD_MASTER_KEY ? { masterKey: env.KEYWARD_MASTER_KEY } : {}),
    ...(sessionKeys !== undefined && { sessionKeys }),
    ...(trustProxy !== undefined && { trustProxy }),
    logLevel,
  };
}

function generation(text: string, name: string): number {
  const n = Number(text.trim());
  if (!Number.isInteger(n) || n < 1 || n > 1_000_000) throw new Error(`${name} must hold key generations (whole numbers from 1)`);
  return n;
}

function parseSessionKeys(current: string | undefined, accepted: string | undefined): ServerConfig['sessionKeys'] {
  if ((current === undefined || current === '') && (accepted === undefined || accepted === '')) return undefined;
  return {
    current: current ? generation(current, 'KEYWARD_SESSION_KEY_GENERATION') : 1,
    accepted: accepted ? accepted.split(',').map((g) => generation(g, 'KEYWARD_SESSION_KEYS_ACCEPTED')) : [],
  };
}
