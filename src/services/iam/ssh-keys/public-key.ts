// Reads an SSH public key in the encodings UploadSSHPublicKey accepts (OpenSSH `ssh-rsa`, SSH2 /
// RFC 4716, PEM), enforces AWS's RSA >= 2048 bits, and gives it back in the SSH and PEM encodings
// GetSSHPublicKey returns, with the MD5 fingerprint of the key blob.

import { createHash, createPublicKey, type JsonWebKey } from 'node:crypto';
import { IamError } from '../../../protocol/errors.js';

export interface SshPublicKeyMaterial {
  /** `ssh-rsa AAAA... [comment]`: what is stored and what Encoding=SSH returns. */
  readonly openSsh: string;
  /** `-----BEGIN PUBLIC KEY-----` (X.509 SubjectPublicKeyInfo): what Encoding=PEM returns. */
  readonly pem: string;
  /** MD5 of the key blob as colon-separated hex, as `ssh-keygen -l -E md5` prints it. */
  readonly fingerprint: string;
  readonly bits: number;
}

export const MIN_RSA_BITS = 2048;

const unrecognized = (): IamError =>
  new IamError('UnrecognizedPublicKeyEncoding', 'The public key encoding format is unsupported or unrecognized.');
const invalid = (why: string): IamError => new IamError('InvalidPublicKey', why);

const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;
const SSH2_BEGIN = '---- BEGIN SSH2 PUBLIC KEY ----';
const SSH2_END = '---- END SSH2 PUBLIC KEY ----';

/** SSH wire strings: a 4-byte big-endian length, then the bytes (RFC 4251 section 5). */
function readStrings(blob: Buffer): Buffer[] {
  const out: Buffer[] = [];
  let at = 0;
  while (at < blob.length) {
    if (at + 4 > blob.length) throw invalid('The public key is malformed.');
    const len = blob.readUInt32BE(at);
    if (at + 4 + len > blob.length) throw invalid('The public key is malformed.');
    out.push(blob.subarray(at + 4, at + 4 + len));
    at += 4 + len;
  }
  return out;
}

function writeString(bytes: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(bytes.length);
  return Buffer.concat([len, bytes]);
}

/** An unsigned big-endian integer as an SSH mpint (a leading 0 keeps it positive). */
function mpint(unsigned: Buffer): Buffer {
  let i = 0;
  while (i < unsigned.length - 1 && unsigned[i] === 0) i++;
  const trimmed = unsigned.subarray(i);
  return (trimmed[0] ?? 0) & 0x80 ? Buffer.concat([Buffer.from([0]), trimmed]) : trimmed;
}

function unsignedOf(mp: Buffer): Buffer {
  let i = 0;
  while (i < mp.length - 1 && mp[i] === 0) i++;
  return mp.subarray(i);
}

function bitLength(n: Buffer): number {
  const first = n[0] ?? 0;
  return first === 0 ? 0 : (n.length - 1) * 8 + (32 - Math.clz32(first));
}

interface RsaNumbers {
  readonly n: Buffer;
  readonly e: Buffer;
}

function fromBlob(blob: Buffer): RsaNumbers {
  const parts = readStrings(blob);
  const type = parts[0]?.toString('latin1');
  if (type === undefined) throw invalid('The public key is malformed.');
  if (type !== 'ssh-rsa') throw unrecognized();
  const [, e, n] = parts;
  if (parts.length !== 3 || e === undefined || n === undefined || (n[0] ?? 0) & 0x80) throw invalid('The public key is malformed.');
  return { n: unsignedOf(n), e: unsignedOf(e) };
}

function decodeBase64(text: string): Buffer {
  if (!BASE64.test(text) || text.length % 4 !== 0) throw invalid('The public key is malformed.');
  return Buffer.from(text, 'base64');
}

function fromOpenSsh(text: string): { numbers: RsaNumbers; comment?: string } {
  const [type, data, ...comment] = text.split(/\s+/);
  if (type !== 'ssh-rsa') throw unrecognized();
  if (data === undefined) throw invalid('The public key is malformed.');
  const blob = decodeBase64(data);
  if (readStrings(blob)[0]?.toString('latin1') !== 'ssh-rsa') throw invalid('The public key is malformed.');
  return { numbers: fromBlob(blob), ...(comment.length > 0 && { comment: comment.join(' ') }) };
}

/** RFC 4716: header lines (`Tag: value`, continued by a trailing backslash), then base64. */
function fromSsh2(text: string): RsaNumbers {
  const lines = text.split(/\r?\n/).map((l) => l.trim());
  if (lines[0] !== SSH2_BEGIN || lines[lines.length - 1] !== SSH2_END) throw unrecognized();
  const body = lines.slice(1, -1);
  let i = 0;
  while (i < body.length && (body[i] ?? '').includes(':')) {
    while ((body[i] ?? '').endsWith('\\')) i++;
    i++;
  }
  return fromBlob(decodeBase64(body.slice(i).join('')));
}

function fromPem(text: string): RsaNumbers {
  let jwk: JsonWebKey;
  try {
    const key = createPublicKey({ key: text, format: 'pem' });
    if (key.asymmetricKeyType !== 'rsa') throw unrecognized();
    jwk = key.export({ format: 'jwk' });
  } catch (error) {
    if (error instanceof IamError) throw error;
    throw invalid('The public key is malformed.');
  }
  return { n: Buffer.from(jwk.n ?? '', 'base64url'), e: Buffer.from(jwk.e ?? '', 'base64url') };
}

function material(numbers: RsaNumbers, comment?: string): SshPublicKeyMaterial {
  const bits = bitLength(numbers.n);
  if (bits < MIN_RSA_BITS) throw invalid(`The public key must be an RSA key of at least ${MIN_RSA_BITS} bits.`);
  const blob = Buffer.concat([writeString(Buffer.from('ssh-rsa')), writeString(mpint(numbers.e)), writeString(mpint(numbers.n))]);
  const jwk = { kty: 'RSA', n: numbers.n.toString('base64url'), e: numbers.e.toString('base64url') };
  let pem: string;
  try {
    pem = createPublicKey({ key: jwk, format: 'jwk' }).export({ type: 'spki', format: 'pem' }).toString();
  } catch {
    throw invalid('The public key is malformed.');
  }
  const digest = createHash('md5').update(blob).digest('hex');
  return {
    openSsh: `ssh-rsa ${blob.toString('base64')}${comment === undefined ? '' : ` ${comment}`}`,
    pem,
    fingerprint: digest.match(/../g)?.join(':') ?? digest,
    bits,
  };
}

/** Throws UnrecognizedPublicKeyEncoding or InvalidPublicKey, with nothing else escaping. */
export function parseSshPublicKey(body: string): SshPublicKeyMaterial {
  const text = body.trim();
  if (text.startsWith('---- BEGIN SSH2 PUBLIC KEY')) return material(fromSsh2(text));
  if (text.startsWith('-----BEGIN PUBLIC KEY-----') || text.startsWith('-----BEGIN RSA PUBLIC KEY-----')) return material(fromPem(text));
  if (/^[a-z0-9@.-]+\s/.test(text)) {
    const { numbers, comment } = fromOpenSsh(text);
    return material(numbers, comment);
  }
  throw unrecognized();
}
