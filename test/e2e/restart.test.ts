// Stop and start again on the same data: entities survive, keys created before the
// restart still sign (secrets sealed with the master key), and a wrong master key fails safely.

import { randomBytes } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreateAccessKeyCommand, GetUserCommand, ListAccessKeysCommand, ListUsersCommand, PutUserPolicyCommand, UpdateAccessKeyCommand } from '@aws-sdk/client-iam';
import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { afterEach, describe, expect, it } from 'vitest';
import { ACCOUNT_ID, ROOT_KEY } from '../support/server.js';
import { parseErrorBody } from '../support/error-response.js';
import { createUserWithKey, startNode, type KeywardNode, type NodeOptions } from '../support/keyward-node.js';
import { formBody, send, signPost, type Credentials, type WireResponse } from '../support/signed-request.js';

const cleanup: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
});

async function tempDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'keyward-restart-'));
  cleanup.push(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

async function start(options: NodeOptions): Promise<KeywardNode> {
  const node = await startNode(options);
  cleanup.push(() => node.stop());
  return node;
}

async function whoAmI(node: KeywardNode, credentials: Credentials): Promise<WireResponse> {
  const body = formBody({ Action: 'GetCallerIdentity', Version: '2011-06-15' });
  return send(await signPost(node.url, body, { credentials, signingDate: new Date(), service: 'sts' }));
}

/** Every file in the data directory, to prove a secret is not stored in clear. */
async function dataDirBytes(dir: string): Promise<Buffer> {
  const names = await readdir(dir);
  return Buffer.concat(await Promise.all(names.map((name) => readFile(join(dir, name)))));
}

describe('restart on the same data directory', () => {
  it('keeps users and keys, the root key and the master key file', async () => {
    const dataDir = await tempDir();
    const first = await start({ dataDir });
    const iam = first.iam();
    const alice = await createUserWithKey(first, 'alice');
    const spare = (await iam.send(new CreateAccessKeyCommand({ UserName: 'alice' }))).AccessKey!;
    await iam.send(new UpdateAccessKeyCommand({ UserName: 'alice', AccessKeyId: spare.AccessKeyId!, Status: 'Inactive' }));
    const before = (await iam.send(new GetUserCommand({ UserName: 'alice' }))).User!;

    const keyFile = join(dataDir, 'master.key');
    const keyStat = await stat(keyFile);
    expect(keyStat.mode & 0o777).toBe(0o600);
    const keyText = await readFile(keyFile, 'utf8');
    expect(keyText.trim()).toMatch(/^[0-9a-f]{64}$/);
    await first.stop();

    const stored = await dataDirBytes(dataDir);
    expect(stored.includes(alice.secretAccessKey)).toBe(false);
    expect(stored.includes(ROOT_KEY.secretAccessKey)).toBe(false);

    const second = await start({ dataDir });
    expect(second.server.accountId).toBe(ACCOUNT_ID);
    // Started from the environment's root key, not a fresh one to print.
    expect(second.server.bootstrap.createdRootKey).toBeUndefined();
    const after = (await second.iam().send(new GetUserCommand({ UserName: 'alice' }))).User!;
    expect(after).toEqual(before);
    const keys = (await second.iam().send(new ListAccessKeysCommand({ UserName: 'alice' }))).AccessKeyMetadata ?? [];
    expect(keys.map((k) => [k.AccessKeyId, k.Status]).sort()).toEqual(
      [[alice.accessKeyId, 'Active'], [spare.AccessKeyId, 'Inactive']].sort(),
    );
    expect((await second.iam().send(new ListUsersCommand({}))).Users?.map((u) => u.UserName)).toEqual(['alice']);

    const who = await second.sts(alice).send(new GetCallerIdentityCommand({}));
    expect(who.Arn).toBe(`arn:aws:iam::${ACCOUNT_ID}:user/alice`);
    await expect(second.sts({ accessKeyId: spare.AccessKeyId!, secretAccessKey: spare.SecretAccessKey! }).send(new GetCallerIdentityCommand({}))).rejects.toMatchObject({
      name: 'InvalidClientTokenId',
    });

    const again = await stat(keyFile);
    expect({ ino: again.ino, mode: again.mode & 0o777, mtimeMs: again.mtimeMs }).toEqual({ ino: keyStat.ino, mode: 0o600, mtimeMs: keyStat.mtimeMs });
    expect(await readFile(keyFile, 'utf8')).toBe(keyText);
  });

  it('a policy granted before the restart still authorizes after it', async () => {
    const dataDir = await tempDir();
    const first = await start({ dataDir });
    const bob = await createUserWithKey(first, 'bob');
    await expect(first.iam(bob).send(new ListUsersCommand({}))).rejects.toMatchObject({ name: 'AccessDenied' });
    await first.iam().send(
      new PutUserPolicyCommand({
        UserName: 'bob',
        PolicyName: 'list',
        PolicyDocument: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'iam:ListUsers', Resource: '*' }] }),
      }),
    );
    await first.stop();
    const second = await start({ dataDir });
    expect((await second.iam(bob).send(new ListUsersCommand({}))).Users?.map((u) => u.UserName)).toEqual(['bob']);
    await expect(second.iam(bob).send(new GetUserCommand({ UserName: 'bob' }))).rejects.toMatchObject({ name: 'AccessDenied' });
  });
});

describe('master key from KEYWARD_MASTER_KEY', () => {
  it('signs with old keys under the same master key, and fails them safely under another', async () => {
    const dataDir = await tempDir();
    const masterKey = randomBytes(32).toString('hex');
    const first = await start({ dataDir, masterKey });
    const carol = await createUserWithKey(first, 'carol');
    await first.stop();
    // The key comes from the environment, so none is written beside the data.
    expect((await readdir(dataDir)).includes('master.key')).toBe(false);

    const same = await start({ dataDir, masterKey });
    expect((await whoAmI(same, carol)).status).toBe(200);
    await same.stop();

    const wrong = await start({ dataDir, masterKey: randomBytes(32).toString('base64') });
    const refused = await whoAmI(wrong, carol);
    expect(refused.status).toBe(403);
    expect(parseErrorBody(refused.text)?.code, refused.text).toBe('InvalidClientTokenId');
    expect(refused.text).not.toContain(carol.secretAccessKey);
    // The server is still up and still answering: nothing that can be verified is accepted.
    const unknown = await whoAmI(wrong, { accessKeyId: 'AKIAUNKNOWNKEY000002', secretAccessKey: 'x'.repeat(40) });
    expect(unknown.status).toBe(403);
    expect(parseErrorBody(unknown.text)?.code).toBe('InvalidClientTokenId');
    expect((await whoAmI(wrong, carol)).status).not.toBe(200);
  });

  it('refuses to start with a master key that is not 32 bytes', async () => {
    const dataDir = await tempDir();
    await expect(startNode({ dataDir, masterKey: 'abc123' })).rejects.toThrow(/32 bytes/);
  });
});
