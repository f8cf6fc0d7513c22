// Request-time parsing and the skew / presigned windows, with AWS's exact messages.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  checkClockSkew,
  checkPresignedWindow,
  DEFAULT_MAX_SKEW_MS,
  formatAmzDate,
  parseAmzDate,
  parseExpires,
  parseRequestTime,
} from './request-time.js';

const at = (iso: string): Date => new Date(iso);

describe('parseAmzDate / formatAmzDate', () => {
  it('round-trips basic ISO 8601', () => {
    const time = parseAmzDate('20150830T123600Z');
    expect(time?.toISOString()).toBe('2015-08-30T12:36:00.000Z');
    expect(formatAmzDate(at('2015-08-30T12:36:00.789Z'))).toBe('20150830T123600Z');
  });

  it('formats every date as toISOString does, without separators or milliseconds', () => {
    const reference = (time: Date): string => time.toISOString().replace(/\.\d{3}Z$/, 'Z').replace(/[-:]/g, '');
    fc.assert(
      fc.property(fc.date({ noInvalidDate: true }), (time) => {
        expect(formatAmzDate(time)).toBe(reference(time));
      }),
    );
    expect(() => formatAmzDate(new Date(Number.NaN))).toThrow(RangeError);
  });

  it.each(['2015-08-30T12:36:00Z', '20150830T123600', '20150230T000000Z', '20150830T246000Z', ' 20150830T123600Z'])(
    'rejects %j',
    (value) => {
      expect(parseAmzDate(value)).toBeUndefined();
    },
  );
});

describe('parseRequestTime', () => {
  it('accepts an IMF-fixdate only where the Date header is the source', () => {
    expect(parseRequestTime('Sun, 30 Aug 2015 12:36:00 GMT', { allowHttpDate: true })).toEqual(at('2015-08-30T12:36:00Z'));
    expect(parseRequestTime('Sun, 30 Aug 2015 12:36:00 GMT', { allowHttpDate: false })).toMatchObject({
      code: 'IncompleteSignature',
    });
  });

  it("uses AWS's message for an unreadable date", () => {
    expect(parseRequestTime('yesterday', { allowHttpDate: true })).toEqual({
      code: 'IncompleteSignature',
      status: 400,
      message: "Date must be in ISO-8601 'basic format'. Got 'yesterday'. See http://en.wikipedia.org/wiki/ISO_8601",
    });
  });
});

describe('checkClockSkew', () => {
  const now = at('2024-01-01T00:30:00Z');

  it('allows exactly 15 minutes either way', () => {
    expect(checkClockSkew(at('2024-01-01T00:15:00Z'), now, DEFAULT_MAX_SKEW_MS)).toBeUndefined();
    expect(checkClockSkew(at('2024-01-01T00:45:00Z'), now, DEFAULT_MAX_SKEW_MS)).toBeUndefined();
  });

  it('reports a stale signature as AWS does', () => {
    expect(checkClockSkew(at('2024-01-01T00:00:00Z'), now, DEFAULT_MAX_SKEW_MS)).toEqual({
      code: 'SignatureDoesNotMatch',
      status: 403,
      message: 'Signature expired: 20240101T000000Z is now earlier than 20240101T001500Z (20240101T003000Z - 15 min.)',
    });
  });

  it('reports a future signature as AWS does', () => {
    expect(checkClockSkew(at('2024-01-01T01:00:00Z'), now, DEFAULT_MAX_SKEW_MS)).toEqual({
      code: 'SignatureDoesNotMatch',
      status: 403,
      message: 'Signature not yet current: 20240101T010000Z is still later than 20240101T004500Z (20240101T003000Z + 15 min.)',
    });
  });
});

describe('parseExpires', () => {
  it('accepts 1 to 604800 seconds', () => {
    expect(parseExpires('1')).toBe(1);
    expect(parseExpires('604800')).toBe(604800);
  });

  it.each([
    ['0', 'X-Amz-Expires must be a positive number of seconds'],
    ['-5', 'X-Amz-Expires must be a positive number of seconds'],
    ['604801', 'X-Amz-Expires must be less than a week (in seconds) that is 604800'],
    ['1h', 'X-Amz-Expires should be a number'],
    ['', 'X-Amz-Expires should be a number'],
  ])('rejects %j', (value, message) => {
    expect(parseExpires(value)).toEqual({ code: 'IncompleteSignature', status: 400, message });
  });
});

describe('checkPresignedWindow', () => {
  const signed = at('2024-01-01T00:00:00Z');

  it('is valid until X-Amz-Date + X-Amz-Expires, even beyond 15 minutes', () => {
    expect(checkPresignedWindow(signed, 3600, at('2024-01-01T01:00:00Z'), DEFAULT_MAX_SKEW_MS)).toBeUndefined();
  });

  it('expires after the window', () => {
    expect(checkPresignedWindow(signed, 3600, at('2024-01-01T01:00:01Z'), DEFAULT_MAX_SKEW_MS)).toEqual({
      code: 'RequestExpired',
      status: 400,
      message: 'Request has expired.',
    });
  });

  it('refuses a URL signed more than 15 minutes in the future', () => {
    expect(checkPresignedWindow(signed, 3600, at('2023-12-31T23:40:00Z'), DEFAULT_MAX_SKEW_MS)?.message).toMatch(
      /^Signature not yet current: 20240101T000000Z/,
    );
  });
});
