import { mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { fileStore, type ScryptParams } from './file-store.js';
import { secretStoreConformance } from './secret-store.case.js';
import { VaultError } from './vault-error.js';

const CHEAP: ScryptParams = { N: 2 ** 10, r: 8, p: 1 };
const dirs: string[] = [];
afterAll(async () => {
  for (const d of dirs) await rm(d, { recursive: true, force: true });
});

async function freshPath(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'keyward-vault-file-'));
  dirs.push(dir);
  return join(dir, 'nested', 'vault.json');
}

const open = (path: string, passphrase = 'correct horse') => fileStore({ path, passphrase: async () => passphrase, scrypt: CHEAP });

describe('file store', () => {
  secretStoreConformance(async () => open(await freshPath()));

  it('writes an encrypted 0600 file that never holds the plaintext, and leaves no temporary files', async () => {
    const path = await freshPath();
    await open(path).set('key/dev', '{"secretAccessKey":"PLAINTEXT-SECRET-123"}');
    const text = await readFile(path, 'utf8');
    expect(text).not.toContain('PLAINTEXT-SECRET-123');
    expect(text).not.toContain('key/dev');
    expect(JSON.parse(text)).toMatchObject({ format: 'keyward-vault', version: 1, kdf: { name: 'scrypt', N: 1024, r: 8, p: 1 } });
    expect((await stat(path)).mode & 0o777).toBe(0o600);
    expect((await stat(join(path, '..'))).mode & 0o777).toBe(0o700);
    expect(await readdir(join(path, '..'))).toEqual(['vault.json']);
  });

  it('replaces the file by rename: a new inode each write, with a fresh IV', async () => {
    const path = await freshPath();
    const store = open(path);
    await store.set('a', '1');
    const first = await stat(path);
    const firstIv = JSON.parse(await readFile(path, 'utf8')).iv;
    await store.set('a', '1');
    expect((await stat(path)).ino).not.toBe(first.ino);
    expect(JSON.parse(await readFile(path, 'utf8')).iv).not.toBe(firstIv);
  });

  it('says so on a wrong passphrase and changes nothing', async () => {
    const path = await freshPath();
    await open(path).set('a', '1');
    const before = await readFile(path, 'utf8');
    const wrong = open(path, 'wrong horse');
    await expect(wrong.get('a')).rejects.toThrow(new VaultError(`wrong passphrase for the vault file ${path}`));
    await expect(wrong.set('b', '2')).rejects.toThrow(/wrong passphrase/);
    expect(await readFile(path, 'utf8')).toBe(before);
    expect(await open(path).get('a')).toBe('1');
  });

  it('reports a corrupted file clearly and leaves it untouched', async () => {
    const path = await freshPath();
    await open(path).set('a', '1');
    const sealed = JSON.parse(await readFile(path, 'utf8'));
    const data = Buffer.from(sealed.data, 'base64');
    data[0] = (data[0] ?? 0) ^ 0xff;
    const damaged = [
      JSON.stringify({ ...sealed, data: data.toString('base64') }),
      JSON.stringify({ ...sealed, iv: undefined }),
      '{"format":"keyward-vault", "vers',
      'garbage',
    ];
    for (const text of damaged) {
      await writeFile(path, text);
      await expect(open(path).get('a')).rejects.toThrow(/is corrupted .*left untouched/);
      await expect(open(path).set('a', '2')).rejects.toThrow(/is corrupted/);
      expect(await readFile(path, 'utf8')).toBe(text);
    }
  });

  it('asks for the passphrase once per store, and not at all while the file does not exist', async () => {
    const path = await freshPath();
    let asked = 0;
    const store = fileStore({ path, scrypt: CHEAP, passphrase: async () => (asked += 1, 'p') });
    expect(await store.keys()).toEqual([]);
    expect(asked).toBe(0);
    await store.set('a', '1');
    await store.get('a');
    await store.set('b', '2');
    expect(asked).toBe(1);
  });

  it('refuses an empty passphrase', async () => {
    await expect(open(await freshPath(), '').set('a', '1')).rejects.toThrow(/passphrase is empty/);
  });
});

describe('scrypt parameters', () => {
  it('defaults to N=2^15 (OWASP\'s floor) and takes a stronger N, never a weaker one, from KEYWARD_VAULT_SCRYPT_N', async () => {
    const { DEFAULT_SCRYPT, scryptFromEnv } = await import('./file-store.js');
    expect(scryptFromEnv({})).toEqual(DEFAULT_SCRYPT);
    expect(DEFAULT_SCRYPT).toEqual({ N: 32768, r: 8, p: 1 });
    expect(scryptFromEnv({ KEYWARD_VAULT_SCRYPT_N: '65536' })).toEqual({ N: 65536, r: 8, p: 1 });
    for (const bad of ['1000', '1024', '16384', '65535', 'big', String(2 ** 23)]) {
      expect(() => scryptFromEnv({ KEYWARD_VAULT_SCRYPT_N: bad })).toThrow(/power of two from 32768/);
    }
  });

  it('keeps the parameters of a file that costs at least the configured ones', async () => {
    const path = await freshPath();
    await fileStore({ path, passphrase: async () => 'correct horse', scrypt: { N: 2 ** 12, r: 8, p: 1 } }).set('a', '1');
    const salt = JSON.parse(await readFile(path, 'utf8')).kdf.salt;
    await open(path).set('b', '2');
    expect(JSON.parse(await readFile(path, 'utf8')).kdf).toMatchObject({ N: 4096, salt });
  });

  it('re-seals a file below the configured cost at that cost, with a new salt, on its next write', async () => {
    const path = await freshPath();
    await open(path).set('a', '1');
    const old = JSON.parse(await readFile(path, 'utf8')).kdf;
    const stronger = fileStore({ path, passphrase: async () => 'correct horse', scrypt: { N: 2 ** 12, r: 8, p: 1 } });
    expect(await stronger.get('a')).toBe('1');
    expect(JSON.parse(await readFile(path, 'utf8')).kdf).toEqual(old); // reading writes nothing
    await stronger.set('b', '2');
    const sealed = JSON.parse(await readFile(path, 'utf8')).kdf;
    expect(sealed).toMatchObject({ N: 4096, r: 8, p: 1 });
    expect(sealed.salt).not.toBe(old.salt);
    const reopened = open(path);
    expect([await reopened.get('a'), await reopened.get('b')]).toEqual(['1', '2']);
    await expect(open(path, 'wrong').get('a')).rejects.toThrow(/wrong passphrase/);
  });
});
