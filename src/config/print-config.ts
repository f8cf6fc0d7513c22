// `keyward serve --print-config`: the effective configuration as a keyward.toml would hold it,
// with every secret masked (the root secret key and master key entirely, a database URL's
// password), so it can be pasted into a ticket.

import { stringify } from 'smol-toml';
import type { ServerConfig } from './config.js';
import { SETTING_BY_KEY } from './settings.js';

const MASK = '********';

export function printConfig(config: ServerConfig): string {
  const table: Record<string, string | number | string[]> = {
    port: config.port,
    host: config.host,
    data: config.dataDir,
    'log-level': config.logLevel,
    'log-format': config.logFormat ?? 'json',
    'shutdown-timeout': (config.shutdownTimeoutMs ?? 10_000) / 1000,
  };
  if (config.databaseUrl !== undefined) table['database-url'] = config.databaseUrl;
  if (config.trustProxy !== undefined) table['trust-proxy'] = [...config.trustProxy];
  if (config.tls !== undefined) {
    table['tls-cert'] = config.tls.certFile;
    table['tls-key'] = config.tls.keyFile;
  }
  if (config.metrics !== undefined) {
    table['metrics-port'] = config.metrics.port;
    table['metrics-host'] = config.metrics.host;
  }
  if (config.accountId !== undefined) table['account-id'] = config.accountId;
  if (config.rootAccessKeyId !== undefined) table['root-access-key-id'] = config.rootAccessKeyId;
  if (config.rootSecretAccessKey !== undefined) table['root-secret-access-key'] = config.rootSecretAccessKey;
  if (config.masterKey !== undefined) table['master-key'] = config.masterKey;
  if (config.sessionKeys !== undefined) {
    table['session-key-generation'] = config.sessionKeys.current;
    table['session-keys-accepted'] = config.sessionKeys.accepted.map(String);
  }
  if (config.smtpUrl !== undefined) table['smtp-url'] = config.smtpUrl;
  if (config.rootPassword !== undefined) table['root-password'] = config.rootPassword;
  if (config.rootEmail !== undefined) table['root-email'] = config.rootEmail;
  for (const [key, value] of Object.entries(table)) {
    const secret = SETTING_BY_KEY.get(key)?.secret;
    if (secret === 'whole') table[key] = MASK;
    else if (secret === 'url-password' && typeof value === 'string') table[key] = maskUrlPassword(value);
  }
  return stringify(table);
}

/** postgres://user:secret@host/db -> postgres://user:********@host/db; anything unparsable is masked whole. */
export function maskUrlPassword(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password !== '') parsed.password = MASK;
    // A password may also travel as a query parameter (libpq's ?password=).
    if (parsed.searchParams.has('password')) parsed.searchParams.set('password', MASK);
    return parsed.toString();
  } catch {
    return MASK;
  }
}
