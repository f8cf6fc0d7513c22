// TOTP codes for the compatibility suite, computed with otpauth rather than Keyward's own
// code so a shared mistake cannot make both sides agree.
import { HOTP, Secret } from 'otpauth';

export const STEP_SECONDS = 30;

/** The RFC 6238 counter at `ms` (milliseconds since the epoch). */
export function stepAt(ms: number): number {
  return Math.floor(ms / 1000 / STEP_SECONDS);
}

/** The 6-digit code a virtual MFA device with this Base32 seed shows during `step`. */
export function codeForStep(seed: string, step: number): string {
  return HOTP.generate({ secret: Secret.fromBase32(seed.trim()), algorithm: 'SHA1', digits: 6, counter: step });
}

/** A well-formed code that matches none of the steps around `step` (a window of ±`window`). */
export function wrongCode(seed: string, step: number, window = 3): string {
  const taken = new Set<string>();
  for (let s = step - window; s <= step + window; s += 1) taken.add(codeForStep(seed, s));
  for (let n = 0; ; n += 1) {
    const candidate = String((123456 + n * 7919) % 1_000_000).padStart(6, '0');
    if (!taken.has(candidate)) return candidate;
  }
}
