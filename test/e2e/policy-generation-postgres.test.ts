// Policy generation end to end on PostgreSQL (cases in policy-generation.case.ts): the jobs and
// the trail they read live in the database. Fails if PostgreSQL is down.

import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';
import { startNode, type KeywardNode } from '../support/keyward-node.js';
import { createTempDatabase, type TempDatabase } from '../support/temp-database.js';
import { policyGenerationCases } from './policy-generation.case.js';

let started: Promise<{ db: TempDatabase; node: KeywardNode }> | undefined;
function cluster(): Promise<{ db: TempDatabase; node: KeywardNode }> {
  started ??= (async () => {
    const db = await createTempDatabase();
    const node = await startNode({ dataDir: join(tmpdir(), `keyward-pg-unused-${randomBytes(4).toString('hex')}`), databaseUrl: db.url, masterKey: randomBytes(32).toString('hex') });
    return { db, node };
  })();
  return started;
}

afterAll(async () => {
  const c = await started?.catch(() => undefined);
  await c?.node.stop();
  await c?.db.drop();
}, 60_000);

policyGenerationCases(async () => {
  const { node } = await cluster();
  return { url: node.url, iam: (c) => node.iam(c), sts: (c) => node.sts(c), flush: () => node.server.flushUsage() };
});
