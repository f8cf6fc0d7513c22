// The catalogue of `keyward serve` settings: each one's config-file key (also its flag name,
// when it has a flag), environment variable, kind and whether it is a secret. Flags, the
// environment and the config file are all read through this one table, so they cannot drift.

export type SettingKind = 'string' | 'number' | 'list' | 'path';

/** How --print-config shows a secret: entirely masked, or a URL with its password masked. */
export type SecretKind = 'whole' | 'url-password';

export interface Setting {
  /** The config-file key; `--KEY` on the command line when `flag` is true. */
  readonly key: string;
  readonly env: string;
  /** False for values that must not sit in a shell history or `ps` output (secrets) or rarely change. */
  readonly flag: boolean;
  readonly kind: SettingKind;
  readonly secret?: SecretKind;
}

export const SETTINGS: readonly Setting[] = [
  { key: 'port', env: 'KEYWARD_PORT', flag: true, kind: 'number' },
  { key: 'host', env: 'KEYWARD_HOST', flag: true, kind: 'string' },
  { key: 'data', env: 'KEYWARD_DATA', flag: true, kind: 'path' },
  { key: 'database-url', env: 'KEYWARD_DATABASE_URL', flag: true, kind: 'string', secret: 'url-password' },
  { key: 'log-level', env: 'KEYWARD_LOG_LEVEL', flag: true, kind: 'string' },
  { key: 'log-format', env: 'KEYWARD_LOG_FORMAT', flag: true, kind: 'string' },
  { key: 'trust-proxy', env: 'KEYWARD_TRUST_PROXY', flag: true, kind: 'list' },
  { key: 'tls-cert', env: 'KEYWARD_TLS_CERT', flag: true, kind: 'path' },
  { key: 'tls-key', env: 'KEYWARD_TLS_KEY', flag: true, kind: 'path' },
  { key: 'metrics-port', env: 'KEYWARD_METRICS_PORT', flag: true, kind: 'number' },
  { key: 'metrics-host', env: 'KEYWARD_METRICS_HOST', flag: true, kind: 'string' },
  { key: 'shutdown-timeout', env: 'KEYWARD_SHUTDOWN_TIMEOUT', flag: true, kind: 'number' },
  { key: 'audit', env: 'KEYWARD_AUDIT', flag: true, kind: 'string' },
  { key: 'audit-retention-days', env: 'KEYWARD_AUDIT_RETENTION_DAYS', flag: true, kind: 'number' },
  { key: 'audit-partition', env: 'KEYWARD_AUDIT_PARTITION', flag: true, kind: 'string' },
  { key: 'alert-root-use', env: 'KEYWARD_ALERT_ROOT_USE', flag: true, kind: 'string' },
  { key: 'alert-secret', env: 'KEYWARD_ALERT_SECRET', flag: false, kind: 'string', secret: 'whole' },
  { key: 'analyzer-scan-hours', env: 'KEYWARD_ANALYZER_SCAN_HOURS', flag: true, kind: 'number' },
  { key: 'account-id', env: 'KEYWARD_ACCOUNT_ID', flag: false, kind: 'string' },
  { key: 'root-access-key-id', env: 'KEYWARD_ROOT_ACCESS_KEY_ID', flag: false, kind: 'string' },
  { key: 'root-secret-access-key', env: 'KEYWARD_ROOT_SECRET_ACCESS_KEY', flag: false, kind: 'string', secret: 'whole' },
  { key: 'master-key', env: 'KEYWARD_MASTER_KEY', flag: false, kind: 'string', secret: 'whole' },
  { key: 'session-key-generation', env: 'KEYWARD_SESSION_KEY_GENERATION', flag: false, kind: 'number' },
  { key: 'session-keys-accepted', env: 'KEYWARD_SESSION_KEYS_ACCEPTED', flag: false, kind: 'list' },
  { key: 'smtp-url', env: 'KEYWARD_SMTP_URL', flag: true, kind: 'string', secret: 'url-password' },
  { key: 'root-password', env: 'KEYWARD_ROOT_PASSWORD', flag: false, kind: 'string', secret: 'whole' },
  { key: 'root-email', env: 'KEYWARD_ROOT_EMAIL', flag: false, kind: 'string' },
];

export const SETTING_BY_KEY: ReadonlyMap<string, Setting> = new Map(SETTINGS.map((s) => [s.key, s]));
