// `keyward serve --services DIR`: definitions loaded at start (and replaced on the next start);
// a directory with an invalid definition stops the start with the file and the JSON path.

import { mkdtemp, rm, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { startServer } from '../../src/server/start-server.js';
import { keywardCall } from '../support/authorize-fixtures.js';
import { ACCOUNT_ID, ROOT_KEY } from '../support/server.js';

const EXAMPLES = fileURLToPath(new URL('../../examples/notes-service/', import.meta.url));
const dirs: string[] = [];
afterAll(async () => {
  for (const d of dirs) await rm(d, { recursive: true, force: true });
});

const config = (dataDir: string) =>
  ({ port: 0, host: '127.0.0.1', dataDir, accountId: ACCOUNT_ID, rootAccessKeyId: ROOT_KEY.accessKeyId, rootSecretAccessKey: ROOT_KEY.secretAccessKey, logLevel: 'silent' }) as const;

describe('keyward serve --services DIR', () => {
  it('serves the definitions of the directory from the first request', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'keyward-services-dir-'));
    dirs.push(dataDir);
    const server = await startServer(config(dataDir), { servicesDir: EXAMPLES });
    try {
      const got = await keywardCall(server.url, ROOT_KEY, 'GET', '/keyward/authorize/v1/services/notes');
      expect(got.status).toBe(200);
      expect(got.json).toMatchObject({ arn: `arn:aws:keyward::${ACCOUNT_ID}:service/notes`, definition: { Name: 'notes', Routes: expect.any(Array) } });
    } finally {
      await server.stop();
    }
  }, 60_000);

  it('refuses to start with an invalid definition, naming the file and the path', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'keyward-services-dir-'));
    dirs.push(dataDir);
    const services = join(dataDir, 'services');
    await mkdir(services);
    await writeFile(join(services, 'queue.json'), JSON.stringify({ Name: 'queue', Actions: [], Signing: { Hosts: ['q.internal'] } }));
    await expect(startServer(config(dataDir), { servicesDir: services })).rejects.toThrow(/queue\.json: \$\.Actions: must not be empty/);
  }, 60_000);
});
