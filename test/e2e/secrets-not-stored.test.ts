// No secret is stored in clear: after every operation that carries a secret (the list comes
// from the service models), the SQLite file and its WAL are searched byte by byte, and every
// row of every PostgreSQL table as text, for each secret in every form it was seen in; and
// no read or list answer gives one back.

import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT_KEY, startTestServer } from '../support/server.js';
import { startNode } from '../support/keyward-node.js';
import { exerciseSecretOperations, expectEveryCarrierSeen, readEverything } from './support/secret-scenario.js';
import { SecretLedger, type SecretForm } from './support/secret-values.js';
import { createTempDatabase } from '../support/temp-database.js';

const cleanups: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
}, 60_000);

/** The labels of the forms found in `haystack`, as bytes and (for bytea and hex columns) as hex text. */
function found(haystack: Buffer, forms: readonly SecretForm[]): string[] {
  return forms
    .filter((form) => haystack.includes(form.bytes) || haystack.includes(Buffer.from(form.bytes.toString('hex'))))
    .map((form) => form.label);
}

describe('secrets at rest', () => {
  it('SQLite: neither the database file nor its WAL holds a secret in clear, nor does any read or list answer', async () => {
    const t = await startTestServer();
    cleanups.push(() => t.stop());
    const ledger = new SecretLedger();
    await exerciseSecretOperations({ url: t.server.url, iam: t.iam, sts: t.sts }, ledger, 'sqlite');
    ledger.add('root secret access key', ROOT_KEY.secretAccessKey);
    expectEveryCarrierSeen(ledger);
    // Nor does any read or list answer give one back.
    const answers = await readEverything({ url: t.server.url, iam: t.iam, sts: t.sts }, 'sqlite');
    expect(answers.includes(Buffer.from('secret-holder-sqlite'))).toBe(true);
    expect(found(answers, ledger.forms())).toEqual([]);
    const files = ['keyward.db', 'keyward.db-wal'];
    const bytes = await Promise.all(files.map((f) => readFile(join(t.dataDir, f))));
    // The search works: a value the server keeps in clear (a user name) is found.
    expect(bytes.some((b) => b.includes(Buffer.from('secret-holder-sqlite')))).toBe(true);
    expect(bytes[1]!.length, 'the WAL holds the latest writes').toBeGreaterThan(0);
    expect(Object.fromEntries(files.map((f, i) => [f, found(bytes[i]!, ledger.forms())]))).toEqual({ 'keyward.db': [], 'keyward.db-wal': [] });
  }, 90_000);

  it('PostgreSQL: no row of any table holds a secret in clear', async () => {
    const db = await createTempDatabase();
    cleanups.push(() => db.drop());
    const masterKey = randomBytes(32).toString('hex');
    const node = await startNode({ dataDir: join(tmpdir(), `keyward-pg-unused-${randomBytes(4).toString('hex')}`), databaseUrl: db.url, masterKey });
    cleanups.push(() => node.stop());
    const ledger = new SecretLedger();
    await exerciseSecretOperations(node, ledger, 'pg');
    ledger.add('root secret access key', ROOT_KEY.secretAccessKey);
    ledger.add('master key (hex)', masterKey);
    ledger.add('master key', Buffer.from(masterKey, 'hex'));
    expectEveryCarrierSeen(ledger);
    // Last-used times are written about once a second: stop the node so every write is in.
    await node.stop();

    const client = new pg.Client({ connectionString: db.url });
    await client.connect();
    const dump: string[] = [];
    try {
      const tables = await client.query<{ schema: string; name: string }>(
        `SELECT table_schema AS schema, table_name AS name FROM information_schema.tables
          WHERE table_type = 'BASE TABLE' AND table_schema NOT IN ('pg_catalog', 'information_schema')`,
      );
      expect(tables.rows.length).toBeGreaterThan(20);
      for (const { schema, name } of tables.rows) {
        const rows = await client.query<{ row: string }>(`SELECT t::text AS row FROM "${schema}"."${name}" t`);
        for (const { row } of rows.rows) dump.push(`${name}: ${row}`);
      }
    } finally {
      await client.end();
    }
    const text = Buffer.from(dump.join('\n'));
    expect(text.includes(Buffer.from('secret-holder-pg'))).toBe(true);
    expect(found(text, ledger.forms())).toEqual([]);
  }, 120_000);
});
