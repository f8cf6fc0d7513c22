// `keyward import FILE`: loads an export into an empty store, all or nothing (docs/backup.md).
import { parseArgs } from 'node:util';
import { BackupError } from '../storage/backup/dump-format.js';
import { importFile } from '../storage/backup/import-file.js';
import type { CliIo } from './io.js';
import { existingMasterKey, STORE_LOCATION_HELP, storeLocation } from './store-location.js';

export const IMPORT_HELP = `Usage: keyward import FILE [--data DIR | --database-url URL]

Loads an export made by 'keyward export' into an empty store (SQLite or PostgreSQL), in one
transaction: the same ids, ARNs, dates, keys and MFA devices. Refuses, writing nothing, a
store that is not empty, an export from a newer keyward, and an export whose secrets are
sealed under another master key: give the target the exporting deployment's master key.
${STORE_LOCATION_HELP}`;

export async function runImport(args: readonly string[], io: CliIo, env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const { values, positionals } = parseArgs({
    args: [...args],
    allowPositionals: true,
    options: { data: { type: 'string' }, 'database-url': { type: 'string' }, help: { type: 'boolean', short: 'h' } },
  });
  if (values.help) {
    io.out(IMPORT_HELP);
    return 0;
  }
  const [file, ...extra] = positionals;
  if (file === undefined || extra.length > 0) {
    io.err(IMPORT_HELP);
    return 2;
  }
  const location = storeLocation(values, env);
  try {
    const secrets = await existingMasterKey(location.dataDir, env);
    const summary = await importFile(file, location.config, { secrets });
    io.out(
      `keyward: imported ${summary.rows} rows of ${summary.tables} tables (account ${summary.header.accountId ?? 'none'}, exported ${summary.header.createdAt}) into ${location.label}`,
    );
    return 0;
  } catch (error) {
    if (!(error instanceof BackupError)) throw error;
    io.err(`keyward import: ${error.message}`);
    return 1;
  }
}
