// What the request pipeline needs from the running server; injected so tests can
// swap the clock and randomness.

import type { SecretBox } from '../auth/secret-box.js';
import type { Random } from '../domain/random.js';
import type { Store } from '../storage/ports.js';
import type { ServerMetrics } from '../observability/metrics.js';
import type { Callers } from './caller-cache.js';
import type { AuditTrail } from '../audit/trail/trail-writer.js';

export interface Log {
  info(fields: object, message: string): void;
  error(fields: object, message: string): void;
}

export interface ServerDeps {
  readonly store: Store;
  readonly secrets: SecretBox;
  readonly clock: () => Date;
  readonly random: Random;
  /** Access keys, callers and their policies, cached per store generation. */
  readonly callers: Callers;
  readonly log: Log;
  /** Present when the metrics listener is on (observability/metrics.ts). */
  readonly metrics?: ServerMetrics;
  /** The audit trail; absent when it is off (`--audit off`). */
  readonly trail?: AuditTrail;
}
