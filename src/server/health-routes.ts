// Unauthenticated probes for orchestrators: /_keyward/health says the process answers HTTP;
// /_keyward/ready says it can serve requests (the store answers a query within a bound, its
// schema is at this build's migration, and on PostgreSQL the change listener is up). A failing
// probe names only the checks that failed: no versions, account ids, hostnames or errors.

import type { FastifyInstance } from 'fastify';
import type { Store, StoreHealth } from '../storage/ports.js';

export const HEALTH_PATH = '/_keyward/health';
export const READY_PATH = '/_keyward/ready';

/** Longest the store may take to answer before readiness fails. */
const STORE_TIMEOUT_MS = 2000;

export type ReadyCheck = 'store' | 'migrations' | 'listener';

export async function failedReadyChecks(store: Store): Promise<ReadyCheck[]> {
  // A store without health() (none today) is ready when it answers a query.
  const probe: Promise<StoreHealth> =
    store.health !== undefined
      ? store.health()
      : store.read(async (tx) => {
          await tx.accounts.list({ limit: 1 });
          return { migrationsCurrent: true, changeListener: 'none' };
        });
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<undefined>((resolve) => {
    timer = setTimeout(() => resolve(undefined), STORE_TIMEOUT_MS);
  });
  const health = await Promise.race([probe.catch(() => undefined), timeout]).finally(() => clearTimeout(timer));
  if (health === undefined) return ['store'];
  const failed: ReadyCheck[] = [];
  if (!health.migrationsCurrent) failed.push('migrations');
  if (health.changeListener === 'down') failed.push('listener');
  return failed;
}

export function registerHealthRoutes(app: FastifyInstance, store: Store): void {
  const json = { 'content-type': 'application/json', 'cache-control': 'no-store' };
  app.get(HEALTH_PATH, async (_req, reply) => {
    await reply.code(200).headers(json).send('{"status":"ok"}');
  });
  app.get(READY_PATH, async (_req, reply) => {
    const failed = await failedReadyChecks(store);
    if (failed.length === 0) await reply.code(200).headers(json).send('{"status":"ok"}');
    else await reply.code(503).headers(json).send(JSON.stringify({ status: 'unavailable', failed }));
  });
}
