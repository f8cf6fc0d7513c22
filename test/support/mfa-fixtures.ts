// Shared steps of the MFA end-to-end tests: a virtual device made through the SDK, TOTP
// codes computed from its returned seed, and a server clock stepped one TOTP period at a time.

import { CreateVirtualMFADeviceCommand, EnableMFADeviceCommand } from '@aws-sdk/client-iam';
import { currentTotp, TOTP_PERIOD_SECONDS } from '../../src/auth/mfa/totp.js';
import type { Keys, StsNode } from './sts-fixtures.js';

const PERIOD_MS = TOTP_PERIOD_SECONDS * 1000;

export interface Device {
  readonly serial: string;
  /** The Base32 seed, as an authenticator app would keep it. */
  readonly seed: string;
}

/**
 * Moves the server clock (and later clients) to one second into the next TOTP period and
 * returns that period's step: codes computed for it stay valid for the next 29 seconds.
 */
export function nextStep(t: StsNode): number {
  const now = t.now().getTime();
  const step = Math.floor(now / PERIOD_MS) + 1;
  t.advance(step * PERIOD_MS + 1000 - now);
  return step;
}

/** The device's code for one time step. */
export function codeAt(seed: string, step: number): string {
  return currentTotp(seed, new Date(step * PERIOD_MS));
}

/** A six-digit code that is none of the device's codes within two steps of `step`. */
export function wrongCode(seed: string, step: number): string {
  const near = new Set([-2, -1, 0, 1, 2].map((d) => codeAt(seed, step + d)));
  for (let n = 0; ; n += 1) {
    const code = String(n).padStart(6, '0');
    if (!near.has(code)) return code;
  }
}

export async function createDevice(t: StsNode, name: string, keys?: Keys, path?: string): Promise<Device> {
  const out = await t.iam(keys).send(new CreateVirtualMFADeviceCommand({ VirtualMFADeviceName: name, ...(path !== undefined && { Path: path }) }));
  const device = out.VirtualMFADevice!;
  return { serial: device.SerialNumber!, seed: Buffer.from(device.Base32StringSeed!).toString('ascii') };
}

/** EnableMFADevice with the codes of the previous and the current step; returns the current step (now spent). */
export async function enableDevice(t: StsNode, userName: string, device: Device, keys?: Keys): Promise<number> {
  const step = nextStep(t);
  await t.iam(keys).send(
    new EnableMFADeviceCommand({
      UserName: userName,
      SerialNumber: device.serial,
      AuthenticationCode1: codeAt(device.seed, step - 1),
      AuthenticationCode2: codeAt(device.seed, step),
    }),
  );
  return step;
}
