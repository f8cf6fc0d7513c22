// The vault file's key: scrypt(passphrase, salt) with the parameters written in the file, and
// its early start. `keyward vault exec` derives the key once per run, and that is most of its
// start-up; bin.ts starts it (on libuv's thread pool) before the vault's code has loaded, so on
// two cores the two overlap. Imported by bin.ts directly: only node's modules, nothing else.

import { scrypt } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

export interface ScryptParams {
  readonly N: number;
  readonly r: number;
  readonly p: number;
}

/** What a vault file says of its key: scrypt, its salt (base64) and parameters. */
export type FileKdf = { readonly name: 'scrypt'; readonly salt: string } & ScryptParams;

export function vaultFilePath(env: Readonly<Record<string, string | undefined>>): string {
  return env['KEYWARD_VAULT_FILE'] ?? join(env['HOME'] ?? homedir(), '.keyward', 'vault.json');
}

export const isBase64 = (s: unknown): s is string => typeof s === 'string' && /^[A-Za-z0-9+/]*={0,2}$/.test(s);

/** Parameters a file may ask for: bounded, so a crafted file cannot make scrypt take gigabytes. */
export function isFileKdf(kdf: unknown): kdf is FileKdf {
  if (typeof kdf !== 'object' || kdf === null) return false;
  const k = kdf as Partial<FileKdf>;
  return (
    k.name === 'scrypt' && isBase64(k.salt) &&
    [k.N, k.r, k.p].every((n) => Number.isInteger(n) && (n as number) > 0) &&
    (k.N as number) <= 2 ** 22 && (k.r as number) <= 32 && (k.p as number) <= 16 && ((k.N as number) & ((k.N as number) - 1)) === 0
  );
}

export function deriveKey(passphrase: string, salt: Buffer, params: ScryptParams): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const maxmem = 256 * params.N * params.r + 1024 * 1024;
    scrypt(passphrase.normalize('NFC'), salt, 32, { N: params.N, r: params.r, p: params.p, maxmem }, (error, derived) =>
      error === null ? resolve(derived) : reject(error),
    );
  });
}

/** A derivation started early: used only for the very same passphrase, salt and parameters. */
export interface KeyPrefetch {
  /** The key, when these are the inputs it was started with (else undefined: derive it yourself). */
  take(passphrase: string, salt: string, params: ScryptParams): Promise<Buffer | undefined> | undefined;
}

/**
 * Starts deriving the vault file's key now, when the file backend is chosen
 * (KEYWARD_VAULT_BACKEND=file) and the passphrase is in KEYWARD_VAULT_PASSPHRASE; otherwise, or
 * when the file is missing or unreadable, does nothing (the file store then reports what is wrong).
 */
export function prefetchFileKey(env: Readonly<Record<string, string | undefined>>): KeyPrefetch | undefined {
  const passphrase = env['KEYWARD_VAULT_PASSPHRASE'];
  if (env['KEYWARD_VAULT_BACKEND'] !== 'file' || passphrase === undefined || passphrase === '') return undefined;
  let kdf: unknown;
  try {
    kdf = (JSON.parse(readFileSync(vaultFilePath(env), 'utf8')) as { kdf?: unknown } | null)?.kdf;
  } catch {
    return undefined;
  }
  if (!isFileKdf(kdf)) return undefined;
  // A failure here is the file store's to meet and report: undefined sends it to derive itself.
  const key = deriveKey(passphrase, Buffer.from(kdf.salt, 'base64'), kdf).catch(() => undefined);
  return {
    take: (given, salt, params) =>
      given === passphrase && salt === kdf.salt && params.N === kdf.N && params.r === kdf.r && params.p === kdf.p ? key : undefined,
  };
}
