// Idempotency tokens (`clientToken`, which the SDKs fill in): a retry of a request that already
// succeeded, with the same token and the same parameters, gets the same answer and changes
// nothing; the same token with other parameters is a ConflictException, as AWS answers
// (docs/access-analyzer-analyzers.md). The token is kept in the store inside the operation's
// write transaction, so a retry sent to another node sharing PostgreSQL is recognised too, and a
// request that failed leaves no token behind.

import { createHash } from 'node:crypto';
import { JsonServiceError } from '../../../protocol/json/json-error.js';
import type { WireObject } from '../../../protocol/wire-value.js';
import type { StoreTx } from '../../../storage/ports.js';
import type { ServiceContext } from '../../operation.js';

/** How long a token is remembered: AWS does not say for Access Analyzer; other AWS services keep them hours. */
export const CLIENT_TOKEN_TTL_MS = 24 * 60 * 60 * 1000;

/** JSON with object keys sorted, so two equal requests give one text whatever the key order. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
    return `{${entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

export function requestDigest(input: WireObject): string {
  const { clientToken: _token, ...rest } = input;
  return createHash('sha256').update(canonical(rest)).digest('hex');
}

/**
 * Runs `work` inside `tx` unless this is a retry of a request the token already did: then it
 * returns false and does nothing. Without a token the work always runs.
 */
export async function runOnce(tx: StoreTx, ctx: ServiceContext, operation: string, resourceType: string, input: WireObject, work: () => Promise<void>): Promise<boolean> {
  const token = typeof input.clientToken === 'string' && input.clientToken !== '' ? input.clientToken : undefined;
  if (token === undefined) {
    await work();
    return true;
  }
  const digest = requestDigest(input);
  const since = new Date(ctx.now.getTime() - CLIENT_TOKEN_TTL_MS);
  const earlier = await tx.analyzers.getClientToken(ctx.accountId, ctx.region, operation, token, since);
  if (earlier !== undefined) {
    if (earlier.requestDigest !== digest) {
      throw new JsonServiceError('ConflictException', `The clientToken was already used for a ${operation} request with different parameters.`, 409, { resourceId: token, resourceType });
    }
    return false;
  }
  await work();
  await tx.analyzers.putClientToken({ accountId: ctx.accountId, region: ctx.region, operation, clientToken: token, requestDigest: digest, createdAt: ctx.now }, since);
  return true;
}
