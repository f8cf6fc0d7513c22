// Request timestamps: parsing `X-Amz-Date` / `Date`, the ±15 minute clock-skew
// window with AWS's messages, and the presigned `X-Amz-Expires` window.

import { incompleteSignature, requestExpired, signatureDoesNotMatch, type SigV4Error } from './errors.js';

export const DEFAULT_MAX_SKEW_MS = 15 * 60 * 1000;
/** AWS caps presigned URLs at seven days (the signing key is valid that long). */
export const MAX_PRESIGNED_EXPIRES_SECONDS = 604_800;

const AMZ_DATE = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/;
// IMF-fixdate, the only form RFC 9110 lets senders use for `Date`.
const HTTP_DATE = /^(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d{2} (?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4} \d{2}:\d{2}:\d{2} GMT$/;

/** `YYYYMMDD'T'HHMMSS'Z'`, rejecting impossible dates such as 20150230. */
export function parseAmzDate(value: string): Date | undefined {
  const match = AMZ_DATE.exec(value);
  if (match === null) return undefined;
  const [year, month, day, hour, minute, second] = match.slice(1).map(Number) as [
    number, number, number, number, number, number,
  ];
  const time = new Date(Date.UTC(year, month - 1, day, hour, minute, second));
  const roundTrips =
    time.getUTCFullYear() === year &&
    time.getUTCMonth() === month - 1 &&
    time.getUTCDate() === day &&
    time.getUTCHours() === hour &&
    time.getUTCMinutes() === minute &&
    time.getUTCSeconds() === second;
  return roundTrips ? time : undefined;
}

const two = (n: number): string => (n < 10 ? `0${n}` : String(n));

/** Format as `YYYYMMDD'T'HHMMSS'Z'` (sub-second part dropped). */
export function formatAmzDate(time: Date): string {
  const year = time.getUTCFullYear();
  // Years outside 0-9999 (and invalid dates, which throw) keep toISOString's forms.
  if (!(year >= 0 && year <= 9999)) return time.toISOString().replace(/\.\d{3}Z$/, 'Z').replace(/[-:]/g, '');
  const date = `${String(year).padStart(4, '0')}${two(time.getUTCMonth() + 1)}${two(time.getUTCDate())}`;
  return `${date}T${two(time.getUTCHours())}${two(time.getUTCMinutes())}${two(time.getUTCSeconds())}Z`;
}

/**
 * The request time from `X-Amz-Date` (basic ISO 8601) or, for header
 * signatures only, a `Date` header in basic ISO 8601 or IMF-fixdate form.
 */
export function parseRequestTime(value: string, options: { allowHttpDate: boolean }): Date | SigV4Error {
  const amz = parseAmzDate(value);
  if (amz !== undefined) return amz;
  if (options.allowHttpDate && HTTP_DATE.test(value)) {
    const parsed = new Date(Date.parse(value));
    if (!Number.isNaN(parsed.getTime())) return parsed;
  }
  return incompleteSignature(
    `Date must be in ISO-8601 'basic format'. Got '${value}'. See http://en.wikipedia.org/wiki/ISO_8601`,
  );
}

function skewLabel(maxSkewMs: number): string {
  return `${Math.round(maxSkewMs / 60_000)} min.`;
}

/** The header-signature window: request time within now ± maxSkew. */
export function checkClockSkew(requestTime: Date, now: Date, maxSkewMs: number): SigV4Error | undefined {
  const earliest = new Date(now.getTime() - maxSkewMs);
  const latest = new Date(now.getTime() + maxSkewMs);
  if (requestTime.getTime() < earliest.getTime()) {
    return signatureDoesNotMatch(
      `Signature expired: ${formatAmzDate(requestTime)} is now earlier than ${formatAmzDate(earliest)}` +
        ` (${formatAmzDate(now)} - ${skewLabel(maxSkewMs)})`,
    );
  }
  if (requestTime.getTime() > latest.getTime()) {
    return signatureDoesNotMatch(
      `Signature not yet current: ${formatAmzDate(requestTime)} is still later than ${formatAmzDate(latest)}` +
        ` (${formatAmzDate(now)} + ${skewLabel(maxSkewMs)})`,
    );
  }
  return undefined;
}

/** `X-Amz-Expires` as whole seconds in 1..604800. */
export function parseExpires(value: string): number | SigV4Error {
  if (!/^-?\d+$/.test(value)) return incompleteSignature('X-Amz-Expires should be a number');
  const seconds = Number(value);
  if (seconds < 1) return incompleteSignature('X-Amz-Expires must be a positive number of seconds');
  if (seconds > MAX_PRESIGNED_EXPIRES_SECONDS) {
    return incompleteSignature(
      `X-Amz-Expires must be less than a week (in seconds) that is ${MAX_PRESIGNED_EXPIRES_SECONDS}`,
    );
  }
  return seconds;
}

/**
 * The presigned window: not signed too far in the future (same rule as headers),
 * and not used after `X-Amz-Date + X-Amz-Expires`.
 */
export function checkPresignedWindow(
  requestTime: Date,
  expiresSeconds: number,
  now: Date,
  maxSkewMs: number,
): SigV4Error | undefined {
  if (requestTime.getTime() > now.getTime() + maxSkewMs) return checkClockSkew(requestTime, now, maxSkewMs);
  if (now.getTime() > requestTime.getTime() + expiresSeconds * 1000) return requestExpired();
  return undefined;
}
