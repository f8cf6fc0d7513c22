// The Keyward server of `npm run bench:authorize`, in its own process (as it is deployed: the
// protected services call it over the network), so its CPU time is read apart from the load
// generator's and the hello-world services'. Started by authorize.bench.ts with fork(): sends
// `{ url }` once listening; SIGTERM stops it cleanly (a `--cpu-prof` profile is then written).

import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer } from '../src/server/start-server.js';

const dataDir = await mkdtemp(join(tmpdir(), 'keyward-bench-authorize-'));
const keyward = await startServer({
  port: 0,
  host: '127.0.0.1',
  dataDir,
  accountId: process.env.BENCH_ACCOUNT ?? '123456789012',
  rootAccessKeyId: process.env.BENCH_ROOT_KEY_ID ?? '',
  rootSecretAccessKey: process.env.BENCH_ROOT_SECRET ?? '',
  logLevel: 'silent',
  ...(process.env.BENCH_AUDIT === 'off' && { audit: { enabled: false, retentionDays: 1 } }),
});

let stopping = false;
async function stop(): Promise<void> {
  if (stopping) return;
  stopping = true;
  await keyward.stop();
  await rm(dataDir, { recursive: true, force: true });
  process.exit(0);
}
process.on('SIGTERM', () => void stop());
process.on('disconnect', () => void stop());
process.send?.({ url: keyward.url });
