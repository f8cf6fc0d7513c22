// SSH public keys through the real AWS SDK against a real server: SSH, SSH2 and PEM encodings,
// fingerprints, AWS's validation, the per-user quota, pagination and ${aws:username} enforcement.

import { createHash } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  CreateUserCommand,
  DeleteSSHPublicKeyCommand,
  GetSSHPublicKeyCommand,
  ListSSHPublicKeysCommand,
  UpdateSSHPublicKeyCommand,
  UploadSSHPublicKeyCommand,
} from '@aws-sdk/client-iam';
import { ed25519OpenSsh, rsaPublicKey, userWithPolicy, type RsaPublicKey } from '../support/credential-fixtures.js';
import { ACCOUNT_ID, useTestServer } from '../support/server.js';

const t = useTestServer();
let keys: RsaPublicKey[];
beforeAll(async () => {
  keys = await Promise.all(Array.from({ length: 8 }, () => rsaPublicKey()));
});

const key = (i: number): RsaPublicKey => keys[i] as RsaPublicKey;
/** Creates `name` (each test has users of its own) with the first `count` test keys uploaded. */
async function userWithKeys(name: string, count = 0): Promise<void> {
  await t.iam().send(new CreateUserCommand({ UserName: name }));
  for (let i = 0; i < count; i++) await t.iam().send(new UploadSSHPublicKeyCommand({ UserName: name, SSHPublicKeyBody: key(i).openSsh }));
}
const md5Colons = (blob: Buffer): string => (createHash('md5').update(blob).digest('hex').match(/../g) ?? []).join(':');

