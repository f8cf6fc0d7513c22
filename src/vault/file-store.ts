// The encrypted file backend: all items in one JSON file, sealed with AES-256-GCM under a key
// derived from a passphrase by scrypt. The file is 0600 and replaced atomically (temporary
// file, fsync, rename, fsync of the directory), so a crash leaves the old or the new store,
// never half of one. A check value tells a wrong passphrase from a damaged file.

import { createCipheriv, createDecipheriv, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { mkdir, open, readFile, rename, rm } from 'node:fs/promises';
import { dirname } from 'node:path';
import { deriveKey, isBase64, isFileKdf, type FileKdf, type KeyPrefetch, type ScryptParams } from './file-key.js';
import { withFileLock, type LockOptions } from './file-lock.js';
import type { SecretStore } from './secret-store.js';
import { VaultError } from './vault-error.js';

const FORMAT = 'keyward-vault';
const VERSION = 1;
const CHECK_LABEL = 'keyward vault passphrase check';

export type { ScryptParams } from './file-key.js';

/**
 * scrypt's cost for a new file: N=2^15, r=8, p=1 (32 MiB), OWASP's floor for scrypt and the cost
 * of console passwords (src/auth/password/hash.ts). Every `exec` derives the key once, and this
 * is most of exec's start-up (docs/vault.md, "Benchmark"); the rest was made small instead of
 * this. KEYWARD_VAULT_SCRYPT_N raises N (stronger at rest, slower on every use).
 */
export const DEFAULT_SCRYPT: ScryptParams = { N: 2 ** 15, r: 8, p: 1 };

/** The parameters a new file gets: the default, or N from KEYWARD_VAULT_SCRYPT_N (a power of two, 2^15 to 2^22). */
export function scryptFromEnv(env: Readonly<Record<string, string | undefined>>): ScryptParams {
  const text = env['KEYWARD_VAULT_SCRYPT_N'];
  if (text === undefined || text === '') return DEFAULT_SCRYPT;
  const n = Number(text);
  if (!Number.isInteger(n) || n < DEFAULT_SCRYPT.N || n > 2 ** 22 || (n & (n - 1)) !== 0) {
    throw new VaultError(`KEYWARD_VAULT_SCRYPT_N must be a power of two from ${DEFAULT_SCRYPT.N} to 4194304, not '${text}'`);
  }
  return { ...DEFAULT_SCRYPT, N: n };
}

interface Sealed {
  readonly format: typeof FORMAT;
  readonly version: typeof VERSION;
  readonly kdf: FileKdf;
  readonly check: string;
  readonly iv: string;
  readonly tag: string;
  readonly data: string;
}

export interface FileStoreOptions {
  readonly path: string;
  /** Asked only when the file has to be opened or created (`creating`: a new file, worth a confirmation). */
  readonly passphrase: (context: { creating: boolean }) => Promise<string>;
  /**
   * The cost of a new file's key (default DEFAULT_SCRYPT). An existing file keeps the parameters
   * written in it unless they cost less: then its next write re-seals it at this cost.
   */
  readonly scrypt?: ScryptParams;
  /** How long a write waits for another process's lock. */
  readonly lock?: LockOptions;
  /** A derivation of the key started before this store was made (file-key.ts), used if its inputs match. */
  readonly keyPrefetch?: KeyPrefetch;
}

export function fileStore(options: FileStoreOptions): SecretStore {
  const { path } = options;
  let key: { salt: string; params: ScryptParams; value: Buffer } | undefined;

  let given: string | undefined;
  /** Asked once per store: a second process's write under the lock must not bring a second prompt. */
  const passphrase = async (creating: boolean): Promise<string> => {
    if (given === undefined) {
      const answer = await options.passphrase({ creating });
      if (answer === '') throw new VaultError('the vault passphrase is empty');
      given = answer;
    }
    return given;
  };

  const deriveFor = async (salt: string, params: ScryptParams, creating: boolean): Promise<Buffer> => {
    if (key !== undefined && key.salt === salt && sameParams(key.params, params)) return key.value;
    const given = await passphrase(creating);
    const value = (await options.keyPrefetch?.take(given, salt, params)) ?? (await deriveKey(given, Buffer.from(salt, 'base64'), params));
    key = { salt, params, value };
    return value;
  };

  const load = async (): Promise<{ items: Map<string, string>; sealed?: Sealed }> => {
    let text: string;
    try {
      text = await readFile(path, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { items: new Map() };
      throw error;
    }
    const sealed = parseSealed(text, path);
    const derived = await deriveFor(sealed.kdf.salt, sealed.kdf, false);
    if (!timingSafeEqual(checkValue(derived), Buffer.from(sealed.check, 'base64'))) {
      throw new VaultError(`wrong passphrase for the vault file ${path}`);
    }
    let plain: string;
    try {
      const decipher = createDecipheriv('aes-256-gcm', derived, Buffer.from(sealed.iv, 'base64'));
      decipher.setAAD(aad(sealed.kdf));
      decipher.setAuthTag(Buffer.from(sealed.tag, 'base64'));
      plain = Buffer.concat([decipher.update(Buffer.from(sealed.data, 'base64')), decipher.final()]).toString('utf8');
    } catch {
      throw corrupted(path, 'its contents fail authentication');
    }
    const parsed: unknown = JSON.parse(plain);
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw corrupted(path, 'no item table inside');
    const items = new Map<string, string>();
    for (const [k, v] of Object.entries(parsed)) if (typeof v === 'string') items.set(k, v);
    return { items, sealed };
  };

  const save = async (items: ReadonlyMap<string, string>, previous: Sealed | undefined): Promise<void> => {
    const wanted = options.scrypt ?? DEFAULT_SCRYPT;
    const kept = previous !== undefined && !costsLess(previous.kdf, wanted) ? previous.kdf : undefined;
    const params = kept ?? wanted;
    const salt = kept?.salt ?? randomBytes(16).toString('base64');
    const derived = await deriveFor(salt, params, previous === undefined);
    const kdf = { name: 'scrypt' as const, salt, N: params.N, r: params.r, p: params.p };
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', derived, iv);
    cipher.setAAD(aad(kdf));
    const data = Buffer.concat([cipher.update(JSON.stringify(Object.fromEntries(items)), 'utf8'), cipher.final()]);
    const sealed: Sealed = {
      format: FORMAT,
      version: VERSION,
      kdf,
      check: checkValue(derived).toString('base64'),
      iv: iv.toString('base64'),
      tag: cipher.getAuthTag().toString('base64'),
      data: data.toString('base64'),
    };
    await writeAtomically(path, `${JSON.stringify(sealed, null, 1)}\n`);
  };

  /**
   * Read, change and replace the file under the lock beside it, so a concurrent writer's change is
   * read before this one is applied and none is lost. The passphrase is asked (and the key derived)
   * before the lock is taken, so no process waits on another's prompt.
   */
  const locked = async <T>(change: (items: Map<string, string>) => { result: T; write: boolean }): Promise<T> => {
    if ((await load()).sealed === undefined) await passphrase(true);
    await mkdir(dirname(path), { recursive: true, mode: 0o700 });
    return withFileLock(`${path}.lock`, async () => {
      const { items, sealed } = await load();
      const { result, write } = change(items);
      if (write) await save(items, sealed);
      return result;
    }, options.lock);
  };

  const update = (changes: ReadonlyMap<string, string | undefined>): Promise<void> =>
    locked((items) => {
      for (const [k, v] of changes) {
        if (v === undefined) items.delete(k);
        else items.set(k, v);
      }
      return { result: undefined, write: true };
    });

  return {
    kind: 'file',
    location: path,
    keys: async () => [...(await load()).items.keys()].sort(),
    get: async (k) => (await load()).items.get(k),
    set: (k, v) => update(new Map([[k, v]])),
    update,
    delete: (k) => locked((items) => {
      const existed = items.delete(k);
      return { result: existed, write: existed };
    }),
  };
}

/** Less memory (128 * N * r bytes, which the time also follows) or fewer passes (p) than `than`. */
function costsLess(params: ScryptParams, than: ScryptParams): boolean {
  return params.N * params.r < than.N * than.r || params.p < than.p;
}

function sameParams(a: ScryptParams, b: ScryptParams): boolean {
  return a.N === b.N && a.r === b.r && a.p === b.p;
}

function checkValue(key: Buffer): Buffer {
  return createHmac('sha256', key).update(CHECK_LABEL).digest();
}

function aad(kdf: Sealed['kdf']): Buffer {
  return Buffer.from(`${FORMAT}/${VERSION}/scrypt/${kdf.N}/${kdf.r}/${kdf.p}/${kdf.salt}`);
}

function corrupted(path: string, why: string): VaultError {
  return new VaultError(`the vault file ${path} is corrupted (${why}); it was left untouched`);
}

function parseSealed(text: string, path: string): Sealed {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw corrupted(path, 'not JSON');
  }
  const v = value as Partial<Sealed> | null;
  if (typeof v !== 'object' || v === null || v.format !== FORMAT) throw corrupted(path, 'not a Keyward vault');
  if (v.version !== VERSION) throw new VaultError(`the vault file ${path} has version ${String(v.version)}; this keyward reads version ${VERSION}`);
  if (!isFileKdf(v.kdf) || ![v.check, v.iv, v.tag, v.data].every(isBase64)) throw corrupted(path, 'fields missing or malformed');
  return v as Sealed;
}

/** Write, fsync, rename over the old file, fsync the directory: the file is old or new, never torn. */
export async function writeAtomically(path: string, text: string): Promise<void> {
  const dir = dirname(path);
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const temp = `${path}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
  const handle = await open(temp, 'wx', 0o600);
  try {
    await handle.writeFile(text, 'utf8');
    await handle.sync();
  } catch (error) {
    await handle.close();
    await rm(temp, { force: true });
    throw error;
  }
  await handle.close();
  try {
    await rename(temp, path);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
  const dirHandle = await open(dir, 'r');
  try {
    await dirHandle.sync();
  } finally {
    await dirHandle.close();
  }
}
