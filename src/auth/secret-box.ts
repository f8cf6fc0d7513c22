// Encrypts secrets at rest (secret access keys, MFA seeds) with AES-256-GCM under the
// server's master key, which lives beside the data (0600) or in KEYWARD_MASTER_KEY.

import { createCipheriv, createDecipheriv, hkdfSync, randomBytes, randomFillSync } from 'node:crypto';
import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

const VERSION = 'k1';

/**
 * IVs are 12 random bytes each, taken from a pool filled 512 at a time: one call into the CSPRNG
 * per 512 seals instead of one per seal (a denial's authorization message is sealed per check).
 */
const IV_BYTES = 12;
const ivPool = Buffer.alloc(IV_BYTES * 512);
let ivAt = ivPool.length;

function freshIv(): Buffer {
  if (ivAt + IV_BYTES > ivPool.length) {
    randomFillSync(ivPool);
    ivAt = 0;
  }
  // A copy: the pool's bytes are overwritten by the next fill.
  const iv = Buffer.from(ivPool.subarray(ivAt, ivAt + IV_BYTES));
  ivAt += IV_BYTES;
  return iv;
}

export class SecretBox {
  readonly #key: Buffer;

  constructor(key: Uint8Array) {
    if (key.length !== 32) throw new RangeError('the master key must be 32 bytes');
    this.#key = Buffer.from(key);
  }

  /**
   * A box under a key derived from this one with HKDF-SHA256 (`info` names the purpose), so
   * other uses of the master key (session tokens) never share its key.
   */
  derive(info: string): SecretBox {
    return new SecretBox(new Uint8Array(hkdfSync('sha256', this.#key, 'keyward', info, 32)));
  }

  /** Key bytes derived with HKDF-SHA256 for one purpose (an HMAC key), never this box's own key. */
  deriveKey(info: string): Buffer {
    return Buffer.from(hkdfSync('sha256', this.#key, 'keyward', info, 32));
  }

  /** `k1.<iv>.<tag>.<ciphertext>`, base64url parts; `context` binds the ciphertext to its owner (the key id). */
  seal(plaintext: string, context: string): string {
    const iv = freshIv();
    const cipher = createCipheriv('aes-256-gcm', this.#key, iv);
    cipher.setAAD(Buffer.from(context, 'utf8'));
    const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    return [VERSION, iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), body.toString('base64url')].join('.');
  }

  /** Throws when the ciphertext was not sealed by this key for this context. */
  open(sealed: string, context: string): string {
    const [version, iv, tag, body] = sealed.split('.');
    if (version !== VERSION || iv === undefined || tag === undefined || body === undefined) {
      throw new Error('unreadable sealed secret');
    }
    const decipher = createDecipheriv('aes-256-gcm', this.#key, Buffer.from(iv, 'base64url'));
    decipher.setAAD(Buffer.from(context, 'utf8'));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString('utf8');
  }
}

/** Reads the master key from `KEYWARD_MASTER_KEY` (64 hex chars or base64 of 32 bytes), or `DIR/master.key`, creating it. */
export async function loadMasterKey(options: { readonly dataDir?: string; readonly envValue?: string }): Promise<Uint8Array> {
  if (options.envValue !== undefined && options.envValue !== '') return decodeKey(options.envValue);
  if (options.dataDir === undefined) throw new Error('KEYWARD_MASTER_KEY is required when no data directory is used');
  const file = join(options.dataDir, 'master.key');
  try {
    return decodeKey((await readFile(file, 'utf8')).trim());
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  await mkdir(options.dataDir, { recursive: true });
  const key = randomBytes(32);
  await writeFile(file, `${key.toString('hex')}\n`, { mode: 0o600, flag: 'wx' });
  await chmod(file, 0o600);
  return key;
}

function decodeKey(text: string): Uint8Array {
  const key = /^[0-9a-fA-F]{64}$/.test(text) ? Buffer.from(text, 'hex') : Buffer.from(text, 'base64');
  if (key.length !== 32) throw new Error('KEYWARD_MASTER_KEY must be 32 bytes, as 64 hex characters or base64');
  return key;
}
