// Checking TOTP codes against a stored device: its sealed seed opened with the server's
// key, and only codes later than the last accepted one (each code works once).

import { verifyConsecutiveCodes } from '../../../auth/mfa/totp.js';
import { openMfaSeed } from '../../../auth/mfa/seed-box.js';
import type { MfaDevice } from '../../../domain/credentials.js';
import type { WireObject } from '../../../protocol/wire-value.js';
import { str } from '../../input.js';
import type { ServiceContext } from '../../operation.js';
import { invalidAuthenticationCode } from './errors.js';

/**
 * The device's seed, or undefined when its seal does not open (sealed under another master
 * key): such a device cannot verify codes, which callers report as a failed code, not a 500.
 */
export function openDeviceSeed(ctx: Pick<ServiceContext, 'secrets'>, device: MfaDevice): string | undefined {
  try {
    return openMfaSeed(ctx.secrets, device.serialNumber, device.sealedSeed);
  } catch {
    return undefined;
  }
}

/** Replay protection: only steps after the device's last accepted one. */
export function afterLastAccepted(device: MfaDevice): { after?: number } {
  return device.lastAcceptedStep === undefined ? {} : { after: device.lastAcceptedStep };
}

/**
 * EnableMFADevice and ResyncMFADevice: AuthenticationCode1 and AuthenticationCode2 must be
 * the device's codes for two consecutive steps near now. Returns the second code's step,
 * which the caller records as accepted; InvalidAuthenticationCode otherwise.
 */
export function verifyCodePair(ctx: Pick<ServiceContext, 'secrets' | 'now'>, device: MfaDevice, input: WireObject): number {
  const seed = openDeviceSeed(ctx, device);
  const step =
    seed === undefined
      ? undefined
      : verifyConsecutiveCodes(seed, str(input, 'AuthenticationCode1'), str(input, 'AuthenticationCode2'), ctx.now, afterLastAccepted(device));
  if (step === undefined) throw invalidAuthenticationCode();
  return step;
}
