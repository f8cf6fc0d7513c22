import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { describeStoreConformance } from '../conformance/store-conformance.js';
import { makeUser, T0 } from '../conformance/harness.js';
import { openSqliteStore } from './sqlite-store.js';

const dir = mkdtempSync(join(tmpdir(), 'keyward-sqlite-'));

describeStoreConformance(
  'sqlite',
  () => openSqliteStore(join(dir, 'conformance.db')),
  async () => rmSync(dir, { recursive: true, force: true }),
);

describe('sqlite store file', () => {
  it('keeps data across reopen and does not re-run migrations', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'keyward-sqlite-reopen-')), 'store.db');
    const first = await openSqliteStore(file);
    await first.write(async (tx) => {
      await tx.accounts.insert({ id: '123456789012', createdAt: T0, settings: {} });
      await tx.users.insert(makeUser('123456789012', 'persisted'));
    });
    await first.close();
    const second = await openSqliteStore(file);
    expect((await second.read((tx) => tx.users.get('123456789012', 'persisted')))?.name).toBe('persisted');
    await second.close();
    await expect(second.read(async () => 1)).rejects.toThrow(/closed/);
    rmSync(join(file, '..'), { recursive: true, force: true });
  });
});
