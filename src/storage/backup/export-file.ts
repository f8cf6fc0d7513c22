// `keyward export`'s file: the dump lines gzip'd into FILE. Written beside it under a
// temporary name and renamed at the end, so FILE is either a complete export or untouched.
import { createWriteStream } from 'node:fs';
import { rm, rename } from 'node:fs/promises';
import { once } from 'node:events';
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';
import { exportStore, type BackupStore, type ExportOptions, type ExportSummary, type LineSink } from './export-store.js';

/** Lines gathered into chunks of this many characters before they go to gzip. */
const CHUNK = 64 * 1024;

export async function writeExportFile(store: BackupStore, file: string, options: ExportOptions): Promise<ExportSummary> {
  const temporary = `${file}.${process.pid}.partial`;
  const gzip = createGzip();
  const written = pipeline(gzip, createWriteStream(temporary, { mode: 0o600 }));
  // Surfaced by `written`; without a handler an early failure would also be unhandled here.
  written.catch(() => undefined);
  let buffered: string[] = [];
  let size = 0;
  const push = async (): Promise<void> => {
    const chunk = buffered.join('');
    buffered = [];
    size = 0;
    if (!gzip.write(chunk)) await Promise.race([once(gzip, 'drain'), written]);
  };
  const sink: LineSink = {
    write(line) {
      buffered.push(line, '\n');
      size += line.length + 1;
      return size >= CHUNK ? push() : Promise.resolve();
    },
  };
  try {
    const summary = await exportStore(store, sink, options);
    await push();
    gzip.end();
    await written;
    await rename(temporary, file);
    return summary;
  } catch (error) {
    gzip.destroy();
    await written.catch(() => undefined);
    await rm(temporary, { force: true });
    throw error;
  }
}
