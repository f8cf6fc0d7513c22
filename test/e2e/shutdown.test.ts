// A graceful stop is bounded: a request that never finishes arriving (its body stalls) keeps
// the server only until the shutdown timeout, then its connection is closed and the store
// still closes, so a stuck client cannot hold a deploy.

import { mkdtemp, rm } from 'node:fs/promises';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openStore } from '../../src/storage/open-store.js';
import { startNode } from '../support/keyward-node.js';

const dirs: string[] = [];
afterAll(async () => {
  for (const dir of dirs) await rm(dir, { recursive: true, force: true });
});

// Without the bound, the stop would wait for fastify's 30 s request timeout: the test's own
// 20 s limit then fails it.
describe('shutdown timeout', { timeout: 20_000 }, () => {
  it('closes a stalled request at the timeout and still closes the store', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'keyward-shutdown-'));
    dirs.push(dataDir);
    const node = await startNode({ dataDir, operating: { shutdownTimeoutMs: 300 } });
    const { hostname, port } = new URL(node.url);
    const outcome = new Promise<string>((resolve) => {
      const req = httpRequest({ host: hostname, port: Number(port), method: 'POST', path: '/', headers: { 'content-length': '1000', 'content-type': 'application/x-www-form-urlencoded' } }, (res) =>
        resolve(`answered ${String(res.statusCode)}`),
      );
      req.on('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? error.message));
      req.write('Action=ListUsers');
    });
    // Let the server take the request's headers before the stop begins.
    await new Promise((resolve) => setTimeout(resolve, 300));
    await node.stop();
    expect(await outcome).toMatch(/ECONNRESET|socket hang up/);
    // The SQLite store was closed: another process may open and use the file at once.
    const store = await openStore({ kind: 'sqlite', file: join(dataDir, 'keyward.db') });
    try {
      expect((await store.read((tx) => tx.accounts.list({ limit: 1 }))).items).toHaveLength(1);
    } finally {
      await store.close();
    }
  });
});
