import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { deriveKey, isFileKdf, prefetchFileKey, type KeyPrefetch, type ScryptParams } from './file-key.js';
import { fileStore } from './file-store.js';

const CHEAP: ScryptParams = { N: 2 ** 10, r: 8, p: 1 };
const PASSPHRASE = 'correct horse';
const dirs: string[] = [];
afterAll(async () => {
  for (const d of dirs) await rm(d, { recursive: true, force: true });
});

/** A vault file holding one item, and the environment `exec` would see for it. */
async function vaultFile(): Promise<{ path: string; env: Record<string, string>; kdf: { salt: string } & ScryptParams }> {
  const dir = await mkdtemp(join(tmpdir(), 'keyward-vault-key-'));
  dirs.push(dir);
  const path = join(dir, 'vault.json');
  await fileStore({ path, passphrase: async () => PASSPHRASE, scrypt: CHEAP }).set('a', '1');
  const { kdf } = JSON.parse(await readFile(path, 'utf8')) as { kdf: { salt: string } & ScryptParams };
  return { path, env: { KEYWARD_VAULT_FILE: path, KEYWARD_VAULT_BACKEND: 'file', KEYWARD_VAULT_PASSPHRASE: PASSPHRASE }, kdf };
}

describe('prefetchFileKey', () => {
  it('derives the same key as the file store would, for exactly the inputs it was started with', async () => {
    const { env, kdf } = await vaultFile();
    const prefetch = prefetchFileKey(env) as KeyPrefetch;
    expect(prefetch).toBeDefined();
    const params = { N: kdf.N, r: kdf.r, p: kdf.p };
    const key = await prefetch.take(PASSPHRASE, kdf.salt, params);
    expect(key).toEqual(await deriveKey(PASSPHRASE, Buffer.from(kdf.salt, 'base64'), params));
    expect(prefetch.take('another passphrase', kdf.salt, params)).toBeUndefined();
    expect(prefetch.take(PASSPHRASE, Buffer.alloc(16).toString('base64'), params)).toBeUndefined();
    expect(prefetch.take(PASSPHRASE, kdf.salt, { ...params, N: params.N * 2 })).toBeUndefined();
  });

  it('starts nothing without the file backend chosen, without the passphrase in the environment, or without a readable vault file', async () => {
    const { env, path } = await vaultFile();
    expect(prefetchFileKey({ ...env, KEYWARD_VAULT_BACKEND: undefined })).toBeUndefined();
    expect(prefetchFileKey({ ...env, KEYWARD_VAULT_BACKEND: 'keystore' })).toBeUndefined();
    expect(prefetchFileKey({ ...env, KEYWARD_VAULT_PASSPHRASE: undefined })).toBeUndefined();
    expect(prefetchFileKey({ ...env, KEYWARD_VAULT_PASSPHRASE: '' })).toBeUndefined();
    expect(prefetchFileKey({ ...env, KEYWARD_VAULT_FILE: `${path}.missing` })).toBeUndefined();
    await writeFile(path, '{"format": "keyward-vault", "kdf": ');
    expect(prefetchFileKey(env)).toBeUndefined();
  });

  it('refuses parameters no vault file may ask for, as the file store does, so a crafted file cannot make it take gigabytes', async () => {
    const { env, path } = await vaultFile();
    const sealed = JSON.parse(await readFile(path, 'utf8')) as { kdf: Record<string, unknown> };
    for (const kdf of [{ N: 2 ** 30 }, { N: 1000 }, { r: 64 }, { p: 0 }, { salt: 'not base64!' }, { name: 'argon2id' }]) {
      const crafted = { ...sealed.kdf, ...kdf };
      expect(isFileKdf(crafted)).toBe(false);
      await writeFile(path, JSON.stringify({ ...sealed, kdf: crafted }));
      expect(prefetchFileKey(env)).toBeUndefined();
    }
  });

  it('is what the file store uses when the inputs match, and ignored when they do not', async () => {
    const { path, kdf } = await vaultFile();
    const params = { N: kdf.N, r: kdf.r, p: kdf.p };
    // A prefetch handing out a wrong key for the file's inputs: used, so the check value fails.
    const wrong: KeyPrefetch = { take: (passphrase, salt, p) => (passphrase === PASSPHRASE && salt === kdf.salt && p.N === params.N ? Promise.resolve(Buffer.alloc(32)) : undefined) };
    await expect(fileStore({ path, passphrase: async () => PASSPHRASE, scrypt: CHEAP, keyPrefetch: wrong }).get('a')).rejects.toThrow(/wrong passphrase/);
    // A prefetch for another passphrase: not taken, the store derives its own key.
    const other: KeyPrefetch = { take: () => undefined };
    expect(await fileStore({ path, passphrase: async () => PASSPHRASE, scrypt: CHEAP, keyPrefetch: other }).get('a')).toBe('1');
    // A prefetch whose derivation failed answers undefined: the store derives its own key.
    const failed: KeyPrefetch = { take: () => Promise.resolve(undefined) };
    expect(await fileStore({ path, passphrase: async () => PASSPHRASE, scrypt: CHEAP, keyPrefetch: failed }).get('a')).toBe('1');
  });
});
