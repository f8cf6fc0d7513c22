// LookupEvents' NextToken: where the next page starts (the last event's time and id),
// bound to the query it came from and sealed with an HMAC, so a client can neither forge
// one nor reuse it with other parameters (CloudTrail: "the token must be passed in with
// the same parameters that were specified in the original call").

import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

export interface PageCursor {
  /** Milliseconds since the epoch of the last event returned. */
  readonly time: number;
  /** Its event id, which orders events with the same time. */
  readonly eventId: string;
}

/** A stable digest of the query parameters a token belongs to. */
export function queryFingerprint(query: Readonly<Record<string, unknown>>): string {
  const keys = Object.keys(query).sort();
  return createHash('sha256').update(JSON.stringify(keys.map((k) => [k, query[k]]))).digest('base64url').slice(0, 22);
}

export function sealNextToken(key: Buffer, cursor: PageCursor, fingerprint: string): string {
  const body = Buffer.from(JSON.stringify([cursor.time, cursor.eventId, fingerprint])).toString('base64url');
  const mac = createHmac('sha256', key).update(body).digest('base64url').slice(0, 22);
  return `${body}.${mac}`;
}

/** The cursor, or undefined when the token was not made by us for this query. */
export function openNextToken(key: Buffer, token: string, fingerprint: string): PageCursor | undefined {
  const [body, mac, extra] = token.split('.');
  if (body === undefined || mac === undefined || extra !== undefined) return undefined;
  const expected = createHmac('sha256', key).update(body).digest('base64url').slice(0, 22);
  if (mac.length !== expected.length || !timingSafeEqual(Buffer.from(mac), Buffer.from(expected))) return undefined;
  try {
    const parsed: unknown = JSON.parse(Buffer.from(body, 'base64url').toString('utf8'));
    if (!Array.isArray(parsed) || parsed.length !== 3) return undefined;
    const [time, eventId, print] = parsed as unknown[];
    if (typeof time !== 'number' || typeof eventId !== 'string' || print !== fingerprint) return undefined;
    return { time, eventId };
  } catch {
    return undefined;
  }
}
