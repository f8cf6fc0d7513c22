// Two processes writing the same vault file at once: with the lock beside the file each one's
// read-change-replace sees the other's changes, so every item either of them wrote is there.
// (Without the lock the last rename wins and most of the other's items are lost.)

import { spawn } from 'node:child_process';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { fileStore } from './file-store.js';

const dirs: string[] = [];
afterAll(async () => {
  for (const d of dirs) await rm(d, { recursive: true, force: true });
});

const storeModule = fileURLToPath(new URL('./file-store.ts', import.meta.url));
const WRITES = 40;

interface Writer {
  readonly ready: Promise<void>;
  go(): void;
  readonly done: Promise<number | null>;
}

/** A process that opens the vault, says `ready`, and on `go` (a line on stdin) writes WRITES items and deletes one. */
function writer(path: string, prefix: string): Writer {
  const script = `
    const { fileStore } = await import(${JSON.stringify(storeModule)});
    const store = fileStore({ path: ${JSON.stringify(path)}, passphrase: async () => 'p', scrypt: { N: 1024, r: 8, p: 1 } });
    await store.keys();
    process.stdout.write('ready\\n');
    await new Promise((r) => process.stdin.once('data', r));
    for (let i = 0; i < ${WRITES}; i += 1) await store.set('${prefix}/' + i, String(i));
    await store.delete('${prefix}/0');
    process.exit(0);`;
  const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { stdio: ['pipe', 'pipe', 'inherit'] });
  return {
    ready: new Promise((resolve) => child.stdout.once('data', () => resolve())),
    go: () => child.stdin.write('go\n'),
    done: new Promise((resolve) => child.once('close', resolve)),
  };
}

describe('file store with two writing processes', () => {
  it('loses no update when two processes write at the same moment', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'keyward-vault-race-'));
    dirs.push(dir);
    const path = join(dir, 'vault.json');
    const store = fileStore({ path, passphrase: async () => 'p', scrypt: { N: 1024, r: 8, p: 1 } });
    await store.set('seed', 'made first');
    // Both start writing at the same instant, once both have started up.
    const writers = [writer(path, 'a'), writer(path, 'b')];
    await Promise.all(writers.map((w) => w.ready));
    for (const w of writers) w.go();
    expect(await Promise.all(writers.map((w) => w.done))).toEqual([0, 0]);
    const keys = await store.keys();
    const expected = ['seed', ...['a', 'b'].flatMap((p) => Array.from({ length: WRITES - 1 }, (_, i) => `${p}/${i + 1}`))].sort();
    expect(keys).toEqual(expected);
    expect(await store.get('b/7')).toBe('7');
    // Nothing left beside the vault: no lock, no temporary file.
    expect(await readdir(dir)).toEqual(['vault.json']);
  }, 60_000);
});
