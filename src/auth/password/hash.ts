// Console password hashing: scrypt with a per-password random salt, stored as
// `scrypt$N$r$p$salt$hash` (base64url) so the cost can be raised later (needsRehash).
// Nothing here logs, returns or keeps the password itself.
import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';

export interface ScryptParams {
  /** CPU/memory cost, a power of two. */
  readonly N: number;
  readonly r: number;
  readonly p: number;
}

/** OWASP's scrypt floor (2^15, 8, 1): about 32 MiB and tens of milliseconds per hash. */
export const CURRENT_SCRYPT_PARAMS: ScryptParams = { N: 2 ** 15, r: 8, p: 1 };

const SALT_BYTES = 16;
const KEY_BYTES = 32;
const PREFIX = 'scrypt';
// Bounds for parameters read back from storage: a tampered record must not make us burn
// gigabytes or hang (N, r and p multiply into memory and time).
const MAX_N = 2 ** 20;
const MAX_R = 32;
const MAX_P = 16;
const MAX_MEMORY = 256 * 1024 * 1024;
const DECIMAL = /^[1-9][0-9]{0,7}$/;
const BASE64URL = /^[A-Za-z0-9_-]+$/;

interface ParsedHash {
  readonly params: ScryptParams;
  readonly salt: Buffer;
  readonly hash: Buffer;
}

/** A fresh salt and the current parameters; two calls with one password give different strings. */
export async function hashPassword(password: string, params: ScryptParams = CURRENT_SCRYPT_PARAMS): Promise<string> {
  const salt = randomBytes(SALT_BYTES);
  const hash = await derive(password, salt, params, KEY_BYTES);
  return [PREFIX, params.N, params.r, params.p, salt.toString('base64url'), hash.toString('base64url')].join('$');
}

/** True only when `stored` is a well-formed record of this password; never throws. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parsed = parseStored(stored);
  if (parsed === undefined) return false;
  try {
    const candidate = await derive(password, parsed.salt, parsed.params, KEY_BYTES);
    return timingSafeEqual(candidate, parsed.hash);
  } catch {
    return false;
  }
}

/** True when `stored` is unreadable or weaker than the current parameters (rehash at next sign-in). */
export function needsRehash(stored: string, params: ScryptParams = CURRENT_SCRYPT_PARAMS): boolean {
  const parsed = parseStored(stored);
  if (parsed === undefined) return true;
  return parsed.params.N < params.N || parsed.params.r < params.r || parsed.params.p < params.p;
}

function parseStored(stored: string): ParsedHash | undefined {
  const parts = stored.split('$');
  if (parts.length !== 6) return undefined;
  const [prefix, n, r, p, salt, hash] = parts as [string, string, string, string, string, string];
  if (prefix !== PREFIX || !DECIMAL.test(n) || !DECIMAL.test(r) || !DECIMAL.test(p)) return undefined;
  if (!BASE64URL.test(salt) || !BASE64URL.test(hash)) return undefined;
  const params = { N: Number(n), r: Number(r), p: Number(p) };
  const powerOfTwo = (params.N & (params.N - 1)) === 0;
  if (params.N < 2 || params.N > MAX_N || !powerOfTwo || params.r > MAX_R || params.p > MAX_P) return undefined;
  if (128 * params.N * params.r > MAX_MEMORY) return undefined;
  const saltBytes = Buffer.from(salt, 'base64url');
  const hashBytes = Buffer.from(hash, 'base64url');
  // A fixed key length: with a shorter stored hash, a truncated record would still verify.
  if (saltBytes.length < SALT_BYTES || saltBytes.length > 64 || hashBytes.length !== KEY_BYTES) return undefined;
  return { params, salt: saltBytes, hash: hashBytes };
}

/**
 * At most this many scrypt runs at once in the process: each takes ~32 MiB and a libuv
 * thread, and unbounded concurrency (many sign-ins, a long reuse history) would starve
 * every other use of the thread pool.
 */
const MAX_CONCURRENT_DERIVATIONS = 2;
let running = 0;
const waiting: (() => void)[] = [];

async function withDerivationSlot<T>(work: () => Promise<T>): Promise<T> {
  if (running >= MAX_CONCURRENT_DERIVATIONS) await new Promise<void>((resolve) => waiting.push(resolve));
  running++;
  try {
    return await work();
  } finally {
    running--;
    waiting.shift()?.();
  }
}

function derive(password: string, salt: Buffer, params: ScryptParams, keyBytes: number): Promise<Buffer> {
  // scrypt needs 128 * N * r bytes; Node's default maxmem (32 MiB) is exactly what N=2^15, r=8
  // needs and scrypt wants strictly more, so allow twice the requirement.
  const maxmem = 2 * 128 * params.N * params.r + 1024 * 1024;
  return withDerivationSlot(
    () =>
      new Promise<Buffer>((resolve, reject) => {
        scrypt(password, salt, keyBytes, { N: params.N, r: params.r, p: params.p, maxmem }, (error, key) => {
          if (error) reject(error);
          else resolve(key);
        });
      }),
  );
}
