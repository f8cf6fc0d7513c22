import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { at, makeUser } from '../storage/conformance/harness.js';
import type { Store } from '../storage/ports.js';
import { openSqliteStore } from '../storage/sqlite/sqlite-store.js';
import { HeldWriteRetry, requestStore } from './request-store.js';

const ACCOUNT = '123456789012';
const dir = mkdtempSync(join(tmpdir(), 'keyward-request-store-'));
let shared: Store;

beforeAll(async () => {
  shared = await openSqliteStore(join(dir, 'store.db'));
  await shared.write((tx) => tx.accounts.insert({ id: ACCOUNT, createdAt: at(0), settings: {} }));
});
afterAll(async () => {
  await shared.close();
  rmSync(dir, { recursive: true, force: true });
});

const names = async (store: Store): Promise<string[]> =>
  (await store.read((tx) => tx.users.list({ accountId: ACCOUNT, limit: 100 }))).items.map((u) => u.name);

describe('requestStore', () => {
  it("reads one snapshot until the request writes; then its reads see its write and others'", async () => {
    const request = requestStore(shared);
    expect(await names(request)).toEqual([]);
    // Another request commits meanwhile: this one's snapshot does not move.
    await shared.write((tx) => tx.users.insert(makeUser(ACCOUNT, 'other')));
    expect(await names(request)).toEqual([]);
    await request.write((tx) => tx.users.insert(makeUser(ACCOUNT, 'mine')));
    expect(await names(request)).toEqual(['mine', 'other']);
    await request.end();
    // A new request starts from the latest state; end() twice is harmless.
    const next = requestStore(shared);
    await shared.write((tx) => tx.users.delete(ACCOUNT, 'other'));
    expect(await names(next)).toEqual(['mine']);
    await next.end();
    await next.end();
  });

  it('ends the snapshot before one-off writes, and after a failed read', async () => {
    const request = requestStore(shared);
    await names(request);
    await shared.write((tx) => tx.users.insert(makeUser(ACCOUNT, 'late')));
    await request.claimOnce('test', 'value', at(10_000_000), at(0));
    expect(await names(request)).toContain('late');
    await expect(request.read(() => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    await shared.write((tx) => tx.users.insert(makeUser(ACCOUNT, 'later')));
    expect(await names(request)).toContain('later');
    await request.end();
  });

  it('opens one read transaction for all the reads of a request, concurrent ones too', async () => {
    let opened = 0;
    const counting: Store = { ...shared, read: (fn) => ((opened += 1), shared.read(fn)) };
    const request = requestStore(counting);
    await Promise.all([names(request), names(request), names(request)]);
    await names(request);
    expect(opened).toBe(1);
    await request.end();
  });

  describe('holding the write transaction', () => {
    it('runs every later read and write inside it and commits them with what commit() adds, at once', async () => {
      const request = requestStore(shared, { holdWrites: true });
      await request.write((tx) => tx.users.insert(makeUser(ACCOUNT, 'held-a')));
      // Not visible outside before commit; visible to the request itself.
      expect(await names(shared)).not.toContain('held-a');
      expect(await names(request)).toContain('held-a');
      // A write that fails undoes only itself (a savepoint): the request goes on.
      await expect(request.write((tx) => tx.users.insert(makeUser(ACCOUNT, 'held-a')))).rejects.toThrow();
      await request.write((tx) => tx.users.insert(makeUser(ACCOUNT, 'held-b')));
      await request.commit((tx) => tx.users.insert(makeUser(ACCOUNT, 'held-c')));
      expect(await names(shared)).toEqual(expect.arrayContaining(['held-a', 'held-b', 'held-c']));
      await request.end();
    });

    it('abort() rolls back everything the request wrote', async () => {
      const request = requestStore(shared, { holdWrites: true });
      await request.write((tx) => tx.users.insert(makeUser(ACCOUNT, 'held-gone')));
      await request.abort();
      expect(await names(shared)).not.toContain('held-gone');
      // The store is free again for the next writer.
      await shared.write((tx) => tx.users.insert(makeUser(ACCOUNT, 'after-abort')));
      expect(await names(shared)).toContain('after-abort');
    });

    it('refuses statements that would wait for the lock it holds', async () => {
      const request = requestStore(shared, { holdWrites: true });
      await request.write((tx) => tx.users.insert(makeUser(ACCOUNT, 'held-lock')));
      await expect(request.claimOnce('test', 'held', at(10_000_000), at(0))).rejects.toThrow(/holds its write transaction/).finally(() => request.abort());
    });

    it('asks for the whole request again when the backend would rerun the transaction (a conflict at commit)', async () => {
      // As PostgreSQL's driver does on a serialization failure at COMMIT: roll back, call the callback again.
      let attempts = 0;
      const conflicting: Store = {
        ...shared,
        write: async (fn) => {
          for (;;) {
            attempts += 1;
            const attempt = attempts;
            try {
              return await shared.write(async (tx) => {
                const result = await fn(tx);
                if (attempt === 1) throw Object.assign(new Error('could not serialize access'), { code: '40001' });
                return result;
              });
            } catch (error) {
              if (attempt === 1) continue;
              throw error;
            }
          }
        },
      };
      const request = requestStore(conflicting, { holdWrites: true });
      await request.write((tx) => tx.users.insert(makeUser(ACCOUNT, 'held-conflict')));
      await expect(request.commit(async () => undefined)).rejects.toBeInstanceOf(HeldWriteRetry);
      expect(attempts).toBe(2);
      expect(await names(shared)).not.toContain('held-conflict');
    });
  });
});
