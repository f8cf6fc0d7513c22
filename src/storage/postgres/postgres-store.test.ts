import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { describeStoreConformance } from '../conformance/store-conformance.js';
import { makeUser, T0 } from '../conformance/harness.js';
import { openPostgresStore } from './postgres-store.js';

// CI has PostgreSQL: a failed connection must fail these tests, never skip them.
const URL = process.env.KEYWARD_TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const schema = `kw_test_${randomBytes(6).toString('hex')}`;

async function dropSchema(name: string): Promise<void> {
  const client = new pg.Client({ connectionString: URL });
  await client.connect();
  try {
    await client.query(`DROP SCHEMA IF EXISTS "${name}" CASCADE`);
  } finally {
    await client.end();
  }
}

describeStoreConformance('postgres', () => openPostgresStore({ url: URL, schema }), () => dropSchema(schema));

describe('postgres store schema', () => {
  it('migrates once when several stores open the same schema together', async () => {
    const shared = `${schema}_reopen`;
    try {
      const stores = await Promise.all([1, 2, 3].map(() => openPostgresStore({ url: URL, schema: shared, maxConnections: 2 })));
      await stores[0]?.write(async (tx) => {
        await tx.accounts.insert({ id: '123456789012', createdAt: T0, settings: {} });
        await tx.users.insert(makeUser('123456789012', 'persisted'));
      });
      for (const store of stores) await store.close();
      const again = await openPostgresStore({ url: URL, schema: shared });
      expect((await again.read((tx) => tx.users.get('123456789012', 'PERSISTED')))?.name).toBe('persisted');
      await again.close();
    } finally {
      await dropSchema(shared);
    }
  });

  it('concurrent count-then-insert writes from two nodes all commit, the quota they check holding', async () => {
    const shared = `${schema}_contended`;
    const writers = 80;
    const quota = 60;
    try {
      const nodes = await Promise.all([1, 2].map(() => openPostgresStore({ url: URL, schema: shared, maxConnections: 10 })));
      await nodes[0]?.write((tx) => tx.accounts.insert({ id: '123456789012', createdAt: T0, settings: {} }));
      // What CreateUser does: count the account's users against a quota, then insert. Every
      // pair of these conflicts under SERIALIZABLE; none may end in TransactionConflictError.
      const results = await Promise.allSettled(
        Array.from({ length: writers }, (_, i) =>
          nodes[i % 2]!.write(async (tx) => {
            if ((await tx.users.get('123456789012', `user-${i}`)) !== undefined) return 'exists';
            if ((await tx.users.count('123456789012')) >= quota) return 'over quota';
            await tx.users.insert(makeUser('123456789012', `user-${i}`));
            return 'created';
          }),
        ),
      );
      const outcomes = results.map((r) => (r.status === 'fulfilled' ? r.value : String(r.reason)));
      expect(outcomes.filter((o) => o === 'created')).toHaveLength(quota);
      expect(outcomes.filter((o) => o === 'over quota')).toHaveLength(writers - quota);
      expect(await nodes[1]?.read((tx) => tx.users.count('123456789012'))).toBe(quota);
      for (const node of nodes) await node.close();
    } finally {
      await dropSchema(shared);
    }
  });

  it('refuses a schema name that is not a plain lower-case identifier', async () => {
    await expect(openPostgresStore({ url: URL, schema: 'Bad"Name' })).rejects.toThrow(/schema/);
  });
});
