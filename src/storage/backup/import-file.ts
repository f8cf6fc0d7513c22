// `keyward import`'s file side: reads a gzip'd export line by line (never whole) and loads it
// into the store at `target`. Header refusals happen before the target is opened; a new
// SQLite file (or data directory) that the import created is removed again when it fails.
import { createReadStream, existsSync } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import { dirname } from 'node:path';
import { createInterface } from 'node:readline';
import { createGunzip } from 'node:zlib';
import type { StoreConfig } from '../open-store.js';
import { openBackupStore } from './backup-location.js';
import { checkHeader, importStore, type ImportOptions, type ImportSummary } from './import-store.js';
import { BackupError } from './dump-format.js';

export async function importFile(file: string, target: StoreConfig, options: ImportOptions): Promise<ImportSummary> {
  if (!existsSync(file)) throw new BackupError(`no export at ${file}`);
  const input = createReadStream(file).pipe(createGunzip());
  const reader = createInterface({ input, crlfDelay: Infinity });
  // A damaged gzip stream fails the read loop through the interface; keep it from going unhandled.
  const failed = new Promise<never>((_, reject) => input.once('error', (error) => reject(new BackupError(`the export cannot be read: ${error.message}`))));
  failed.catch(() => undefined);
  const lines = reader[Symbol.asyncIterator]();
  const next = (): Promise<IteratorResult<string>> => Promise.race([lines.next(), failed]);
  const rest: AsyncIterator<string> = { next };
  try {
    const first = await next();
    const firstLine = first.done === true ? undefined : first.value;
    checkHeader(firstLine, options.secrets);
    const createsFile = target.kind === 'sqlite' && !existsSync(target.file);
    // The first directory mkdir made, if it made any: removed again when the import fails.
    const createdDir = target.kind === 'sqlite' ? await mkdir(dirname(target.file), { recursive: true }) : undefined;
    const store = openBackupStore(target, { mustExist: false });
    let summary: ImportSummary;
    try {
      summary = await importStore(store, firstLine, rest, options);
    } catch (error) {
      await store.close();
      if (createdDir !== undefined) await rm(createdDir, { recursive: true, force: true });
      else if (createsFile && target.kind === 'sqlite') {
        for (const suffix of ['', '-wal', '-shm']) await rm(`${target.file}${suffix}`, { force: true });
      }
      throw error;
    }
    await store.close();
    return summary;
  } finally {
    reader.close();
    input.destroy();
  }
}
