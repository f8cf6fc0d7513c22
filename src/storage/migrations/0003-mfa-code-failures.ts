// Wrong MFA codes counted in the store, so every node sharing a database counts the same
// failures and honours the same lock (session 1 counted them in each process's memory).
import type { Migration } from './migration.js';

export const mfaCodeFailures: Migration = {
  version: 3,
  name: 'mfa-code-failures',
  statements: [
    'ALTER TABLE mfa_devices ADD COLUMN failed_codes INTEGER NOT NULL DEFAULT 0',
    'ALTER TABLE mfa_devices ADD COLUMN codes_locked_until BIGINT',
  ],
};
