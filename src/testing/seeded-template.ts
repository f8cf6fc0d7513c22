// A SQLite store holding only the AWS managed policy catalogue, made once per process: loading
// 1,600 policies takes about a second, copying the file a few milliseconds.

import { rmSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { seedAwsManagedPolicies } from '../server/bootstrap.js';
import { openStore } from '../storage/open-store.js';

let template: Promise<string> | undefined;

/** The template's file; removed when the process exits. Copy it, never open it for writing. */
export function seededTemplate(): Promise<string> {
  template ??= (async () => {
    const dir = await mkdtemp(join(tmpdir(), 'keyward-testing-template-'));
    process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
    const file = join(dir, 'keyward.db');
    const store = await openStore({ kind: 'sqlite', file });
    try {
      await seedAwsManagedPolicies(store);
    } finally {
      await store.close();
    }
    return file;
  })();
  // A failed attempt is not cached: the next caller tries again.
  template.catch(() => {
    template = undefined;
  });
  return template;
}
