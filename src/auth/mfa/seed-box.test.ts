import { describe, it, expect } from 'vitest';
import { SecretBox } from '../secret-box.js';
import { mfaSeedContext, openMfaSeed, sealMfaSeed } from './seed-box.js';

const box = new SecretBox(new Uint8Array(32).fill(3));
const otherBox = new SecretBox(new Uint8Array(32).fill(4));
const SERIAL = 'arn:aws:iam::123456789012:mfa/alice';
const SEED = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';

describe('MFA seed sealing', () => {
  it('round-trips without the seed appearing in the sealed text', () => {
    const sealed = sealMfaSeed(box, SERIAL, SEED);
    expect(sealed).not.toContain(SEED);
    expect(openMfaSeed(box, SERIAL, sealed)).toBe(SEED);
  });

  it('binds the seal to the serial number with the mfa: context', () => {
    const sealed = sealMfaSeed(box, SERIAL, SEED);
    expect(mfaSeedContext(SERIAL)).toBe(`mfa:${SERIAL}`);
    expect(box.open(sealed, `mfa:${SERIAL}`)).toBe(SEED);
    expect(() => openMfaSeed(box, 'arn:aws:iam::123456789012:mfa/bob', sealed)).toThrow();
    expect(() => box.open(sealed, `access-key:${SERIAL}`)).toThrow();
  });

  it('does not open under another key, and seals with a fresh IV each time', () => {
    const sealed = sealMfaSeed(box, SERIAL, SEED);
    expect(() => openMfaSeed(otherBox, SERIAL, sealed)).toThrow();
    expect(sealMfaSeed(box, SERIAL, SEED)).not.toBe(sealed);
  });
});
