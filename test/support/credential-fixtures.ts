// Helpers shared by the certificate, SSH key, service credential and remaining-action e2e tests:
// a user with an access key and an inline policy, and RSA/Ed25519 public keys in SSH encodings.

import { generateKeyPair, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { promisify } from 'node:util';
import { CreateAccessKeyCommand, CreateUserCommand, PutUserPolicyCommand } from '@aws-sdk/client-iam';
import type { TestServer } from './server.js';

export interface Credentials {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
}

/** Creates `name` with one access key and, when given, an inline policy of `statements`. */
export async function userWithPolicy(t: TestServer, name: string, statements?: readonly object[]): Promise<Credentials> {
  const iam = t.iam();
  await iam.send(new CreateUserCommand({ UserName: name }));
  if (statements !== undefined) {
    await iam.send(
      new PutUserPolicyCommand({ UserName: name, PolicyName: 'test', PolicyDocument: JSON.stringify({ Version: '2012-10-17', Statement: statements }) }),
    );
  }
  const { AccessKey } = await iam.send(new CreateAccessKeyCommand({ UserName: name }));
  return { accessKeyId: AccessKey!.AccessKeyId!, secretAccessKey: AccessKey!.SecretAccessKey! };
}

function sshString(bytes: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(bytes.length);
  return Buffer.concat([len, bytes]);
}

function sshMpint(unsigned: Buffer): Buffer {
  return sshString((unsigned[0] ?? 0) & 0x80 ? Buffer.concat([Buffer.from([0]), unsigned]) : unsigned);
}

export interface RsaPublicKey {
  /** `ssh-rsa AAAA...`, written here independently of the server's encoder. */
  readonly openSsh: string;
  /** `-----BEGIN PUBLIC KEY-----` (SubjectPublicKeyInfo). */
  readonly pem: string;
  /** The RFC 4716 (`---- BEGIN SSH2 PUBLIC KEY ----`) form. */
  readonly ssh2: string;
  readonly blob: Buffer;
}

const generateRsa = promisify(generateKeyPair);

/** Generated off the main thread, so several can be made at once. */
export async function rsaPublicKey(bits = 2048): Promise<RsaPublicKey> {
  const { publicKey }: { publicKey: KeyObject } = await generateRsa('rsa', { modulusLength: bits });
  const jwk = publicKey.export({ format: 'jwk' });
  const blob = Buffer.concat([
    sshString(Buffer.from('ssh-rsa')),
    sshMpint(Buffer.from(jwk.e ?? '', 'base64url')),
    sshMpint(Buffer.from(jwk.n ?? '', 'base64url')),
  ]);
  const b64 = blob.toString('base64');
  const lines = b64.match(/.{1,70}/g) ?? [];
  return {
    openSsh: `ssh-rsa ${b64}`,
    pem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    ssh2: ['---- BEGIN SSH2 PUBLIC KEY ----', 'Comment: "test key"', ...lines, '---- END SSH2 PUBLIC KEY ----', ''].join('\n'),
    blob,
  };
}

export function ed25519OpenSsh(): string {
  const { publicKey } = generateKeyPairSync('ed25519');
  const raw = Buffer.from(publicKey.export({ format: 'jwk' }).x ?? '', 'base64url');
  return `ssh-ed25519 ${Buffer.concat([sshString(Buffer.from('ssh-ed25519')), sshString(raw)]).toString('base64')}`;
}
