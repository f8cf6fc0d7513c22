// MFA seeds at rest: sealed with the server's SecretBox and bound to the device's serial
// number (context `mfa:<serial>`), so a sealed seed copied onto another device will not open.
import type { SecretBox } from '../secret-box.js';

export function mfaSeedContext(serialNumber: string): string {
  return `mfa:${serialNumber}`;
}

export function sealMfaSeed(box: SecretBox, serialNumber: string, seed: string): string {
  return box.seal(seed, mfaSeedContext(serialNumber));
}

/** Throws when the seal was made for another device or under another key. */
export function openMfaSeed(box: SecretBox, serialNumber: string, sealed: string): string {
  return box.open(sealed, mfaSeedContext(serialNumber));
}
