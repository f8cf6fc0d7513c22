// Two Keyward nodes on one throwaway PostgreSQL database, as a deployment runs them (one
// KEYWARD_MASTER_KEY), each connecting with its own application_name so a test can find
// and kill a node's connections; plus plain SQL on that database.

import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { startNode, type KeywardNode } from '../../support/keyward-node.js';
import { createTempDatabase, type TempDatabase } from '../../support/temp-database.js';

export interface PgCluster {
  readonly db: TempDatabase;
  readonly a: KeywardNode;
  readonly b: KeywardNode;
  /** The application_name each node's connections carry. */
  readonly names: { readonly a: string; readonly b: string };
  sql<T extends pg.QueryResultRow>(text: string, values?: unknown[]): Promise<T[]>;
  stop(): Promise<void>;
}

function withApplicationName(url: string, name: string): string {
  const u = new URL(url);
  u.searchParams.set('application_name', name);
  return u.toString();
}

/** Starts node A, then node B (A seeds the database; the first start takes seconds). */
export async function startPgCluster(): Promise<PgCluster> {
  const db = await createTempDatabase();
  const masterKey = randomBytes(32).toString('hex');
  const dataDir = join(tmpdir(), `keyward-pg-unused-${randomBytes(4).toString('hex')}`);
  const tag = randomBytes(4).toString('hex');
  const names = { a: `keyward-a-${tag}`, b: `keyward-b-${tag}` };
  const nodes: KeywardNode[] = [];
  try {
    nodes.push(await startNode({ dataDir, masterKey, databaseUrl: withApplicationName(db.url, names.a) }));
    nodes.push(await startNode({ dataDir, masterKey, databaseUrl: withApplicationName(db.url, names.b) }));
  } catch (error) {
    for (const node of nodes) await node.stop();
    await db.drop();
    throw error;
  }
  const [a, b] = nodes as [KeywardNode, KeywardNode];
  return {
    db,
    a,
    b,
    names,
    async sql<T extends pg.QueryResultRow>(text: string, values: unknown[] = []): Promise<T[]> {
      const client = new pg.Client({ connectionString: db.url });
      await client.connect();
      try {
        return (await client.query<T>(text, values)).rows;
      } finally {
        await client.end();
      }
    },
    async stop() {
      await a.stop();
      await b.stop();
      await db.drop();
    },
  };
}
