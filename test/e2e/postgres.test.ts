// Keyward on PostgreSQL: users, access keys and enforcement through the SDK, and two
// server nodes on one database seeing each other's writes. Fails if PostgreSQL is down.

import { randomBytes } from 'node:crypto';
import { access } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  CreateUserCommand,
  DeleteAccessKeyCommand,
  DeleteUserCommand,
  DeleteUserPolicyCommand,
  GetUserCommand,
  ListAccessKeysCommand,
  ListUsersCommand,
  PutUserPolicyCommand,
  UpdateAccessKeyCommand,
} from '@aws-sdk/client-iam';
import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { ACCOUNT_ID, ROOT_KEY } from '../support/server.js';
import { createUserWithKey, startNode, type KeywardNode } from '../support/keyward-node.js';
import { createTempDatabase, type TempDatabase } from '../support/temp-database.js';

// Two nodes share the database and, as a deployment would, one KEYWARD_MASTER_KEY.
const masterKey = randomBytes(32).toString('hex');
const unusedDataDir = join(tmpdir(), `keyward-pg-unused-${randomBytes(4).toString('hex')}`);
// The first start seeds the AWS managed policy catalogue, which takes seconds on PostgreSQL.
const SLOW = { timeout: 60_000 };

interface Cluster {
  readonly db: TempDatabase;
  readonly a: KeywardNode;
  readonly b: KeywardNode;
}

// Set up inside the tests, not in beforeAll: a failed hook would report the tests as
// skipped, and an unreachable PostgreSQL must fail them.
let started: Promise<Cluster> | undefined;
function cluster(): Promise<Cluster> {
  started ??= (async () => {
    const db = await createTempDatabase();
    const options = { dataDir: unusedDataDir, databaseUrl: db.url, masterKey };
    const a = await startNode(options);
    const b = await startNode(options);
    return { db, a, b };
  })();
  return started;
}

afterAll(async () => {
  const c = await started?.catch(() => undefined);
  await c?.a.stop();
  await c?.b.stop();
  await c?.db.drop();
}, 60_000);

async function sql<T extends pg.QueryResultRow>(text: string, values: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: (await cluster()).db.url });
  await client.connect();
  try {
    return (await client.query<T>(text, values)).rows;
  } finally {
    await client.end();
  }
}

describe('one node on PostgreSQL', SLOW, () => {
  it('stores the account in the database and nothing on disk', async () => {
    const { a } = await cluster();
    expect(a.server.accountId).toBe(ACCOUNT_ID);
    expect(await sql('SELECT id FROM accounts')).toEqual([{ id: ACCOUNT_ID }]);
    await expect(access(unusedDataDir)).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('creates, reads, lists and deletes users and access keys', async () => {
    const { a } = await cluster();
    const iam = a.iam();
    const created = await iam.send(new CreateUserCommand({ UserName: 'pg-alice', Path: '/pg/', Tags: [{ Key: 'team', Value: 'db' }] }));
    expect(created.User?.Arn).toBe(`arn:aws:iam::${ACCOUNT_ID}:user/pg/pg-alice`);
    expect((await iam.send(new GetUserCommand({ UserName: 'PG-ALICE' }))).User).toMatchObject({ UserName: 'pg-alice', Tags: [{ Key: 'team', Value: 'db' }] });
    await expect(iam.send(new CreateUserCommand({ UserName: 'Pg-Alice' }))).rejects.toMatchObject({
      name: 'EntityAlreadyExistsException',
      message: 'User with name Pg-Alice already exists.',
      $metadata: { httpStatusCode: 409 },
    });
    for (const n of ['pg-p1', 'pg-p2']) await iam.send(new CreateUserCommand({ UserName: n, Path: '/pg/' }));
    const page1 = await iam.send(new ListUsersCommand({ PathPrefix: '/pg/', MaxItems: 2 }));
    expect({ names: page1.Users?.map((u) => u.UserName), truncated: page1.IsTruncated }).toEqual({ names: ['pg-alice', 'pg-p1'], truncated: true });
    const page2 = await iam.send(new ListUsersCommand({ PathPrefix: '/pg/', MaxItems: 2, Marker: page1.Marker }));
    expect({ names: page2.Users?.map((u) => u.UserName), truncated: page2.IsTruncated }).toEqual({ names: ['pg-p2'], truncated: false });

    const key = await createUserWithKey(a, 'pg-keyed');
    const [row] = await sql<{ secret_ciphertext: string }>('SELECT secret_ciphertext FROM access_keys WHERE access_key_id = $1', [key.accessKeyId]);
    expect(row?.secret_ciphertext).toMatch(/^k1\./);
    expect(row?.secret_ciphertext).not.toContain(key.secretAccessKey);
    expect((await a.sts(key).send(new GetCallerIdentityCommand({}))).Arn).toBe(`arn:aws:iam::${ACCOUNT_ID}:user/pg-keyed`);
    await iam.send(new UpdateAccessKeyCommand({ UserName: 'pg-keyed', AccessKeyId: key.accessKeyId, Status: 'Inactive' }));
    await expect(a.sts(key).send(new GetCallerIdentityCommand({}))).rejects.toMatchObject({ name: 'InvalidClientTokenId' });
    await iam.send(new DeleteAccessKeyCommand({ UserName: 'pg-keyed', AccessKeyId: key.accessKeyId }));
    expect((await iam.send(new ListAccessKeysCommand({ UserName: 'pg-keyed' }))).AccessKeyMetadata).toEqual([]);
    await iam.send(new DeleteUserCommand({ UserName: 'pg-keyed' }));
    await expect(iam.send(new GetUserCommand({ UserName: 'pg-keyed' }))).rejects.toMatchObject({ name: 'NoSuchEntityException' });
  });

  it('enforces: a user without policies is denied with AWS wording but may ask who it is', async () => {
    const { a } = await cluster();
    const key = await createUserWithKey(a, 'pg-denied');
    await expect(a.iam(key).send(new ListUsersCommand({}))).rejects.toMatchObject({
      name: 'AccessDenied',
      message: `User: arn:aws:iam::${ACCOUNT_ID}:user/pg-denied is not authorized to perform: iam:ListUsers on resource: arn:aws:iam::${ACCOUNT_ID}:user/ because no identity-based policy allows the iam:ListUsers action`,
      $metadata: { httpStatusCode: 403 },
    });
    expect((await a.sts(key).send(new GetCallerIdentityCommand({}))).Account).toBe(ACCOUNT_ID);
  });

  it('enforces: a policy written through one node allows through the other', async () => {
    const { a, b } = await cluster();
    const key = await createUserWithKey(a, 'pg-granted');
    const document = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'iam:GetUser', Resource: `arn:aws:iam::${ACCOUNT_ID}:user/pg-granted` }] };
    await a.iam().send(new PutUserPolicyCommand({ UserName: 'pg-granted', PolicyName: 'self', PolicyDocument: JSON.stringify(document) }));
    expect((await b.iam(key).send(new GetUserCommand({ UserName: 'pg-granted' }))).User?.UserName).toBe('pg-granted');
    await expect(b.iam(key).send(new GetUserCommand({ UserName: 'pg-denied' }))).rejects.toMatchObject({ name: 'AccessDenied' });
  });
});

