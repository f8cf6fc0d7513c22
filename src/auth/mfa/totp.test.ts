import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { Secret, TOTP, URI } from 'otpauth';
import { cryptoRandom, deterministicRandom } from '../../domain/random.js';
import {
  DEFAULT_RESYNC_WINDOW,
  currentTotp,
  newTotpSeed,
  totpStep,
  totpUri,
  verifyConsecutiveCodes,
  verifyTotp,
} from './totp.js';

// RFC 6238 appendix B: the SHA1 key is the ASCII string "12345678901234567890".
const RFC_SEED = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';
const RFC_VECTORS: readonly [number, string][] = [
  [59, '94287082'],
  [1111111109, '07081804'],
  [1111111111, '14050471'],
  [1234567890, '89005924'],
  [2000000000, '69279037'],
  [20000000000, '65353130'],
];

const seed = newTotpSeed(deterministicRandom('totp-test'));
const now = new Date('2024-05-01T12:00:10Z');
const step = totpStep(now);
const codeAtStep = (s: number): string => currentTotp(seed, new Date(s * 30_000));

describe('seeds and URIs', () => {
  it('makes 40-byte seeds: 64 Base32 characters, like AWS', () => {
    const fresh = newTotpSeed(cryptoRandom);
    expect(fresh).toMatch(/^[A-Z2-7]{64}$/);
    expect(Secret.fromBase32(fresh).bytes.length).toBe(40);
    expect(newTotpSeed(cryptoRandom)).not.toBe(fresh);
  });

  it('builds a key URI that otpauth parses back to the same seed and settings', () => {
    const uri = totpUri(seed, { issuer: 'Keyward', account: 'alice@123456789012' });
    expect(uri).toBe(`otpauth://totp/Keyward:alice@123456789012?secret=${seed}&issuer=Keyward`);
    const parsed = URI.parse(uri);
    expect(parsed).toBeInstanceOf(TOTP);
    expect(parsed.secret.base32).toBe(seed);
    expect(parsed.issuer).toBe('Keyward');
    expect(parsed.label).toBe('alice@123456789012');
    expect((parsed as TOTP).generate({ timestamp: now.getTime() })).toBe(currentTotp(seed, now));
  });

  it("encodes characters that would break the URI, and omits an absent issuer", () => {
    expect(totpUri(seed, { account: 'my device@acct' })).toBe(`otpauth://totp/my%20device@acct?secret=${seed}`);
    expect(totpUri(seed, { issuer: 'A&B', account: 'x?y' })).toBe(`otpauth://totp/A%26B:x%3Fy?secret=${seed}&issuer=A%26B`);
  });
});

describe('RFC 6238 SHA1 test vectors', () => {
  it('otpauth reproduces the 8-digit vectors from the RFC seed', () => {
    const secret = Secret.fromBase32(RFC_SEED);
    for (const [seconds, code] of RFC_VECTORS) {
      expect(TOTP.generate({ secret, digits: 8, timestamp: seconds * 1000 })).toBe(code);
    }
  });

  it('currentTotp gives their last 6 digits, and verifyTotp accepts them at that time', () => {
    for (const [seconds, code] of RFC_VECTORS) {
      const at = new Date(seconds * 1000);
      expect(currentTotp(RFC_SEED, at)).toBe(code.slice(2));
      expect(verifyTotp(RFC_SEED, code.slice(2), at)).toBe(Math.floor(seconds / 30));
    }
  });
});

