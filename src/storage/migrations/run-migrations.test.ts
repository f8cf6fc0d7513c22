import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SqliteDriver } from '../sqlite/sqlite-driver.js';
import { ALL_MIGRATIONS } from './all-migrations.js';
import type { Migration } from './migration.js';
import { runMigrations } from './run-migrations.js';

describe('runMigrations', () => {
  let dir: string;
  let driver: SqliteDriver;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'keyward-migrate-'));
    driver = new SqliteDriver(join(dir, 'm.db'));
  });
  afterEach(async () => {
    await driver.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('applies every migration once and nothing on the second run', async () => {
    const versions = ALL_MIGRATIONS.map((m) => m.version);
    expect(await driver.migrate((ex) => runMigrations(ex, ALL_MIGRATIONS))).toEqual(versions);
    expect(await driver.migrate((ex) => runMigrations(ex, ALL_MIGRATIONS))).toEqual([]);
    const rows = await driver.read((ex) => ex.all<{ version: number }>('SELECT version FROM schema_migrations ORDER BY version'));
    expect(rows.map((r) => r.version)).toEqual(versions);
  });

  it('applies a failing migration not at all', async () => {
    const broken: Migration = { version: 1, name: 'broken', statements: ['CREATE TABLE half (x INTEGER)', 'NOT SQL AT ALL'] };
    await expect(driver.migrate((ex) => runMigrations(ex, [broken]))).rejects.toThrow();
    const tables = await driver.read((ex) => ex.all<{ name: string }>("SELECT name FROM sqlite_master WHERE type = 'table'"));
    expect(tables.map((t) => t.name)).not.toContain('half');
  });

  it('refuses a database migrated by a newer version', async () => {
    const future: Migration = { version: 999, name: 'future', statements: [] };
    await driver.migrate((ex) => runMigrations(ex, [...ALL_MIGRATIONS, future]));
    await expect(driver.migrate((ex) => runMigrations(ex, ALL_MIGRATIONS))).rejects.toThrow(/newer/);
  });

  it('refuses migrations listed out of order', async () => {
    const a: Migration = { version: 2, name: 'a', statements: [] };
    const b: Migration = { version: 2, name: 'b', statements: [] };
    await expect(driver.migrate((ex) => runMigrations(ex, [a, b]))).rejects.toThrow(/increase/);
  });
});
