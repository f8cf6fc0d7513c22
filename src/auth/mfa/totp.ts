// Virtual MFA: TOTP per RFC 6238 as AWS uses it (HMAC-SHA1, 6 digits, 30-second steps).
// Verification returns the matched time step so the caller can accept each code once only
// (store the step, then accept only later steps: pass it back as `after`).
import { timingSafeEqual } from 'node:crypto';
import { HOTP, Secret } from 'otpauth';
import type { Random } from '../../domain/random.js';

/** 40 bytes: AWS's Base32StringSeed is 64 Base32 characters (its documented example has 64). */
export const TOTP_SEED_BYTES = 40;
export const TOTP_PERIOD_SECONDS = 30;
export const TOTP_DIGITS = 6;
/** Steps either side of now accepted for a single code (clock skew of up to 30 s). */
export const DEFAULT_CODE_WINDOW = 1;
/**
 * Steps either side of now searched for EnableMFADevice / ResyncMFADevice's pair of codes:
 * 10 steps (5 minutes), so a device whose clock drifted can be resynchronised. AWS does
 * not document its window.
 */
export const DEFAULT_RESYNC_WINDOW = 10;

const CODE = /^[0-9]{6}$/;

export interface VerifyOptions {
  /** Steps either side of now to try. */
  readonly window?: number;
  /** The last step accepted for this device: only later steps match (replay protection). */
  readonly after?: number;
}

/** A fresh seed as unpadded Base32 (RFC 4648), the form AWS returns and apps accept. */
export function newTotpSeed(random: Random): string {
  const bytes = random.bytes(TOTP_SEED_BYTES);
  return new Secret({ buffer: bytes.slice().buffer }).base32;
}

/** The RFC 6238 counter: whole 30-second periods since the epoch. */
export function totpStep(now: Date): number {
  return Math.floor(now.getTime() / 1000 / TOTP_PERIOD_SECONDS);
}

/** The code a device shows at `now`; for tests and the console's own checks. */
export function currentTotp(seed: string, now: Date): string {
  return codeAt(parseSeed(seed), totpStep(now));
}

/**
 * The key URI apps scan: `otpauth://totp/ISSUER:ACCOUNT?secret=SEED&issuer=ISSUER`, in the
 * shape AWS documents (`$virtualMFADeviceName@$AccountName`); SHA1/6/30 are the defaults
 * every app assumes, so they are left out to keep the QR code small.
 */
export function totpUri(seed: string, label: { readonly issuer?: string; readonly account: string }): string {
  const secret = parseSeed(seed).base32;
  // '@' may stay literal in a URI path, as in AWS's own URIs.
  const encode = (text: string): string => encodeURIComponent(text).replaceAll('%40', '@');
  if (label.issuer === undefined || label.issuer === '') return `otpauth://totp/${encode(label.account)}?secret=${secret}`;
  const issuer = encode(label.issuer);
  return `otpauth://totp/${issuer}:${encode(label.account)}?secret=${secret}&issuer=${issuer}`;
}

/**
 * The step whose code is `code`, searched from now outwards within the window (now, then
 * -1, +1, ...) and only after `after`; undefined for a wrong, replayed or malformed code.
 */
export function verifyTotp(seed: string, code: string, now: Date, options: VerifyOptions = {}): number | undefined {
  if (!CODE.test(code)) return undefined;
  const secret = parseSeed(seed);
  const window = options.window ?? DEFAULT_CODE_WINDOW;
  const center = totpStep(now);
  for (const step of outwards(center, window)) {
    if (options.after !== undefined && step <= options.after) continue;
    if (sameCode(codeAt(secret, step), code)) return step;
  }
  return undefined;
}

/**
 * For EnableMFADevice and ResyncMFADevice: `code1` and `code2` must be the codes of two
 * consecutive steps near now. Returns the step of `code2` (the one to record as accepted).
 */
export function verifyConsecutiveCodes(seed: string, code1: string, code2: string, now: Date, options: VerifyOptions = {}): number | undefined {
  if (!CODE.test(code1) || !CODE.test(code2)) return undefined;
  const secret = parseSeed(seed);
  const window = options.window ?? DEFAULT_RESYNC_WINDOW;
  const center = totpStep(now);
  for (const first of outwards(center, window)) {
    const second = first + 1;
    if (second > center + window) continue;
    if (options.after !== undefined && first <= options.after) continue;
    if (sameCode(codeAt(secret, first), code1) && sameCode(codeAt(secret, second), code2)) return second;
  }
  return undefined;
}

function* outwards(center: number, window: number): Generator<number> {
  yield center;
  for (let i = 1; i <= window; i += 1) {
    yield center - i;
    yield center + i;
  }
}

function codeAt(secret: Secret, step: number): string {
  return HOTP.generate({ secret, algorithm: 'SHA1', digits: TOTP_DIGITS, counter: step });
}

function sameCode(expected: string, given: string): boolean {
  return timingSafeEqual(Buffer.from(expected, 'utf8'), Buffer.from(given, 'utf8'));
}

/** Throws on a seed that is not Base32: stored seeds are ours, so that is a bug, not input. */
function parseSeed(seed: string): Secret {
  const secret = Secret.fromBase32(seed);
  if (secret.bytes.length === 0) throw new Error('empty TOTP seed');
  return secret;
}
