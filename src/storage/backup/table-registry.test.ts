// The export cannot skip a table: every table of the fully migrated schema, on both backends,
// is in the registry (and the registry names no table the schema lacks), and each table comes
// after the tables its foreign keys point at, so an import in file order always succeeds.
import { afterAll, describe, expect, it } from 'vitest';
import { openStore } from '../open-store.js';
import { postgresPlace, sqlitePlace, withBackupStore, type Place } from './backup-test-support.case.js';
import { BACKUP_TABLES, LEDGER_TABLE } from './table-registry.js';

const places: Place[] = [];
afterAll(async () => {
  for (const p of places) await p.drop();
});

async function migratedTables(place: Place): Promise<string[]> {
  places.push(place);
  await (await openStore(place.config)).close();
  return withBackupStore(place.config, (store) => store.driver.read((ex) => store.dialect.tables(ex)));
}

describe('the backup table registry', () => {
  it.each([
    ['sqlite', sqlitePlace],
    ['postgres', postgresPlace],
  ] as const)('lists exactly the tables of the migrated %s schema', async (_kind, make) => {
    const tables = await migratedTables(make());
    expect([...BACKUP_TABLES].sort()).toEqual(tables.filter((t) => t !== LEDGER_TABLE).sort());
    expect(new Set(BACKUP_TABLES).size).toBe(BACKUP_TABLES.length);
  });

  it('orders every table after the tables its foreign keys point at', async () => {
    const place = sqlitePlace();
    places.push(place);
    await (await openStore(place.config)).close();
    const references = await withBackupStore(place.config, (store) =>
      store.driver.read(async (ex) => {
        const out: [string, string][] = [];
        for (const table of BACKUP_TABLES) {
          const rows = await ex.all<{ table: string }>('SELECT "table" FROM pragma_foreign_key_list(?)', [table]);
          for (const row of rows) out.push([table, row.table]);
        }
        return out;
      }),
    );
    expect(references.length).toBeGreaterThan(20);
    for (const [table, target] of references) {
      if (target === table) continue;
      expect(BACKUP_TABLES.indexOf(target), `${table} references ${target}`).toBeGreaterThanOrEqual(0);
      expect(BACKUP_TABLES.indexOf(target), `${table} must come after ${target}`).toBeLessThan(BACKUP_TABLES.indexOf(table));
    }
  });
});
