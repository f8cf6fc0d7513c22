// No secret reaches the server's log: `keyward serve --log-level info`, a child process whose
// stdout and stderr are kept whole, runs every operation that carries a secret (the list comes
// from the service models) and internal failures forced under requests carrying secrets; its
// whole output is then searched for every secret, in every form it was seen in.

import { readFile, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreateLoginProfileCommand, CreateUserCommand, CreateVirtualMFADeviceCommand, IAMClient, UploadServerCertificateCommand } from '@aws-sdk/client-iam';
import { STSClient } from '@aws-sdk/client-sts';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LEAF_CERT, RSA_KEY } from '../../src/services/iam/certificates/fixtures.case.js';
import { ROOT_KEY } from '../support/server.js';
import { startServeProcess, type ServeProcess } from './support/serve-process.js';
import { exerciseSecretOperations, expectEveryCarrierSeen, type SecretTarget } from './support/secret-scenario.js';
import { SecretLedger } from './support/secret-values.js';
import type { Credentials } from '../support/signed-request.js';

let dataDir: string;
let serve: ServeProcess;
let target: SecretTarget;
const ledger = new SecretLedger();

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'keyward-logs-'));
  // The most the server logs.
  serve = await startServeProcess({ dataDir, args: ['--log-level', 'info'] });
  const client = <T>(Ctor: new (config: object) => T, credentials: Credentials = ROOT_KEY): T =>
    new Ctor({ endpoint: serve.url, region: 'us-east-1', credentials, maxAttempts: 1 });
  target = { url: serve.url, iam: (c) => client(IAMClient, c), sts: (c) => client(STSClient, c) };
}, 90_000);

afterAll(async () => {
  await serve?.stop();
  await rm(dataDir, { recursive: true, force: true });
});

/** Runs `fn` with `table` renamed away in the server's SQLite file, so the store fails under it. */
async function withoutTable(table: string, fn: () => Promise<void>): Promise<void> {
  const db = new Database(join(dataDir, 'keyward.db'));
  try {
    db.exec(`ALTER TABLE ${table} RENAME TO ${table}_away`);
    await fn();
  } finally {
    db.exec(`ALTER TABLE ${table}_away RENAME TO ${table}`);
    db.close();
  }
}

const INTERNAL = { name: 'InternalFailure', $metadata: { httpStatusCode: 500 } };

describe('the server log', () => {
  it('holds no secret after every secret-carrying operation and internal failures under secrets', async () => {
    await exerciseSecretOperations(target, ledger, 'logged');

    // Internal failures while secrets are in flight: the store loses a table under the request.
    const iam = ledger.watchIam(target.iam());
    await iam.send(new CreateUserCommand({ UserName: 'secret-failing' }));
    await withoutTable('login_profiles', async () => {
      await expect(iam.send(new CreateLoginProfileCommand({ UserName: 'secret-failing', Password: 'Pw-failing-login-aA1!-0123456789' }))).rejects.toMatchObject(INTERNAL);
    });
    await withoutTable('server_certificates', async () => {
      await expect(iam.send(new UploadServerCertificateCommand({ ServerCertificateName: 'secret-failing', CertificateBody: LEAF_CERT, PrivateKey: RSA_KEY }))).rejects.toMatchObject({
        $metadata: { httpStatusCode: expect.any(Number) },
      });
    });
    await withoutTable('mfa_devices', async () => {
      await expect(iam.send(new CreateVirtualMFADeviceCommand({ VirtualMFADeviceName: 'secret-failing' }))).rejects.toMatchObject(INTERNAL);
    });
    // The server's own secrets.
    ledger.add('root secret access key', ROOT_KEY.secretAccessKey);
    const masterHex = (await readFile(join(dataDir, 'master.key'), 'utf8')).trim();
    ledger.add('master key (hex)', masterHex);
    ledger.add('master key', Buffer.from(masterHex, 'hex'));

    await serve.stop();
    const log = serve.output();
    expect(log.toString('utf8')).toContain('keyward: stopped');
    // The capture works: the forced failures were logged.
    expect(log.toString('utf8').match(/"msg":"internal failure"/g)?.length).toBeGreaterThanOrEqual(2);
    const leaked = ledger.forms().filter((form) => log.includes(form.bytes)).map((form) => form.label);
    expect(leaked).toEqual([]);
  }, 60_000);

  it('saw every operation the models mark as carrying a secret, and their secrets', () => {
    expectEveryCarrierSeen(ledger);
  });
});
