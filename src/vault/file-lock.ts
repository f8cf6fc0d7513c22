// A lock file beside the vault file, so two `keyward vault` processes that change the vault at
// once take turns: each reads, changes and replaces the file while holding it, and no update is
// lost. The lock is a file created exclusively (O_EXCL) holding its owner's pid and host; one
// left by a process that died (same host, pid gone) is taken over. Readers need no lock: the
// vault file is only ever replaced whole, by rename.

import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { link, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { VaultError } from './vault-error.js';

export interface LockOptions {
  /** How long to wait for another process's lock before giving up (default 10 s). */
  readonly timeoutMs?: number;
  /** How often to look again (default 20 ms, with jitter). */
  readonly pollMs?: number;
}

interface Owner {
  readonly pid: number;
  readonly host: string;
  readonly token: string;
}

export async function withFileLock<T>(lockPath: string, run: () => Promise<T>, options: LockOptions = {}): Promise<T> {
  const owner: Owner = { pid: process.pid, host: hostname(), token: randomBytes(8).toString('hex') };
  await acquire(lockPath, owner, options);
  try {
    return await run();
  } finally {
    await release(lockPath, owner);
  }
}

async function acquire(lockPath: string, owner: Owner, options: LockOptions): Promise<void> {
  // Written beside it, then hard-linked into place: the lock appears whole, with its owner, or not at all.
  const draft = `${lockPath}.${owner.pid}.${owner.token}.new`;
  await writeFile(draft, JSON.stringify(owner), { mode: 0o600 });
  try {
    await waitFor(lockPath, draft, options);
  } finally {
    await rm(draft, { force: true });
  }
}

async function waitFor(lockPath: string, draft: string, options: LockOptions): Promise<void> {
  const deadline = Date.now() + (options.timeoutMs ?? 10_000);
  const poll = options.pollMs ?? 20;
  for (;;) {
    try {
      await link(draft, lockPath);
      return;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const holder = await readOwner(lockPath);
    if (holder !== undefined && isDead(holder)) {
      await takeOver(lockPath, holder);
      continue;
    }
    if (Date.now() >= deadline) {
      const who = holder === undefined ? 'another process' : `process ${holder.pid} on ${holder.host}`;
      throw new VaultError(`the vault is locked by ${who} (${lockPath}); if no keyward vault command is running, delete that file`);
    }
    await new Promise((resolve) => setTimeout(resolve, poll + Math.random() * poll));
  }
}

async function readOwner(lockPath: string): Promise<Owner | undefined> {
  try {
    const value = JSON.parse(await readFile(lockPath, 'utf8')) as Partial<Owner>;
    if (typeof value.pid === 'number' && typeof value.host === 'string' && typeof value.token === 'string') {
      return { pid: value.pid, host: value.host, token: value.token };
    }
  } catch {
    // Gone meanwhile, or being written by its creator this very moment: look again later.
  }
  return undefined;
}

/** Only a lock made on this host can be judged: its pid no longer exists. */
function isDead(holder: Owner): boolean {
  if (holder.host !== hostname()) return false;
  try {
    process.kill(holder.pid, 0);
    return false;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ESRCH';
  }
}

/**
 * Moves the dead owner's lock aside (rename is atomic, so of several waiters one wins) and
 * deletes it if it is still the dead owner's; a live lock moved by mistake is put back.
 */
async function takeOver(lockPath: string, dead: Owner): Promise<void> {
  const aside = `${lockPath}.${process.pid}.${randomBytes(4).toString('hex')}.stale`;
  try {
    await rename(lockPath, aside);
  } catch {
    return;
  }
  const moved = await readOwner(aside);
  if (moved?.token === dead.token) await rm(aside, { force: true });
  else await rename(aside, lockPath).catch(() => rm(aside, { force: true }));
}

async function release(lockPath: string, owner: Owner): Promise<void> {
  if ((await readOwner(lockPath))?.token === owner.token) await rm(lockPath, { force: true });
}
