// Export and import below the server, on both backends: a dump re-exported from the store it
// was imported into is the same dump, and every refusal leaves the target untouched.
import { randomBytes } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { SecretBox } from '../../auth/secret-box.js';
import { ALL_MIGRATIONS } from '../migrations/all-migrations.js';
import { openStore } from '../open-store.js';
import { BackupError, DUMP_VERSION } from './dump-format.js';
import { importStore } from './import-store.js';
import { ACCOUNT, exportLines, fillStore, iterate, KEY, postgresPlace, sqlitePlace, withBackupStore, type Place } from './backup-test-support.case.js';

const places: Place[] = [];
function place(kind: 'sqlite' | 'postgres'): Place {
  const p = kind === 'sqlite' ? sqlitePlace() : postgresPlace();
  places.push(p);
  return p;
}
afterAll(async () => {
  for (const p of places) await p.drop();
});

/** The dump without what differs between two exports of the same data. */
function comparable(lines: readonly string[]): string[] {
  const [header = '{}', ...rest] = lines;
  const { createdAt: _c, masterKeyCheck: _m, ...fixed } = JSON.parse(header) as Record<string, unknown>;
  return [JSON.stringify(fixed), ...rest];
}

async function load(target: Place, lines: readonly string[], secrets = KEY): Promise<number> {
  const [first, ...rest] = lines;
  return withBackupStore(target.config, async (store) => (await importStore(store, first, iterate(rest), { secrets, maxParams: 20 })).rows);
}

async function userNames(target: Place): Promise<string[]> {
  const store = await openStore(target.config);
  try {
    return (await store.read((tx) => tx.users.list({ accountId: ACCOUNT, limit: 100 }))).items.map((u) => u.name);
  } finally {
    await store.close();
  }
}

describe.each(['sqlite', 'postgres'] as const)('export from %s', (sourceKind) => {
  it.each(['sqlite', 'postgres'] as const)('imports into %s and exports the same rows again', async (targetKind) => {
    const source = place(sourceKind);
    await fillStore(source.config);
    const { lines, summary } = await exportLines(source.config);
    expect(summary.header).toMatchObject({ format: 'keyward-export', version: DUMP_VERSION, accountId: ACCOUNT, storeSchemaVersion: ALL_MIGRATIONS[ALL_MIGRATIONS.length - 1]?.version });
    expect(lines.join('\n')).not.toContain('alice-secret');
    const target = place(targetKind);
    expect(await load(target, lines)).toBe(summary.rows);
    const again = await exportLines(target.config);
    expect(comparable(again.lines)).toEqual(comparable(lines));
    // Every row line is there: 3 users, 2 versions, 1 used_once value.
    expect(lines.filter((l) => l.includes('"alice"')).length).toBeGreaterThan(0);
    expect(summary.rows).toBeGreaterThanOrEqual(11);
    // The imported store is a working store: the sealed key still opens under the same master key.
    const store = await openStore(target.config);
    try {
      const key = await store.read(async (tx) => (await tx.accessKeys.listForUser(ACCOUNT, 'alice'))[0]);
      expect(key && KEY.open(key.secretCiphertext, `access-key:${key.accessKeyId}`)).toBe('alice-secret');
    } finally {
      await store.close();
    }
  });
});

describe.each(['sqlite', 'postgres'] as const)('import into %s refuses', (kind) => {
  const dump = (async () => {
    const source = place('sqlite');
    await fillStore(source.config);
    return (await exportLines(source.config)).lines;
  })();

  it('a store that is not empty, and writes nothing', async () => {
    const target = place(kind);
    const store = await openStore(target.config);
    await store.write((tx) => tx.accounts.insert({ id: '999999999999', createdAt: new Date(), settings: {} }));
    await store.close();
    await expect(load(target, await dump)).rejects.toThrow(/not empty \(accounts has rows\)/);
    expect(await userNames(target)).toEqual([]);
  });

  it('a dump of a newer format version', async () => {
    const [header = '', ...rest] = await dump;
    const newer = JSON.stringify({ ...(JSON.parse(header) as object), version: DUMP_VERSION + 1 });
    const target = place(kind);
    await expect(load(target, [newer, ...rest])).rejects.toThrow(`format version ${DUMP_VERSION + 1}, newer than this keyward reads`);
    expect(await userNames(target)).toEqual([]);
  });

  it('a dump from a newer store schema', async () => {
    const [header = '', ...rest] = await dump;
    const newer = JSON.stringify({ ...(JSON.parse(header) as object), storeSchemaVersion: 999 });
    await expect(load(place(kind), [newer, ...rest])).rejects.toThrow(/schema version 999, newer than this keyward knows/);
  });

  it('a dump sealed under another master key', async () => {
    const other = new SecretBox(randomBytes(32));
    const target = place(kind);
    await expect(load(target, await dump, other)).rejects.toThrow(/sealed under another master key/);
    expect(await userNames(target)).toEqual([]);
  });

  it('a dump cut short, rolling back the rows it had already stored', async () => {
    const lines = await dump;
    const cut = lines.slice(0, lines.findIndex((l) => l.startsWith('{"end":"managed_policies"')));
    const target = place(kind);
    await expect(load(target, cut)).rejects.toThrow(BackupError);
    expect(await userNames(target)).toEqual([]);
  });

  it('a row with a count that does not match, and a column the schema lacks', async () => {
    const lines = await dump;
    const dropped = lines.filter((l) => !l.includes('"bob"'));
    await expect(load(place(kind), dropped)).rejects.toThrow(/users should have 3 rows but has 2/);
    const injected = lines.map((l) => (l.startsWith('{"table":"users"') ? l.replace('"name"', '"name\\" TEXT); DROP TABLE users; --"') : l));
    await expect(load(place(kind), injected)).rejects.toThrow(/unknown or repeated columns/);
  });
});
