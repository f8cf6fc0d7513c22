// A throwaway PostgreSQL database per test file: startServer passes no schema to the
// store, so isolation comes from a fresh database, dropped afterwards.

import { randomBytes } from 'node:crypto';
import pg from 'pg';

/** The server the PostgreSQL e2e tests use; KEYWARD_TEST_DATABASE_URL overrides it. */
export const TEST_DATABASE_URL = process.env.KEYWARD_TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

export interface TempDatabase {
  readonly name: string;
  /** `adminUrl` with the database name replaced. */
  readonly url: string;
  drop(): Promise<void>;
}

async function admin<T>(adminUrl: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: adminUrl, connectionTimeoutMillis: 5_000 });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** Rejects when PostgreSQL is unreachable, so a suite using it fails rather than skips. */
export async function createTempDatabase(adminUrl: string = TEST_DATABASE_URL): Promise<TempDatabase> {
  const name = `keyward_e2e_${randomBytes(6).toString('hex')}`;
  await admin(adminUrl, (c) => c.query(`CREATE DATABASE "${name}"`));
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    name,
    url: url.toString(),
    async drop() {
      await admin(adminUrl, (c) => c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
    },
  };
}