describe('SSH public keys', () => {
  it('uploads an ssh-rsa key with its MD5 fingerprint and returns it in SSH and PEM encodings', async () => {
    const iam = t.iam();
    await iam.send(new CreateUserCommand({ UserName: 'dev' }));
    const up = await iam.send(new UploadSSHPublicKeyCommand({ UserName: 'dev', SSHPublicKeyBody: `${key(0).openSsh} dev@laptop\n` }));
    const uploaded = up.SSHPublicKey!;
    expect(uploaded.SSHPublicKeyId).toMatch(/^APKA[A-Z2-7]{16}$/);
    expect(uploaded).toMatchObject({ UserName: 'dev', Status: 'Active', Fingerprint: md5Colons(key(0).blob), SSHPublicKeyBody: `${key(0).openSsh} dev@laptop` });
    expect(uploaded.UploadDate).toBeInstanceOf(Date);
    const asSsh = await iam.send(new GetSSHPublicKeyCommand({ UserName: 'dev', SSHPublicKeyId: uploaded.SSHPublicKeyId, Encoding: 'SSH' }));
    expect(asSsh.SSHPublicKey?.SSHPublicKeyBody).toBe(`${key(0).openSsh} dev@laptop`);
    const asPem = await iam.send(new GetSSHPublicKeyCommand({ UserName: 'dev', SSHPublicKeyId: uploaded.SSHPublicKeyId, Encoding: 'PEM' }));
    expect(asPem.SSHPublicKey?.SSHPublicKeyBody).toBe(key(0).pem);
    expect(asPem.SSHPublicKey?.Fingerprint).toBe(uploaded.Fingerprint);
  });

  it('accepts PEM and RFC 4716 (SSH2) uploads and stores them in SSH encoding', async () => {
    const iam = t.iam();
    await userWithKeys('dev2');
    const pem = await iam.send(new UploadSSHPublicKeyCommand({ UserName: 'dev2', SSHPublicKeyBody: key(1).pem }));
    expect(pem.SSHPublicKey?.SSHPublicKeyBody).toBe(key(1).openSsh);
    expect(pem.SSHPublicKey?.Fingerprint).toBe(md5Colons(key(1).blob));
    const ssh2 = await iam.send(new UploadSSHPublicKeyCommand({ UserName: 'dev2', SSHPublicKeyBody: key(2).ssh2 }));
    const got = await iam.send(new GetSSHPublicKeyCommand({ UserName: 'dev2', SSHPublicKeyId: ssh2.SSHPublicKey!.SSHPublicKeyId, Encoding: 'SSH' }));
    expect(got.SSHPublicKey?.SSHPublicKeyBody).toBe(key(2).openSsh);
  });

  it('refuses the same key twice for a user, short keys and unsupported encodings', async () => {
    const iam = t.iam();
    await userWithKeys('dev3', 1);
    await expect(iam.send(new UploadSSHPublicKeyCommand({ UserName: 'dev3', SSHPublicKeyBody: key(0).pem }))).rejects.toMatchObject({
      name: 'DuplicateSSHPublicKeyException',
      $metadata: { httpStatusCode: 400 },
    });
    await expect(iam.send(new UploadSSHPublicKeyCommand({ UserName: 'dev3', SSHPublicKeyBody: (await rsaPublicKey(1024)).openSsh }))).rejects.toMatchObject({
      name: 'InvalidPublicKeyException',
      $metadata: { httpStatusCode: 400 },
    });
    await expect(iam.send(new UploadSSHPublicKeyCommand({ UserName: 'dev3', SSHPublicKeyBody: ed25519OpenSsh() }))).rejects.toMatchObject({
      name: 'UnrecognizedPublicKeyEncodingException',
      $metadata: { httpStatusCode: 400 },
    });
    await expect(iam.send(new UploadSSHPublicKeyCommand({ UserName: 'dev3', SSHPublicKeyBody: 'hello world' }))).rejects.toMatchObject({
      name: 'UnrecognizedPublicKeyEncodingException',
    });
    await expect(iam.send(new UploadSSHPublicKeyCommand({ UserName: 'dev3', SSHPublicKeyBody: 'ssh-rsa AAAA!!!!' }))).rejects.toMatchObject({
      name: 'InvalidPublicKeyException',
    });
    await expect(iam.send(new UploadSSHPublicKeyCommand({ UserName: 'nobody', SSHPublicKeyBody: key(3).openSsh }))).rejects.toMatchObject({
      name: 'NoSuchEntityException',
      message: 'The user with name nobody cannot be found.',
    });
  });

  it('holds five keys per user and pages through them', async () => {
    const iam = t.iam();
    await userWithKeys('dev4', 5);
    await expect(iam.send(new UploadSSHPublicKeyCommand({ UserName: 'dev4', SSHPublicKeyBody: key(5).openSsh }))).rejects.toMatchObject({
      name: 'LimitExceededException',
      message: 'Cannot exceed quota for SSHPublicKeysPerUser: 5',
      $metadata: { httpStatusCode: 409 },
    });
    const first = await iam.send(new ListSSHPublicKeysCommand({ UserName: 'dev4', MaxItems: 3 }));
    expect(first.IsTruncated).toBe(true);
    const second = await iam.send(new ListSSHPublicKeysCommand({ UserName: 'dev4', MaxItems: 3, Marker: first.Marker }));
    expect(second.IsTruncated).toBe(false);
    const all = [...first.SSHPublicKeys!, ...second.SSHPublicKeys!];
    expect(all).toHaveLength(5);
    expect(new Set(all.map((k) => k.SSHPublicKeyId)).size).toBe(5);
    expect(all.every((k) => k.UserName === 'dev4' && k.Status === 'Active')).toBe(true);
  });

  it('deactivates and deletes a key; another user cannot reach it', async () => {
    const iam = t.iam();
    await userWithKeys('dev5', 5);
    const [first] = (await iam.send(new ListSSHPublicKeysCommand({ UserName: 'dev5' }))).SSHPublicKeys!;
    const id = first!.SSHPublicKeyId!;
    await iam.send(new UpdateSSHPublicKeyCommand({ UserName: 'dev5', SSHPublicKeyId: id, Status: 'Inactive' }));
    const got = await iam.send(new GetSSHPublicKeyCommand({ UserName: 'dev5', SSHPublicKeyId: id, Encoding: 'SSH' }));
    expect(got.SSHPublicKey?.Status).toBe('Inactive');
    await iam.send(new CreateUserCommand({ UserName: 'other5' }));
    await expect(iam.send(new GetSSHPublicKeyCommand({ UserName: 'other5', SSHPublicKeyId: id, Encoding: 'SSH' }))).rejects.toMatchObject({
      name: 'NoSuchEntityException',
      message: `The Public Key with id ${id} cannot be found.`,
      $metadata: { httpStatusCode: 404 },
    });
    await iam.send(new DeleteSSHPublicKeyCommand({ UserName: 'dev5', SSHPublicKeyId: id }));
    await expect(iam.send(new DeleteSSHPublicKeyCommand({ UserName: 'dev5', SSHPublicKeyId: id }))).rejects.toMatchObject({ name: 'NoSuchEntityException' });
    // The freed slot takes a new key.
    await iam.send(new UploadSSHPublicKeyCommand({ UserName: 'dev5', SSHPublicKeyBody: key(5).openSsh }));
  });

  it('lets a user manage only its own keys through ${aws:username} in the resource ARN', async () => {
    const creds = await userWithPolicy(t, 'coder', [
      {
        Effect: 'Allow',
        Action: ['iam:UploadSSHPublicKey', 'iam:ListSSHPublicKeys', 'iam:GetSSHPublicKey', 'iam:DeleteSSHPublicKey'],
        Resource: `arn:aws:iam::${ACCOUNT_ID}:user/\${aws:username}`,
      },
    ]);
    const asCoder = t.iam(creds);
    const up = await asCoder.send(new UploadSSHPublicKeyCommand({ UserName: 'coder', SSHPublicKeyBody: key(6).openSsh }));
    expect(up.SSHPublicKey?.UserName).toBe('coder');
    const mine = await asCoder.send(new ListSSHPublicKeysCommand({}));
    expect(mine.SSHPublicKeys?.map((k) => k.SSHPublicKeyId)).toEqual([up.SSHPublicKey?.SSHPublicKeyId]);
    await expect(asCoder.send(new UploadSSHPublicKeyCommand({ UserName: 'dev', SSHPublicKeyBody: key(7).openSsh }))).rejects.toMatchObject({
      name: 'AccessDenied',
      message: `User: arn:aws:iam::${ACCOUNT_ID}:user/coder is not authorized to perform: iam:UploadSSHPublicKey on resource: arn:aws:iam::${ACCOUNT_ID}:user/dev because no identity-based policy allows the iam:UploadSSHPublicKey action`,
      $metadata: { httpStatusCode: 403 },
    });
    await expect(asCoder.send(new UpdateSSHPublicKeyCommand({ UserName: 'coder', SSHPublicKeyId: up.SSHPublicKey!.SSHPublicKeyId!, Status: 'Inactive' }))).rejects.toMatchObject({
      name: 'AccessDenied',
    });
    await asCoder.send(new DeleteSSHPublicKeyCommand({ UserName: 'coder', SSHPublicKeyId: up.SSHPublicKey!.SSHPublicKeyId! }));
  });

  it('gives the root user an empty list when it names no user', async () => {
    expect((await t.iam().send(new ListSSHPublicKeysCommand({}))).SSHPublicKeys).toEqual([]);
  });
});
