import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { at, makeUser } from '../storage/conformance/harness.js';
import type { Store } from '../storage/ports.js';
import { openSqliteStore } from '../storage/sqlite/sqlite-store.js';
import { requestStore } from './request-store.js';

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
});
