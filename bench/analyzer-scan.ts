// The unused-access scan benchmark's account and run: the store benchmark's account shape
// (store-fixture.ts) grown with an access key per user and recorded uses for half of them,
// then one scan (the same code the server runs) timed in its phases, with peak memory sampled.

import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { SecretBox } from '../src/auth/secret-box.js';
import { analyzerArn, type Analyzer } from '../src/domain/analyzers.js';
import { loadActionExpander } from '../src/services/accessanalyzer/analyzers/action-catalogue.js';
import { scanInTransaction, unusedAccessSettings } from '../src/services/accessanalyzer/analyzers/scan.js';
import { unusedAccessFindings } from '../src/services/accessanalyzer/analyzers/unused-access.js';
import { openStore, type StoreConfig } from '../src/storage/open-store.js';
import { BENCH_ACCOUNT, loadStore, shapeFor, userName } from './store-fixture.js';

export interface ScanFigures {
  readonly backend: string;
  readonly principals: number;
  readonly findings: number;
  readonly readMs: number;
  readonly computeMs: number;
  readonly writeMs: number;
  readonly totalMs: number;
  readonly rescanMs: number;
  readonly peakRssMb: number;
  readonly peakHeapMb: number;
}

const DAY = 24 * 60 * 60 * 1000;

export async function scanUnusedAccessAccount(principals: number, databaseUrl?: string): Promise<ScanFigures> {
  // users + users/10 roles = principals
  const users = Math.round((principals * 10) / 11 / 10) * 10;
  const shape = shapeFor(users);
  const dir = await mkdtemp(join(tmpdir(), 'keyward-bench-scan-'));
  let dbName: string | undefined;
  let config: StoreConfig = { kind: 'sqlite', file: join(dir, 'k.db') };
  if (databaseUrl !== undefined) {
    dbName = `keyward_bench_${randomBytes(4).toString('hex')}`;
    const admin = new pg.Client({ connectionString: databaseUrl });
    await admin.connect();
    await admin.query(`CREATE DATABASE "${dbName}"`);
    await admin.end();
    const u = new URL(databaseUrl);
    u.pathname = `/${dbName}`;
    config = { kind: 'postgres', url: u.toString() };
  }
  try {
    await loadStore(config, shape, new SecretBox(randomBytes(32)), { accessKeyId: 'AKIABENCHSCANROOT001', secretAccessKey: 'bench-scan-root-secret-0123456789abcdef' });
    const store = await openStore(config);
    try {
      const created = new Date();
      const ids = await store.read(async (tx) => (await tx.analyzers.loadScanSource(BENCH_ACCOUNT)).users.map((u) => u.name));
      for (let start = 0; start < ids.length; start += 2000) {
        await store.write(async (tx) => {
          for (const name of ids.slice(start, start + 2000)) {
            const i = Number(name.slice(name.lastIndexOf('-') + 1));
            await tx.accessKeys.insert({
              accountId: BENCH_ACCOUNT,
              accessKeyId: `AKIA${String(i).padStart(16, '0')}`,
              userName: name,
              secretCiphertext: 'x',
              status: 'Active',
              createDate: created,
            });
            if (i % 2 === 0) {
              await tx.serviceAccess.record({ accountId: BENCH_ACCOUNT, principalArn: `arn:aws:iam::${BENCH_ACCOUNT}:user/${userName(i)}`, serviceNamespace: 's3', actionName: 'GetObject', region: 'us-east-1', date: new Date(created.getTime() + 60 * DAY), authenticatedEntity: 'x' });
            }
          }
        });
      }
      const now = new Date(created.getTime() + 100 * DAY);
      const analyzer: Analyzer = { accountId: BENCH_ACCOUNT, region: 'us-east-1', name: 'bench', arn: analyzerArn('us-east-1', BENCH_ACCOUNT, 'bench'), type: 'ACCOUNT_UNUSED_ACCESS', status: 'ACTIVE', createdAt: now, configuration: { unusedAccess: { unusedAccessAge: 90 } }, tags: {} };
      await store.write((tx) => tx.analyzers.insert(analyzer));
      const actions = await loadActionExpander();
      // maxRSS is the process's high-water mark: its growth over the scan is the scan's peak.
      const idleMaxRss = process.resourceUsage().maxRSS * 1024;
      let peakHeap = process.memoryUsage().heapUsed;
      const sample = (): void => {
        peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed);
      };
      const sampler = setInterval(sample, 20);
      // Phases measured apart first (read, compute), then the whole scan as the server runs it.
      let t = performance.now();
      const source = await store.read((tx) => tx.analyzers.loadScanSource(BENCH_ACCOUNT));
      const readMs = performance.now() - t;
      sample();
      t = performance.now();
      const settings = unusedAccessSettings(analyzer);
      const computed = unusedAccessFindings(source, { analyzerArn: analyzer.arn, now, unusedAccessAgeDays: settings.unusedAccessAgeDays, excludedTags: [], actions });
      const computeMs = performance.now() - t;
      sample();
      t = performance.now();
      const summary = await store.write(async (tx) => scanInTransaction(tx, (await tx.analyzers.get(BENCH_ACCOUNT, 'us-east-1', 'bench'))!, now, actions));
      const totalMs = performance.now() - t;
      t = performance.now();
      await store.write(async (tx) => scanInTransaction(tx, (await tx.analyzers.get(BENCH_ACCOUNT, 'us-east-1', 'bench'))!, now, actions));
      const rescanMs = performance.now() - t;
      clearInterval(sampler);
      sample();
      if (summary.findings !== computed.length) throw new Error(`scan found ${summary.findings}, the computation ${computed.length}`);
      return {
        backend: config.kind,
        principals: source.users.length + source.roles.length,
        findings: summary.findings,
        readMs,
        computeMs,
        writeMs: Math.max(0, totalMs - readMs - computeMs),
        totalMs,
        rescanMs,
        peakRssMb: (process.resourceUsage().maxRSS * 1024 - idleMaxRss) / 1e6,
        peakHeapMb: peakHeap / 1e6,
      };
    } finally {
      await store.close();
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
    if (dbName !== undefined && databaseUrl !== undefined) {
      const admin = new pg.Client({ connectionString: databaseUrl });
      await admin.connect();
      await admin.query(`DROP DATABASE IF EXISTS "${dbName}" WITH (FORCE)`);
      await admin.end();
    }
  }
}
