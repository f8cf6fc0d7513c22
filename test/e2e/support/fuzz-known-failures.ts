// Fuzz support: requests known to fail the fuzz properties, left out until src/ is fixed.
// Each entry names the bug; delete it once the fix lands and the fuzz test stays green.

import type { ServiceName } from '../../../src/protocol/model/service-model.js';
import type { FuzzParam } from './fuzz-wire.js';

export interface KnownFailure {
  readonly service: ServiceName;
  readonly action: string;
  readonly bug: string;
  readonly matches: (params: readonly FuzzParam[]) => boolean;
}

/** Empty: every failure the fuzz test found is fixed. Add an entry (with the bug) only while a fix is pending. */
export const KNOWN_FAILURES: readonly KnownFailure[] = [];

export function knownFailure(service: ServiceName, action: string, params: readonly FuzzParam[]): KnownFailure | undefined {
  return KNOWN_FAILURES.find((k) => k.service === service && k.action === action && k.matches(params));
}
