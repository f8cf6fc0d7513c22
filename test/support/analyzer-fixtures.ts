// Access Analyzer's analyzer tests: Keyward nodes on SQLite or on one PostgreSQL database
// whose shared clock the test moves (SDK clients follow through systemClockOffset, so SigV4
// stays within its skew), with IAM, STS and Access Analyzer clients per request.

import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AccessAnalyzerClient } from '@aws-sdk/client-accessanalyzer';
import { IAMClient } from '@aws-sdk/client-iam';
import { STSClient } from '@aws-sdk/client-sts';
import { startNode, type KeywardNode } from './keyward-node.js';
import { ROOT_KEY } from './server.js';
import { createTempDatabase, type TempDatabase } from './temp-database.js';
import type { Keys } from './sts-fixtures.js';

export type Backend = 'sqlite' | 'postgres';

type Sender<T extends { send: (...args: never[]) => unknown }> = Pick<T, 'send'>;

export interface AnalyzerNode {
  readonly node: KeywardNode;
  aa(keys?: Keys): Sender<AccessAnalyzerClient>;
  iam(keys?: Keys): Sender<IAMClient>;
  sts(keys?: Keys): Sender<STSClient>;
}

export interface AnalyzerCluster {
  readonly nodes: readonly AnalyzerNode[];
  /** Moves every node's clock (and the clients made afterwards) by `ms`. */
  advance(ms: number): void;
  stop(): Promise<void>;
}

export const DAY_MS = 24 * 60 * 60 * 1000;

export async function startAnalyzerCluster(backend: Backend, count = 1): Promise<AnalyzerCluster> {
  let offset = 0;
  const dataDir = await mkdtemp(join(tmpdir(), 'keyward-analyzers-'));
  const db: TempDatabase | undefined = backend === 'postgres' ? await createTempDatabase() : undefined;
  const masterKey = randomBytes(32).toString('hex');
  const started: KeywardNode[] = [];
  try {
    for (let i = 0; i < count; i++) {
      started.push(
        await startNode({ dataDir, masterKey, clock: () => new Date(Date.now() + offset), ...(db !== undefined && { databaseUrl: db.url }) }),
      );
    }
  } catch (error) {
    for (const n of started) await n.stop();
    await db?.drop();
    throw error;
  }
  const wrap = (node: KeywardNode): AnalyzerNode => {
    const client =
      <T extends { send: (...args: never[]) => unknown }>(Ctor: new (config: object) => T) =>
      (keys: Keys = ROOT_KEY): Sender<T> =>
        ({
          send: (...args: Parameters<T['send']>) =>
            new Ctor({ endpoint: node.url, region: 'us-east-1', credentials: keys, maxAttempts: 1, systemClockOffset: offset }).send(...args),
        }) as Sender<T>;
    return { node, aa: client(AccessAnalyzerClient), iam: client(IAMClient), sts: client(STSClient) };
  };
  return {
    nodes: started.map(wrap),
    advance(ms) {
      offset += ms;
    },
    async stop() {
      for (const n of started) await n.stop();
      await db?.drop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
