import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { at, makeAccessKey, makeRole, makeUser } from './conformance/harness.js';
import type { Store } from './ports.js';
import { openSqliteStore } from './sqlite/sqlite-store.js';
import { bufferUsage } from './usage-buffer.js';

const ACCOUNT = '123456789012';
const WORKER = makeRole(ACCOUNT, 'Worker');
const dirs: string[] = [];

afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

async function seeded(): Promise<{ inner: Store; file: string; accessKeyId: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'keyward-usage-'));
  dirs.push(dir);
  const file = join(dir, 'store.db');
  const inner = await openSqliteStore(file);
  const key = makeAccessKey(ACCOUNT, 'alice');
  await inner.write(async (tx) => {
    await tx.accounts.insert({ id: ACCOUNT, createdAt: at(0), settings: {} });
    await tx.users.insert(makeUser(ACCOUNT, 'alice'));
    await tx.accessKeys.insert(key);
    await tx.roles.insert(WORKER);
  });
  return { inner, file, accessKeyId: key.accessKeyId };
}

const lastUsedOf = (store: Store, accessKeyId: string) => store.read(async (tx) => (await tx.accessKeys.get(accessKeyId))?.lastUsed);

describe('bufferUsage', () => {
  it('holds uses until flushUsage, then writes the newest per key in one go', async () => {
    const { inner, accessKeyId } = await seeded();
    const store = bufferUsage(inner, { flushIntervalMs: 60_000 });
    await store.recordAccessKeyUse(accessKeyId, { date: at(10), service: 'iam', region: 'us-east-1' });
    await store.recordAccessKeyUse(accessKeyId, { date: at(30), service: 'sts', region: 'eu-west-1' });
    // Out of order: an older use arriving late never moves the time back.
    await store.recordAccessKeyUse(accessKeyId, { date: at(20), service: 'iam', region: 'us-west-2' });
    await store.recordRoleUse(ACCOUNT, WORKER.id, { date: at(40), region: 'ap-south-1' });
    expect(await lastUsedOf(store, accessKeyId)).toBeUndefined();
    const generation = store.generation();
    await store.flushUsage();
    expect(await lastUsedOf(store, accessKeyId)).toStrictEqual({ date: at(30), service: 'sts', region: 'eu-west-1' });
    expect((await store.read((tx) => tx.roles.get(ACCOUNT, 'Worker')))?.lastUsed).toStrictEqual({ date: at(40), region: 'ap-south-1' });
    // Bookkeeping leaves the caches' generation alone.
    expect(store.generation()).toBe(generation);
    await store.close();
  });

  it('writes on its own after the interval', async () => {
    const { inner, accessKeyId } = await seeded();
    const store = bufferUsage(inner, { flushIntervalMs: 20 });
    await store.recordAccessKeyUse(accessKeyId, { date: at(5), service: 'iam', region: 'us-east-1' });
    const until = Date.now() + 5000;
    while ((await lastUsedOf(store, accessKeyId)) === undefined && Date.now() < until) await new Promise((r) => setTimeout(r, 10));
    expect(await lastUsedOf(store, accessKeyId)).toStrictEqual({ date: at(5), service: 'iam', region: 'us-east-1' });
    await store.close();
  });

  it('writes what is pending when closed, and reports failed writes', async () => {
    const { inner, file, accessKeyId } = await seeded();
    const errors: unknown[] = [];
    const store = bufferUsage(inner, { flushIntervalMs: 60_000, onError: (e) => errors.push(e) });
    await store.recordServiceAccess({
      accountId: ACCOUNT,
      principalArn: `arn:aws:iam::${ACCOUNT}:user/alice`,
      serviceNamespace: 'iam',
      actionName: 'ListUsers',
      region: 'us-east-1',
      date: at(9),
      authenticatedEntity: `arn:aws:iam::${ACCOUNT}:user/alice`,
    });
    await store.recordAccessKeyUse(accessKeyId, { date: at(9), service: 'iam', region: 'us-east-1' });
    await store.close();
    const reopened = await openSqliteStore(file);
    expect(await lastUsedOf(reopened, accessKeyId)).toStrictEqual({ date: at(9), service: 'iam', region: 'us-east-1' });
    const access = await reopened.read((tx) => tx.serviceAccess.lastAccessByAction(ACCOUNT, [`arn:aws:iam::${ACCOUNT}:user/alice`], 'iam'));
    expect(access.map((a) => a.actionName)).toStrictEqual(['ListUsers']);
    await reopened.close();
    expect(errors).toStrictEqual([]);

    const failing = bufferUsage(
      { ...reopened, recordUsage: () => Promise.reject(new Error('disk full')), close: () => Promise.resolve() },
      { flushIntervalMs: 60_000, onError: (e) => errors.push(e) },
    );
    await failing.recordAccessKeyUse(accessKeyId, { date: at(11), service: 'iam', region: 'us-east-1' });
    await failing.flushUsage();
    expect(errors.map((e) => (e as Error).message)).toStrictEqual(['disk full']);
  });

  it('starts a write at once when too many uses are pending', async () => {
    const { inner, accessKeyId } = await seeded();
    let writes = 0;
    const counting: Store = { ...inner, recordUsage: (batch) => ((writes += 1), inner.recordUsage(batch)), close: () => inner.close() };
    const store = bufferUsage(counting, { flushIntervalMs: 60_000, maxPending: 3 });
    for (let i = 0; i < 3; i += 1) await store.recordRoleUse(ACCOUNT, `role-${i}`, { date: at(i), region: 'us-east-1' });
    await store.recordAccessKeyUse(accessKeyId, { date: at(1), service: 'iam', region: 'us-east-1' });
    await new Promise((resolve) => setImmediate(resolve));
    expect(writes).toBe(1);
    await store.close();
    expect(writes).toBe(2);
  });
});
