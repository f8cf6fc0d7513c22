// MFA on STS calls (SerialNumber + TokenCode). Keyward does not store MFA devices yet, so
// no code can be verified: a request that carries one fails as a wrong code does in AWS.

import type { WireObject } from '../../protocol/wire-value.js';
import { optStr } from '../input.js';
import { mfaFailed } from './sts-errors.js';

/** Throws AccessDenied when the request asks for MFA; returns normally when it does not. */
export function checkMfaCode(input: WireObject): void {
  // The model already checked the shapes: a serial of 9-256 characters and six digits.
  if (optStr(input, 'SerialNumber') !== undefined || optStr(input, 'TokenCode') !== undefined) throw mfaFailed();
}
