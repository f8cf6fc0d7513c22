// Every table a dump carries, in an order where each table comes after the tables its
// foreign keys point at, so an import can insert in file order. A test compares this list
// with the migrated schema on both backends: a migration that adds a table fails it until the
// table is listed here.

/** The migration ledger: not data, its level travels in the dump's header instead. */
export const LEDGER_TABLE = 'schema_migrations';

export const BACKUP_TABLES: readonly string[] = [
  'accounts',
  'account_aliases',
  'users',
  'groups',
  'group_members',
  'roles',
  'instance_profiles',
  'instance_profile_roles',
  'managed_policies',
  'policy_versions',
  'user_policy_attachments',
  'user_inline_policies',
  'group_policy_attachments',
  'group_inline_policies',
  'role_policy_attachments',
  'role_inline_policies',
  'access_keys',
  'login_profiles',
  'password_history',
  'mfa_devices',
  'signing_certificates',
  'ssh_public_keys',
  'service_specific_credentials',
  'oidc_providers',
  'saml_providers',
  'server_certificates',
  'service_access_events',
  'service_last_accessed_jobs',
  'credential_reports',
  'used_once',
  'audit_events',
  'audit_event_resources',
  'audit_heads',
  'audit_digests',
  'service_definitions',
  'events_rules',
  'events_targets',
  'events_connections',
  'events_api_destinations',
  'events_outbox',
  'events_dead_letters',
  'policy_generations',
  'root_contacts',
  'root_password_resets',
  'analyzers',
  'analyzer_archive_rules',
  'analyzer_findings',
  'analyzer_client_tokens',
  'console_explanations',
];

const KNOWN = new Set(BACKUP_TABLES);

export function isBackupTable(name: string): boolean {
  return KNOWN.has(name);
}
