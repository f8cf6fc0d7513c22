// The audit trail as the server writes it: one CloudTrail record per call that reaches an
// operation (allowed, denied, failed, and refused signatures), changes committed with their
// events, secrets left out, and a chain that verifies (and names a tampered row).

import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CreateAccessKeyCommand, CreateLoginProfileCommand, CreateUserCommand, GetUserCommand, ListUsersCommand } from '@aws-sdk/client-iam';
import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import Database from 'better-sqlite3';
import { deriveAuditKeys } from '../../src/audit/chain/audit-keys.js';
import type { CloudTrailRecord } from '../../src/audit/record/cloudtrail-record.js';
import { loadMasterKey } from '../../src/auth/secret-box.js';
import { verifyStoredTrail } from '../../src/cli/audit-verify.js';
import { openStore } from '../../src/storage/open-store.js';
import type { Store } from '../../src/storage/ports.js';
import { userWithPolicy } from '../support/credential-fixtures.js';
import { formBody, signPost } from '../support/signed-request.js';
import { ACCOUNT_ID, ROOT_KEY, startTestServer, type TestServer } from '../support/server.js';

let t: TestServer;
let store: Store;

beforeAll(async () => {
  t = await startTestServer();
  store = await openStore({ kind: 'sqlite', file: join(t.dataDir, 'keyward.db') });
});

afterAll(async () => {
  await store.close();
  await t.stop();
});

async function events(name: string): Promise<CloudTrailRecord[]> {
  await t.server.flushUsage();
  const found = await store.read((tx) => tx.audit.lookup({ accountId: ACCOUNT_ID, attribute: { key: 'EventName', value: name }, limit: 50 }));
  return found.map((e) => JSON.parse(e.record) as CloudTrailRecord);
}

describe('audit trail', () => {
  it('records a change with its identity, parameters and response, and never a secret', async () => {
    const iam = t.iam();
    await iam.send(new CreateUserCommand({ UserName: 'trail-alice', Path: '/eng/' }));
    const key = await iam.send(new CreateAccessKeyCommand({ UserName: 'trail-alice' }));
    await iam.send(new CreateLoginProfileCommand({ UserName: 'trail-alice', Password: 'Correct-Horse-Battery-9' }));

    const [created] = await events('CreateUser');
    expect(created).toMatchObject({
      eventVersion: '1.11',
      eventSource: 'iam.amazonaws.com',
      eventName: 'CreateUser',
      awsRegion: 'us-east-1',
      readOnly: false,
      eventType: 'AwsApiCall',
      managementEvent: true,
      recipientAccountId: ACCOUNT_ID,
      userIdentity: { type: 'Root', accountId: ACCOUNT_ID, arn: `arn:aws:iam::${ACCOUNT_ID}:root`, accessKeyId: ROOT_KEY.accessKeyId },
      requestParameters: { userName: 'trail-alice', path: '/eng/' },
      responseElements: { user: { userName: 'trail-alice', arn: `arn:aws:iam::${ACCOUNT_ID}:user/eng/trail-alice` } },
    });
    const keyEvents = await events('CreateAccessKey');
    const text = JSON.stringify([...keyEvents, ...(await events('CreateLoginProfile'))]);
    expect(text).toContain(key.AccessKey!.AccessKeyId!);
    expect(text).not.toContain(key.AccessKey!.SecretAccessKey!);
    expect(text).not.toContain('Correct-Horse-Battery-9');
  });

  it('records reads, denials and failures, with the caller as CloudTrail names it', async () => {
    const bob = await userWithPolicy(t, 'trail-bob', [{ Effect: 'Allow', Action: 'iam:GetUser', Resource: '*' }]);
    await t.iam(bob).send(new GetUserCommand({}));
    await expect(t.iam(bob).send(new ListUsersCommand({}))).rejects.toMatchObject({ name: 'AccessDenied' });
    await expect(t.iam().send(new CreateUserCommand({ UserName: 'trail-bob' }))).rejects.toMatchObject({ name: 'EntityAlreadyExistsException' });
    await t.sts(bob).send(new GetCallerIdentityCommand({}));

    const read = (await events('GetUser')).find((e) => e.userIdentity.userName === 'trail-bob');
    expect(read).toMatchObject({ readOnly: true, responseElements: null, userIdentity: { type: 'IAMUser', accessKeyId: bob.accessKeyId } });
    const denied = (await events('ListUsers')).find((e) => e.userIdentity.userName === 'trail-bob');
    expect(denied?.errorCode).toBe('AccessDenied');
    expect(denied?.errorMessage).toContain('is not authorized to perform: iam:ListUsers');
    const failed = (await events('CreateUser')).filter((e) => e.requestParameters?.userName === 'trail-bob');
    expect(failed.map((e) => e.errorCode ?? 'ok').sort()).toEqual(['EntityAlreadyExists', 'ok']);
    const who = (await events('GetCallerIdentity')).find((e) => e.userIdentity.userName === 'trail-bob');
    expect(who).toMatchObject({ eventSource: 'sts.amazonaws.com', readOnly: true });
  });

  it('records a refused signature under the claimed key, naming nobody', async () => {
    const carol = await userWithPolicy(t, 'trail-carol');
    const forged = await signPost(t.server.url, formBody({ Action: 'ListRoles', Version: '2010-05-08' }), {
      credentials: { ...carol, secretAccessKey: 'not-the-secret' },
      signingDate: new Date(),
    });
    const res = await fetch(forged.url, { method: 'POST', headers: forged.headers, body: forged.body });
    expect(res.status).toBe(403);
    const refused = (await events('ListRoles')).find((e) => e.userIdentity.accessKeyId === carol.accessKeyId);
    expect(refused).toMatchObject({ errorCode: 'SignatureDoesNotMatch', userIdentity: { type: 'Unknown', accessKeyId: carol.accessKeyId } });
    expect(refused?.userIdentity.userName).toBeUndefined();
  });

  it('chains every event: the trail verifies, and a changed row is named', async () => {
    await t.server.flushUsage();
    const keys = deriveAuditKeys(await loadMasterKey({ dataDir: t.dataDir }));
    const report = await verifyStoredTrail(store, keys);
    expect(report.partitions.reduce((n, p) => n + p.events, 0)).toBeGreaterThan(10);
    expect(report.broken).toBeUndefined();
    expect(report.ok).toBe(true);

    // Tamper with one stored record, as someone with write access to the database could.
    const partition = report.partitions[0]!.partition;
    const victim = (await store.read((tx) => tx.audit.range(partition, 1, 4)))[3]!;
    const db = new Database(join(t.dataDir, 'keyward.db'));
    db.prepare('UPDATE audit_events SET record = ? WHERE partition_name = ? AND seq = ?').run(
      victim.record.replace('"readOnly":', '"readOnly": '),
      victim.partition,
      victim.seq,
    );
    db.close();
    const broken = await verifyStoredTrail(store, keys);
    expect(broken.ok).toBe(false);
    expect(broken.broken).toMatchObject({ partition: victim.partition, seq: victim.seq });
  });
});
