import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyzerArn } from '../../../domain/analyzers.js';
import { openStore } from '../../../storage/open-store.js';
import type { Store } from '../../../storage/ports.js';
import { startAnalyzerSchedule } from './schedule.js';

const HOUR = 60 * 60 * 1000;
const T0 = new Date(Date.UTC(2026, 0, 1));

describe('the analyzer schedule', () => {
  let dir: string;
  let a: Store;
  let b: Store;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'keyward-schedule-'));
    a = await openStore({ kind: 'sqlite', file: join(dir, 'k.db') });
    b = await openStore({ kind: 'sqlite', file: join(dir, 'k.db') });
    await a.write(async (tx) => {
      for (const name of ['one', 'two']) {
        await tx.analyzers.insert({ accountId: '111122223333', region: 'us-east-1', name, arn: analyzerArn('us-east-1', '111122223333', name), type: 'ACCOUNT', status: 'ACTIVE', createdAt: T0, tags: {}, lastScanAt: T0 });
      }
    });
  });
  afterAll(async () => {
    await a.close();
    await b.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('scans each analyzer once an interval has passed on the server clock, and not again from another node', async () => {
    let now = new Date(T0.getTime() + HOUR);
    const options = { clock: () => now, intervalMs: 24 * HOUR, checkEveryMs: 3_600_000, onError: (e: unknown) => { throw e; } };
    const nodeA = startAnalyzerSchedule(a, options);
    const nodeB = startAnalyzerSchedule(b, options);
    try {
      expect(await nodeA.runDue()).toBe(0);
      now = new Date(T0.getTime() + 25 * HOUR);
      // One process cannot hold two SQLite writers at once: the nodes take turns here (the
      // PostgreSQL two-node e2e test scans on both at once).
      expect(await nodeA.runDue()).toBe(2);
      const scanned = await a.read((tx) => tx.analyzers.listAll());
      expect(scanned.map((s) => s.lastScanAt?.getTime())).toEqual([now.getTime(), now.getTime()]);
      expect(await nodeB.runDue()).toBe(0);
    } finally {
      await nodeA.stop();
      await nodeB.stop();
    }
  });
});
