// How long the client's decision cache may keep an answer: never past the cache's TTL, never
// past the moment Keyward itself would refuse the same signed request (a header-signed request
// 15 minutes after its X-Amz-Date, a presigned URL at X-Amz-Date + X-Amz-Expires), and never
// past the expiry of the temporary credentials that signed it. A request whose signing time
// cannot be read is not cached.

import { DEFAULT_MAX_SKEW_MS, parseAmzDate } from '../../auth/sigv4/request-time.js';
import type { DecisionAnswer } from '../authorize-request.js';
import type { ForwardedRequest } from '../verify/forwarded-request.js';

function queryValue(query: string, name: string): string | undefined {
  for (const part of query.split('&')) {
    const eq = part.indexOf('=');
    const key = eq < 0 ? part : part.slice(0, eq);
    if (key === name) {
      try {
        return decodeURIComponent(eq < 0 ? '' : part.slice(eq + 1));
      } catch {
        return undefined;
      }
    }
  }
  return undefined;
}

/** When Keyward stops accepting this signed request (epoch ms), or undefined when unreadable. */
export function signatureValidUntil(request: ForwardedRequest, headers: Readonly<Record<string, readonly string[]>>): number | undefined {
  const query = request.query ?? '';
  const presignedDate = queryValue(query, 'X-Amz-Date');
  if (presignedDate !== undefined) {
    const signed = parseAmzDate(presignedDate);
    const expires = Number(queryValue(query, 'X-Amz-Expires'));
    if (signed === undefined || !Number.isInteger(expires) || expires < 1) return undefined;
    return signed.getTime() + expires * 1000;
  }
  const amzDate = headers['x-amz-date']?.[0];
  const signed = amzDate === undefined ? undefined : parseAmzDate(amzDate);
  return signed === undefined ? undefined : signed.getTime() + DEFAULT_MAX_SKEW_MS;
}

/** The cache entry's expiry (epoch ms) for `answer`, or undefined when it must not be cached. */
export function cacheUntil(answer: DecisionAnswer, signedUntil: number | undefined, now: number, ttlMs: number): number | undefined {
  if (signedUntil === undefined) return undefined;
  let until = Math.min(now + ttlMs, signedUntil);
  if (answer.authenticated && answer.caller.expiration !== undefined) until = Math.min(until, Date.parse(answer.caller.expiration));
  return until > now ? until : undefined;
}
