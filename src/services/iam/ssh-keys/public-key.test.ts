import { createHash, generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { IamError } from '../../../protocol/errors.js';
import { parseSshPublicKey } from './public-key.js';

function sshString(bytes: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(bytes.length);
  return Buffer.concat([len, bytes]);
}

function rsa(bits: number) {
  const { publicKey } = generateKeyPairSync('rsa', { modulusLength: bits });
  const jwk = publicKey.export({ format: 'jwk' });
  const mp = (b: Buffer) => sshString((b[0] ?? 0) & 0x80 ? Buffer.concat([Buffer.from([0]), b]) : b);
  const blob = Buffer.concat([sshString(Buffer.from('ssh-rsa')), mp(Buffer.from(jwk.e!, 'base64url')), mp(Buffer.from(jwk.n!, 'base64url'))]);
  return { blob, openSsh: `ssh-rsa ${blob.toString('base64')}`, spki: publicKey.export({ type: 'spki', format: 'pem' }).toString(), pkcs1: publicKey.export({ type: 'pkcs1', format: 'pem' }).toString() };
}

const key = rsa(2048);
const codeOf = (body: string): string | undefined => {
  try {
    parseSshPublicKey(body);
    return undefined;
  } catch (error) {
    return error instanceof IamError ? error.code : `unexpected ${String(error)}`;
  }
};

describe('parseSshPublicKey', () => {
  it('reads ssh-rsa with its MD5 fingerprint, bit length and comment', () => {
    const m = parseSshPublicKey(`  ${key.openSsh} me@host  \n`);
    expect(m.bits).toBe(2048);
    expect(m.fingerprint).toBe((createHash('md5').update(key.blob).digest('hex').match(/../g) ?? []).join(':'));
    expect(m.fingerprint).toHaveLength(47);
    expect(m.openSsh).toBe(`${key.openSsh} me@host`);
    expect(m.pem).toBe(key.spki);
  });

  it('reads SPKI and PKCS#1 PEM and RFC 4716 into the same key', () => {
    const ssh2 = ['---- BEGIN SSH2 PUBLIC KEY ----', 'Comment: "a very long \\', 'comment"', ...(key.blob.toString('base64').match(/.{1,70}/g) ?? []), '---- END SSH2 PUBLIC KEY ----'].join('\n');
    for (const body of [key.spki, key.pkcs1, ssh2]) expect(parseSshPublicKey(body).openSsh).toBe(key.openSsh);
  });

  it('refuses RSA keys under 2048 bits with InvalidPublicKey', () => {
    expect(codeOf(rsa(1024).openSsh)).toBe('InvalidPublicKey');
    expect(codeOf(rsa(1024).spki)).toBe('InvalidPublicKey');
  });

  it('answers UnrecognizedPublicKeyEncoding for other algorithms and formats', () => {
    const { publicKey } = generateKeyPairSync('ed25519');
    const raw = Buffer.from(publicKey.export({ format: 'jwk' }).x!, 'base64url');
    expect(codeOf(`ssh-ed25519 ${Buffer.concat([sshString(Buffer.from('ssh-ed25519')), sshString(raw)]).toString('base64')}`)).toBe('UnrecognizedPublicKeyEncoding');
    expect(codeOf(publicKey.export({ type: 'spki', format: 'pem' }).toString())).toBe('UnrecognizedPublicKeyEncoding');
    expect(codeOf('{"kty":"RSA"}')).toBe('UnrecognizedPublicKeyEncoding');
  });

  it('answers InvalidPublicKey for a blob whose type disagrees or is truncated', () => {
    const mislabelled = Buffer.concat([sshString(Buffer.from('ssh-dss')), key.blob.subarray(11)]).toString('base64');
    expect(codeOf(`ssh-rsa ${mislabelled}`)).toBe('InvalidPublicKey');
    expect(codeOf(`ssh-rsa ${key.blob.subarray(0, 40).toString('base64')}`)).toBe('InvalidPublicKey');
  });

  it('turns any input into a key or one of the two AWS errors, never another exception', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.uint8Array({ maxLength: 300 }).map((b) => `ssh-rsa ${Buffer.from(b).toString('base64')}`)), (body) => {
        expect([undefined, 'InvalidPublicKey', 'UnrecognizedPublicKeyEncoding']).toContain(codeOf(body));
      }),
      { numRuns: 300 },
    );
  });
});