describe('verifyTotp', () => {
  it('returns the matched step for the current code', () => {
    expect(verifyTotp(seed, currentTotp(seed, now), now)).toBe(step);
  });

  it('accepts one step either side by default and nothing further', () => {
    expect(verifyTotp(seed, codeAtStep(step - 1), now)).toBe(step - 1);
    expect(verifyTotp(seed, codeAtStep(step + 1), now)).toBe(step + 1);
    expect(verifyTotp(seed, codeAtStep(step - 2), now)).toBeUndefined();
    expect(verifyTotp(seed, codeAtStep(step + 2), now)).toBeUndefined();
    expect(verifyTotp(seed, codeAtStep(step - 2), now, { window: 2 })).toBe(step - 2);
    expect(verifyTotp(seed, codeAtStep(step - 1), now, { window: 0 })).toBeUndefined();
  });

  it('switches steps exactly on the 30-second boundary', () => {
    const boundary = new Date((step + 1) * 30_000);
    expect(totpStep(new Date(boundary.getTime() - 1))).toBe(step);
    expect(totpStep(boundary)).toBe(step + 1);
    expect(verifyTotp(seed, codeAtStep(step + 1), boundary, { window: 0 })).toBe(step + 1);
  });

  it('refuses a replay: a code at or before the last accepted step', () => {
    const code = currentTotp(seed, now);
    const accepted = verifyTotp(seed, code, now);
    expect(accepted).toBe(step);
    expect(verifyTotp(seed, code, now, { after: accepted })).toBeUndefined();
    expect(verifyTotp(seed, codeAtStep(step - 1), now, { after: accepted })).toBeUndefined();
    expect(verifyTotp(seed, codeAtStep(step + 1), now, { after: accepted })).toBe(step + 1);
  });

  it('refuses wrong, short, long and non-numeric codes without throwing', () => {
    const right = currentTotp(seed, now);
    const wrong = String((Number(right) + 1) % 1_000_000).padStart(6, '0');
    for (const code of [wrong, right.slice(1), `${right}0`, '', 'abcdef', `${right.slice(0, 5)}x`, ` ${right.slice(1)}`, '12345\n', '１２３４５６']) {
      expect(verifyTotp(seed, code, now)).toBeUndefined();
    }
  });

  it('never accepts a code outside the window (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 1000 }), fc.boolean(), (distance, past) => {
        const other = past ? step - distance : step + distance;
        const code = codeAtStep(other);
        const matched = verifyTotp(seed, code, now);
        // Another in-window step may share the code by chance (1 in a million); it must be in the window.
        expect(matched === undefined || Math.abs(matched - step) <= 1).toBe(true);
      }),
    );
  });
});

describe('verifyConsecutiveCodes', () => {
  it('accepts two consecutive codes and returns the second step', () => {
    expect(verifyConsecutiveCodes(seed, codeAtStep(step - 1), codeAtStep(step), now)).toBe(step);
  });

  it('finds a drifted pair within the resync window, not beyond it', () => {
    const w = DEFAULT_RESYNC_WINDOW;
    expect(verifyConsecutiveCodes(seed, codeAtStep(step - w), codeAtStep(step - w + 1), now)).toBe(step - w + 1);
    expect(verifyConsecutiveCodes(seed, codeAtStep(step + w - 1), codeAtStep(step + w), now)).toBe(step + w);
    expect(verifyConsecutiveCodes(seed, codeAtStep(step + w), codeAtStep(step + w + 1), now)).toBeUndefined();
    expect(verifyConsecutiveCodes(seed, codeAtStep(step - w - 1), codeAtStep(step - w), now)).toBeUndefined();
  });

  it('refuses codes in the wrong order, the same code twice, or non-adjacent codes', () => {
    expect(verifyConsecutiveCodes(seed, codeAtStep(step), codeAtStep(step - 1), now)).toBeUndefined();
    expect(verifyConsecutiveCodes(seed, codeAtStep(step), codeAtStep(step), now)).toBeUndefined();
    expect(verifyConsecutiveCodes(seed, codeAtStep(step - 2), codeAtStep(step), now)).toBeUndefined();
    expect(verifyConsecutiveCodes(seed, 'abcdef', codeAtStep(step), now)).toBeUndefined();
  });

  it('refuses a pair already used (replay via the stored step)', () => {
    const accepted = verifyConsecutiveCodes(seed, codeAtStep(step - 1), codeAtStep(step), now);
    expect(verifyConsecutiveCodes(seed, codeAtStep(step - 1), codeAtStep(step), now, { after: accepted })).toBeUndefined();
    expect(verifyConsecutiveCodes(seed, codeAtStep(step + 1), codeAtStep(step + 2), now, { after: accepted })).toBe(step + 2);
  });
});
