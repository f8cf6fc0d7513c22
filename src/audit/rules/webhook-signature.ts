// Alerts POSTed to a webhook are signed so the receiver can tell them from forgeries and
// replays: `X-Keyward-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<body>")>`.
// A receiver recomputes the HMAC over the raw body and refuses old timestamps.

import { createHmac, timingSafeEqual } from 'node:crypto';

export const SIGNATURE_HEADER = 'x-keyward-signature';

export function signWebhook(secret: string, body: string, timestamp: number): string {
  return `t=${timestamp},v1=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

/** Checks a signature header; `toleranceSeconds` bounds replays. */
export function verifyWebhook(secret: string, body: string, header: string, now: number, toleranceSeconds = 300): boolean {
  const parts = new Map(header.split(',').map((p) => p.split('=', 2) as [string, string]));
  const t = Number(parts.get('t'));
  const v1 = parts.get('v1');
  if (!Number.isInteger(t) || v1 === undefined || Math.abs(now - t) > toleranceSeconds) return false;
  const expected = signWebhook(secret, body, t).slice(`t=${t},v1=`.length);
  return v1.length === expected.length && timingSafeEqual(Buffer.from(v1), Buffer.from(expected));
}
