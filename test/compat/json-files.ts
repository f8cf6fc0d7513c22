// A scratch directory holding JSON documents as files, the way a user passes them to the CLI
// (`--policy-document file://policy.json`).
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A fresh directory with one pretty-printed file per entry (name -> document). */
export async function dirWithJsonFiles(files: Readonly<Record<string, unknown>>): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'keyward-compat-files-'));
  for (const [name, document] of Object.entries(files)) await writeFile(join(dir, name), `${JSON.stringify(document, null, 2)}\n`);
  return dir;
}
