// The write lock two threads share: a second holder waits without blocking its event loop and
// gets the lock when the first releases it; a stopped holder's lock can be freed for it.
import { describe, expect, it } from 'vitest';
import { SharedWriteLock } from './shared-write-lock.js';

describe('SharedWriteLock', () => {
  it('makes the other holder wait, asynchronously, until release', async () => {
    const main = new SharedWriteLock(1);
    const worker = new SharedWriteLock(2, main.buffer);
    await worker.acquire();
    let got = false;
    const waiting = main.acquire().then(() => (got = true));
    // The event loop still runs while main waits.
    await new Promise<void>((resolve) => setTimeout(resolve, 20));
    expect(got).toBe(false);
    worker.release();
    await waiting;
    expect(got).toBe(true);
    // Release by someone who does not hold it changes nothing.
    worker.release();
    let second = false;
    const next = worker.acquire().then(() => (second = true));
    await new Promise<void>((resolve) => setTimeout(resolve, 20));
    expect(second).toBe(false);
    main.release();
    await next;
    expect(second).toBe(true);
  });

  it('frees the lock a stopped holder kept', async () => {
    const main = new SharedWriteLock(1);
    const worker = new SharedWriteLock(2, main.buffer);
    await worker.acquire();
    main.releaseFor(2);
    await main.acquire();
    main.release();
  });
});
