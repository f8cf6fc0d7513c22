// `keyward export --out FILE`: a consistent, versioned dump of the whole store, taken while
// servers keep running (docs/backup.md).
import { parseArgs } from 'node:util';
import { openBackupStore } from '../storage/backup/backup-location.js';
import { BackupError } from '../storage/backup/dump-format.js';
import { writeExportFile } from '../storage/backup/export-file.js';
import type { CliIo } from './io.js';
import { existingMasterKey, STORE_LOCATION_HELP, storeLocation } from './store-location.js';

export const EXPORT_HELP = `Usage: keyward export --out FILE [--data DIR | --database-url URL]

Writes every table of the store (entities, policy versions, tags, credentials with their
secrets still sealed under the master key, MFA devices, passwords, providers, certificates,
access history, account settings) to FILE as gzip'd JSON lines, from one snapshot, while
servers keep running. The master key itself is not in the file: keep it separately.
  --out FILE           where to write the export (replaced only when the export is complete)
${STORE_LOCATION_HELP}`;

export async function runExport(args: readonly string[], io: CliIo, env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const { values } = parseArgs({
    args: [...args],
    options: { out: { type: 'string' }, data: { type: 'string' }, 'database-url': { type: 'string' }, help: { type: 'boolean', short: 'h' } },
  });
  if (values.help) {
    io.out(EXPORT_HELP);
    return 0;
  }
  if (values.out === undefined || values.out === '') {
    io.err(EXPORT_HELP);
    return 2;
  }
  const location = storeLocation(values, env);
  try {
    const secrets = await existingMasterKey(location.dataDir, env);
    const store = openBackupStore(location.config, { mustExist: true });
    try {
      const summary = await writeExportFile(store, values.out, { secrets });
      io.out(
        `keyward: exported ${summary.rows} rows of ${summary.tables} tables (account ${summary.header.accountId ?? 'none'}, schema ${summary.header.storeSchemaVersion}) to ${values.out}`,
      );
      return 0;
    } finally {
      await store.close();
    }
  } catch (error) {
    if (!(error instanceof BackupError)) throw error;
    io.err(`keyward export: ${error.message}`);
    return 1;
  }
}
