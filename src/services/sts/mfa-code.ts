// MFA on STS calls (SerialNumber + TokenCode, AssumeRole and GetSessionToken): the code must
// come from an MFA device enabled for the caller (an IAM user or the root user), and each
// code is accepted once only. The session then carries the MFA claim (aws:MultiFactorAuth*).

import type { Caller } from '../../auth/caller.js';
import { MFA_CODE_LOCK } from '../../auth/mfa/failed-codes.js';
import { verifyTotp } from '../../auth/mfa/totp.js';
import type { SessionMfa } from '../../auth/session-claims.js';
import type { WireObject } from '../../protocol/wire-value.js';
import { afterLastAccepted, openDeviceSeed } from '../iam/mfa/codes.js';
import { isAssignedTo } from '../iam/mfa/owner.js';
import { optStr } from '../input.js';
import type { ServiceContext } from '../operation.js';
import { mfaFailed, mfaUnverifiable } from './sts-errors.js';

/** A code that matched; not yet accepted. */
export interface VerifiedMfaCode {
  readonly serialNumber: string;
  /** The TOTP time step the code belongs to. */
  readonly step: number;
}

/** Whose devices may vouch for the caller: a user's or the root user's; role sessions and federated users have none. */
function mfaOwnerOf(caller: Caller): string | null | undefined {
  if (caller.principal.type === 'Root') return null;
  if (caller.principal.type === 'User' && caller.user !== undefined) return caller.user.name;
  return undefined;
}

/**
 * Checks the request's MFA code without spending it; undefined when the request carries none.
 * AccessDenied as AWS answers: "unable to validate" when the serial is not an MFA device of
 * the caller, "invalid ... pass code" for a wrong, expired or already used code.
 */
export async function verifyMfaCode(input: WireObject, ctx: ServiceContext): Promise<VerifiedMfaCode | undefined> {
  const serialNumber = optStr(input, 'SerialNumber');
  const code = optStr(input, 'TokenCode');
  if (serialNumber === undefined && code === undefined) return undefined;
  if (serialNumber === undefined) throw mfaUnverifiable();
  if (code === undefined) throw mfaFailed();
  const owner = mfaOwnerOf(ctx.caller);
  const device = await ctx.store.read((tx) => tx.mfaDevices.get(ctx.accountId, serialNumber));
  if (owner === undefined || device === undefined || !isAssignedTo(device, owner)) throw mfaUnverifiable();
  const seed = openDeviceSeed(ctx, device);
  if (seed === undefined) throw mfaUnverifiable();
  // Guessing is bounded: each code tried takes one of a few attempts, before it is checked and
  // on every node (the count is in the store); then the device refuses every code for a while.
  // Accepting a code gives the attempts back.
  if (!(await ctx.store.chargeMfaAttempt(ctx.accountId, device.serialNumber, ctx.now, MFA_CODE_LOCK))) throw mfaFailed();
  const step = verifyTotp(seed, code, ctx.now, afterLastAccepted(device));
  if (step === undefined) throw mfaFailed();
  return { serialNumber: device.serialNumber, step };
}

/**
 * Spends a verified code (atomically: of two requests with one code, one wins) and returns
 * the session's MFA claim, authenticated now. Call it last, once nothing else can fail.
 */
export async function acceptMfaCode(ctx: ServiceContext, verified: VerifiedMfaCode): Promise<SessionMfa> {
  if (!(await ctx.store.acceptMfaTimeStep(ctx.accountId, verified.serialNumber, verified.step))) throw mfaFailed();
  return { authTime: Math.floor(ctx.now.getTime() / 1000), serialNumber: verified.serialNumber };
}

/** aws:MultiFactorAuthPresent and aws:MultiFactorAuthAge for the request that carries a verified code. */
export function mfaRequestKeys(verified: VerifiedMfaCode | undefined): Record<string, string> {
  return verified === undefined ? {} : { 'aws:MultiFactorAuthPresent': 'true', 'aws:MultiFactorAuthAge': '0' };
}
