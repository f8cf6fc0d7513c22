// A writer killed with SIGKILL in the middle of its writes leaves a vault that opens, holding
// one of the values it wrote: the rename makes each write all or nothing. The lock it held is
// taken over by the next writer.

import { spawn } from 'node:child_process';
import { mkdtemp, readdir, rm, stat } from 'node:fs/promises';
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

describe('file store under a crash', () => {
  it('opens after its writer is killed mid-write', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'keyward-vault-crash-'));
    dirs.push(dir);
    const path = join(dir, 'vault.json');
    const script = `
      const { fileStore } = await import(${JSON.stringify(storeModule)});
      const store = fileStore({ path: ${JSON.stringify(path)}, passphrase: async () => 'p', scrypt: { N: 1024, r: 8, p: 1 } });
      for (let i = 0; ; i += 1) { await store.set('counter', String(i)); await store.set('big', 'x'.repeat(50000) + i); }`;
    const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { stdio: 'ignore' });
    for (let i = 0; i < 200; i += 1) {
      const size = await stat(path).then((s) => s.size, () => 0);
      if (size > 60_000) break;
      await new Promise((r) => setTimeout(r, 25));
    }
    await new Promise((r) => setTimeout(r, 300));
    child.kill('SIGKILL');
    await new Promise((r) => child.once('close', r));
    const store = fileStore({ path, passphrase: async () => 'p' });
    const counter = Number(await store.get('counter'));
    expect(Number.isInteger(counter) && counter >= 0).toBe(true);
    expect(await store.get('big')).toMatch(/^x{50000}\d+$/);
    // At most the one temporary file of the write that was cut short is left beside it, and the
    // dead writer's lock, which the next writer takes over.
    expect((await readdir(dir)).filter((f) => f !== 'vault.json' && f !== 'vault.json.lock').length).toBeLessThanOrEqual(1);
    await store.set('after', 'the crash');
    expect(await fileStore({ path, passphrase: async () => 'p' }).get('after')).toBe('the crash');
    expect(await readdir(dir)).not.toContain('vault.json.lock');
  }, 30_000);
});
