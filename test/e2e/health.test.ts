// /_keyward/health and /_keyward/ready without credentials, on SQLite and PostgreSQL: ready
// turns 503, naming only the failed check, while the PostgreSQL change listener is down.

import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { startNode, type KeywardNode } from '../support/keyward-node.js';
import { createTempDatabase, TEST_DATABASE_URL, type TempDatabase } from '../support/temp-database.js';

const nodes: KeywardNode[] = [];
const dirs: string[] = [];
const databases: TempDatabase[] = [];
afterAll(async () => {
  for (const node of nodes) await node.stop();
  for (const db of databases) await db.drop();
  for (const dir of dirs) await rm(dir, { recursive: true, force: true });
});

async function start(databaseUrl?: string): Promise<KeywardNode & { dataDir: string }> {
  const dataDir = await mkdtemp(join(tmpdir(), 'keyward-health-'));
  dirs.push(dataDir);
  const node = await startNode({ dataDir, ...(databaseUrl !== undefined && { databaseUrl }), operating: { metrics: { port: 0, host: '127.0.0.1' } } });
  nodes.push(node);
  return { ...node, dataDir };
}

async function probe(node: KeywardNode, path: string): Promise<{ status: number; body: string; type: string | null }> {
  const res = await fetch(`${node.url}${path}`);
  return { status: res.status, body: await res.text(), type: res.headers.get('content-type') };
}

async function scrape(node: KeywardNode): Promise<string> {
  return (await fetch(node.server.metricsUrl ?? '')).text();
}

describe('health and readiness', { timeout: 60_000 }, () => {
  it('answers both probes on SQLite, unauthenticated', async () => {
    const node = await start();
    expect(await probe(node, '/_keyward/health')).toEqual({ status: 200, body: '{"status":"ok"}', type: 'application/json; charset=utf-8' });
    expect(await probe(node, '/_keyward/ready')).toEqual({ status: 200, body: '{"status":"ok"}', type: 'application/json; charset=utf-8' });
    // SQLite has no change listener: its gauge is not exported.
    expect(await scrape(node)).not.toContain('keyward_postgres_listener_up');
  });

  it('is not ready when a newer keyward has migrated the schema past this build', async () => {
    const node = await start();
    const db = new Database(join(node.dataDir, 'keyward.db'));
    try {
      db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)').run(999_999, 'from-the-future', Date.now());
    } finally {
      db.close();
    }
    expect(await probe(node, '/_keyward/ready')).toMatchObject({ status: 503, body: '{"status":"unavailable","failed":["migrations"]}' });
    expect(await probe(node, '/_keyward/health')).toMatchObject({ status: 200 });
  });

  it('on PostgreSQL, ready turns 503 naming the listener while it is down, then recovers', async () => {
    const db = await createTempDatabase();
    databases.push(db);
    const node = await start(db.url);
    expect(await probe(node, '/_keyward/health')).toMatchObject({ status: 200, body: '{"status":"ok"}' });
    expect(await probe(node, '/_keyward/ready')).toMatchObject({ status: 200, body: '{"status":"ok"}' });
    expect(await scrape(node)).toMatch(/^keyward_postgres_listener_up 1$/m);

    const admin = new pg.Client({ connectionString: db.url });
    await admin.connect();
    try {
      const killed = await admin.query(
        "SELECT pg_terminate_backend(pid) AS done FROM pg_stat_activity WHERE datname = $1 AND query LIKE 'LISTEN %'",
        [db.name],
      );
      expect(killed.rows).toEqual([{ done: true }]);
    } finally {
      await admin.end();
    }
    // The listener reconnects within about half a second: look until the outage is seen.
    let seen: { status: number; body: string } | undefined;
    for (let i = 0; i < 200 && seen === undefined; i++) {
      const answer = await probe(node, '/_keyward/ready');
      if (answer.status !== 200) seen = answer;
    }
    expect(seen).toEqual({ status: 503, body: '{"status":"unavailable","failed":["listener"]}', type: 'application/json; charset=utf-8' });

    let recovered = 0;
    for (let i = 0; i < 100 && recovered !== 200; i++) {
      recovered = (await probe(node, '/_keyward/ready')).status;
      if (recovered !== 200) await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(recovered).toBe(200);
    expect(await scrape(node)).toMatch(/^keyward_postgres_listener_up 1$/m);

    // The database refuses connections: the store cannot answer, and that is all ready says.
    const admin2 = new pg.Client({ connectionString: TEST_DATABASE_URL });
    await admin2.connect();
    try {
      await admin2.query(`ALTER DATABASE "${db.name}" ALLOW_CONNECTIONS false`);
      await admin2.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1', [db.name]);
      const down = await probe(node, '/_keyward/ready');
      expect(down).toMatchObject({ status: 503, body: '{"status":"unavailable","failed":["store"]}' });
      expect(await probe(node, '/_keyward/health')).toMatchObject({ status: 200 });
    } finally {
      await admin2.query(`ALTER DATABASE "${db.name}" ALLOW_CONNECTIONS true`);
      await admin2.end();
    }
  });
});
