// The lock beside the vault file: one holder at a time, released on error, a dead owner's lock
// taken over, a live one waited for and then reported.

import { spawnSync } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { withFileLock } from './file-lock.js';

const dirs: string[] = [];
afterAll(async () => {
  for (const d of dirs) await rm(d, { recursive: true, force: true });
});

async function lockPath(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'keyward-vault-lock-'));
  dirs.push(dir);
  return join(dir, 'vault.json.lock');
}

/** The pid of a process that has already exited. */
function deadPid(): number {
  const { pid } = spawnSync(process.execPath, ['-e', '']);
  return pid as number;
}

describe('vault file lock', () => {
  it('lets one holder in at a time and removes the lock afterwards', async () => {
    const path = await lockPath();
    let inside = 0;
    let most = 0;
    const order: number[] = [];
    await Promise.all(
      Array.from({ length: 5 }, (_, i) =>
        withFileLock(path, async () => {
          inside += 1;
          most = Math.max(most, inside);
          const owner = JSON.parse(await readFile(path, 'utf8')) as { pid: number; host: string };
          expect(owner).toMatchObject({ pid: process.pid, host: hostname() });
          await new Promise((r) => setTimeout(r, 15));
          order.push(i);
          inside -= 1;
        }, { pollMs: 2 }),
      ),
    );
    expect(most).toBe(1);
    expect(order.sort()).toEqual([0, 1, 2, 3, 4]);
    expect(await readdir(join(path, '..'))).toEqual([]);
  });

  it('releases the lock when the work throws', async () => {
    const path = await lockPath();
    await expect(withFileLock(path, async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(await withFileLock(path, async () => 'again')).toBe('again');
  });

  it('takes over a lock left by a process that died', async () => {
    const path = await lockPath();
    await writeFile(path, JSON.stringify({ pid: deadPid(), host: hostname(), token: 'dead' }));
    expect(await withFileLock(path, async () => 'mine', { timeoutMs: 2000 })).toBe('mine');
    expect(await readdir(join(path, '..'))).toEqual([]);
  });

  it('waits for a live holder, then says who holds it', async () => {
    const path = await lockPath();
    await writeFile(path, JSON.stringify({ pid: process.pid, host: hostname(), token: 'live' }));
    const started = Date.now();
    await expect(withFileLock(path, async () => 'never', { timeoutMs: 300, pollMs: 10 })).rejects.toThrow(
      `the vault is locked by process ${process.pid} on ${hostname()} (${path}); if no keyward vault command is running, delete that file`,
    );
    expect(Date.now() - started).toBeGreaterThanOrEqual(300);
    // The holder's lock is left alone.
    expect(JSON.parse(await readFile(path, 'utf8'))).toMatchObject({ token: 'live' });
    // A lock from another host cannot be judged by pid: it is waited for, not taken.
    await writeFile(path, JSON.stringify({ pid: deadPid(), host: `not-${hostname()}`, token: 'remote' }));
    await expect(withFileLock(path, async () => 'never', { timeoutMs: 100, pollMs: 10 })).rejects.toThrow(/locked by process \d+ on not-/);
  });
});