describe('two nodes on one database', SLOW, () => {
  it('a user created through node A is visible through node B, and its key signs there', async () => {
    const { a, b } = await cluster();
    const key = await createUserWithKey(a, 'pg-shared');
    const viaA = (await a.iam().send(new GetUserCommand({ UserName: 'pg-shared' }))).User;
    const viaB = (await b.iam().send(new GetUserCommand({ UserName: 'pg-shared' }))).User;
    expect(viaB).toEqual(viaA);
    expect((await b.sts(key).send(new GetCallerIdentityCommand({}))).Arn).toBe(`arn:aws:iam::${ACCOUNT_ID}:user/pg-shared`);
    // A has the key in its cache now.
    expect((await a.sts(key).send(new GetCallerIdentityCommand({}))).Arn).toBe(`arn:aws:iam::${ACCOUNT_ID}:user/pg-shared`);
    // A key switched off through B is refused by A at once: A's caches hear of B's write
    // before A answers a request that arrives after it (PostgresDriver.syncGeneration).
    await b.iam().send(new UpdateAccessKeyCommand({ UserName: 'pg-shared', AccessKeyId: key.accessKeyId, Status: 'Inactive' }));
    await expect(a.sts(key).send(new GetCallerIdentityCommand({}))).rejects.toMatchObject({ name: 'InvalidClientTokenId' });
  });

  it('a permission removed through one node is gone through the other on the next request', async () => {
    const { a, b } = await cluster();
    const key = await createUserWithKey(a, 'pg-revoked');
    const document = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'iam:ListUsers', Resource: '*' }] };
    for (let round = 0; round < 10; round += 1) {
      await a.iam().send(new PutUserPolicyCommand({ UserName: 'pg-revoked', PolicyName: 'list', PolicyDocument: JSON.stringify(document) }));
      // Warm B's caches: its key, caller and compiled policies.
      await b.iam(key).send(new ListUsersCommand({ MaxItems: 1 }));
      await b.iam(key).send(new ListUsersCommand({ MaxItems: 1 }));
      await a.iam().send(new DeleteUserPolicyCommand({ UserName: 'pg-revoked', PolicyName: 'list' }));
      await expect(b.iam(key).send(new ListUsersCommand({ MaxItems: 1 }))).rejects.toMatchObject({ name: 'AccessDenied' });
    }
  });

  it('the same name created on both nodes at once: exactly one wins', async () => {
    const { a, b } = await cluster();
    const results = await Promise.allSettled([
      a.iam().send(new CreateUserCommand({ UserName: 'pg-race' })),
      b.iam().send(new CreateUserCommand({ UserName: 'PG-RACE' })),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const [lost] = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(lost?.reason).toMatchObject({ name: 'EntityAlreadyExistsException', $metadata: { httpStatusCode: 409 } });
  });

  it('both nodes were bootstrapped once: one account, one root key', async () => {
    const { b } = await cluster();
    expect(b.server.accountId).toBe(ACCOUNT_ID);
    const keys = await sql<{ access_key_id: string }>('SELECT access_key_id FROM access_keys WHERE user_id IS NULL');
    expect(keys).toEqual([{ access_key_id: ROOT_KEY.accessKeyId }]);
  });
});
