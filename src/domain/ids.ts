// AWS-shaped identifiers: IAM unique ids (AIDA..., AROA...), access key ids, secret access
// keys and account ids. Every generator takes a Random so tests can pin the output.
import { cryptoRandom, type Random } from './random.js';

/** The 32 characters AWS uses after an id prefix: RFC 4648 base32 (no 0, 1, 8 or 9). */
export const ID_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/**
 * Prefixes of the 21-character unique ids IAM assigns to entities ("Understanding unique ID
 * prefixes", IAM User Guide, reference_identifiers).
 */
export const UNIQUE_ID_PREFIXES = {
  user: 'AIDA',
  group: 'AGPA',
  role: 'AROA',
  managedPolicy: 'ANPA',
  managedPolicyVersion: 'ANVA',
  instanceProfile: 'AIPA',
  serverCertificate: 'ASCA',
  actionGroup: 'AAGA',
} as const;

export type UniqueIdPrefix = (typeof UNIQUE_ID_PREFIXES)[keyof typeof UNIQUE_ID_PREFIXES];

/** AKIA: long-term keys of users and the root user; ASIA: temporary keys issued by STS. */
export type AccessKeyPrefix = 'AKIA' | 'ASIA';

const UNIQUE_ID_LENGTH = 21;
const ACCESS_KEY_ID_LENGTH = 20;
const SECRET_ACCESS_KEY_LENGTH = 40;

/** Matches any id this module produces for `prefix` (its shape, not whether it exists). */
export function idPattern(prefix: string, length: number): RegExp {
  return new RegExp(`^${prefix}[${ID_ALPHABET}]{${length - prefix.length}}$`);
}

function base32Chars(count: number, random: Random): string {
  const bytes = random.bytes(count);
  let out = '';
  // 256 is a multiple of 32, so the low five bits of a uniform byte are uniform.
  for (const byte of bytes) out += ID_ALPHABET.charAt(byte & 31);
  return out;
}

/** A unique id such as `AIDAJQABLZS4A3QDU576Q`: the prefix and 17 base32 characters. */
export function newUniqueId(prefix: UniqueIdPrefix, random: Random = cryptoRandom): string {
  return prefix + base32Chars(UNIQUE_ID_LENGTH - prefix.length, random);
}

/** An SSH public key id (APKA...), 20 characters like `APKAEIBAERJR2EXAMPLE`. */
export function newSshPublicKeyId(random: Random = cryptoRandom): string {
  return 'APKA' + base32Chars(16, random);
}

/** A service-specific credential id (ACCA...), 20 characters like `ACCA12345ABCDEXAMPLE`. */
export function newServiceSpecificCredentialId(random: Random = cryptoRandom): string {
  return 'ACCA' + base32Chars(16, random);
}

/**
 * A signing certificate id. AWS gives it no documented prefix and a minimum length of 24;
 * observed ids are 32 base32 characters, which is what we produce.
 */
export function newSigningCertificateId(random: Random = cryptoRandom): string {
  return base32Chars(32, random);
}

export interface AccessKeyIdOptions {
  /**
   * Encode this 12-digit account id in the key id the way current AWS keys do, so
   * `accountIdFromAccessKeyId` (sts:GetAccessKeyInfo) can recover it without a lookup.
   */
  accountId?: string;
}

// AWS's current key ids carry 80 bits after the prefix: a generation flag (1), the account
// id (40 bits) and 39 further bits. Published by Aidan Steele and Tal Be'ery (2020) and
// WithSecure Labs' bitwise analysis; AWS does not document it.
const KEY_BITS = 80n;
const ACCOUNT_SHIFT = 39n;
const ACCOUNT_MASK = (1n << 40n) - 1n;
const GENERATION_FLAG = 1n << 79n;

function fromBase32(text: string): bigint {
  let value = 0n;
  for (const ch of text) {
    const digit = ID_ALPHABET.indexOf(ch);
    if (digit < 0) throw new RangeError(`not a base32 character: "${ch}"`);
    value = (value << 5n) | BigInt(digit);
  }
  return value;
}

function toBase32(value: bigint, chars: number): string {
  let out = '';
  for (let i = chars - 1; i >= 0; i -= 1) {
    out += ID_ALPHABET.charAt(Number((value >> BigInt(i * 5)) & 31n));
  }
  return out;
}

/** An access key id: `AKIA`/`ASIA` and 16 base32 characters (20 in all). */
export function newAccessKeyId(
  prefix: AccessKeyPrefix,
  random: Random = cryptoRandom,
  options: AccessKeyIdOptions = {},
): string {
  const tailChars = ACCESS_KEY_ID_LENGTH - prefix.length;
  if (options.accountId === undefined) return prefix + base32Chars(tailChars, random);
  if (!isAccountId(options.accountId)) {
    throw new RangeError(`account id must be 12 digits: "${options.accountId}"`);
  }
  const bytes = random.bytes(5);
  let noise = 0n;
  for (const byte of bytes) noise = (noise << 8n) | BigInt(byte);
  noise &= (1n << ACCOUNT_SHIFT) - 1n;
  const bits = GENERATION_FLAG | (BigInt(options.accountId) << ACCOUNT_SHIFT) | noise;
  return prefix + toBase32(bits & ((1n << KEY_BITS) - 1n), tailChars);
}

/**
 * The account id encoded in a current-generation access key id, or null when the id is
 * not 20 base32 characters or predates the encoding (its generation bit is clear).
 */
export function accountIdFromAccessKeyId(accessKeyId: string): string | null {
  if (!/^A[A-Z0-9]{3}[A-Z2-7]{16}$/.test(accessKeyId)) return null;
  const bits = fromBase32(accessKeyId.slice(4));
  if ((bits & GENERATION_FLAG) === 0n) return null;
  const account = (bits >> ACCOUNT_SHIFT) & ACCOUNT_MASK;
  if (account > 999_999_999_999n) return null;
  return account.toString().padStart(12, '0');
}

/** A secret access key: 40 characters of base64 (30 random bytes, so never any padding). */
export function newSecretAccessKey(random: Random = cryptoRandom): string {
  const secret = Buffer.from(random.bytes(30)).toString('base64');
  if (secret.length !== SECRET_ACCESS_KEY_LENGTH) throw new Error('random source returned too few bytes');
  return secret;
}

export function isAccountId(value: string): boolean {
  return /^\d{12}$/.test(value);
}

/**
 * A 12-digit account id. AWS allows a leading zero, but tools that read the id as a number
 * drop it, so ids start with 1-9. 64 random bits reduced modulo 9e11: the bias is below 1e-7.
 */
export function newAccountId(random: Random = cryptoRandom): string {
  let value = 0n;
  for (const byte of random.bytes(8)) value = (value << 8n) | BigInt(byte);
  return (100_000_000_000n + (value % 900_000_000_000n)).toString();
}
