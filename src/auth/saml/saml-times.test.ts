import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { SamlAssertionData } from './saml-assertion.js';
import { parseSamlInstant, samlUsableUntil } from './saml-times.js';

describe('parseSamlInstant', () => {
  it('reads zoned xs:dateTime values, with any number of fraction digits', () => {
    expect(parseSamlInstant('2013-11-05T02:06:42.876Z')).toEqual(new Date('2013-11-05T02:06:42.876Z'));
    expect(parseSamlInstant('2013-11-05T02:06:42Z')).toEqual(new Date('2013-11-05T02:06:42Z'));
    expect(parseSamlInstant('2013-11-05T02:06:42.8764321Z')).toEqual(new Date('2013-11-05T02:06:42.876Z'));
    expect(parseSamlInstant('2013-11-05T04:06:42+02:00')).toEqual(new Date('2013-11-05T02:06:42Z'));
  });

  it('refuses values without a zone, which would be read in local time', () => {
    for (const value of ['2013-11-05T02:06:42', '2013-11-05', 'yesterday', '', undefined, '2013-13-45T99:99:99Z']) {
      expect(parseSamlInstant(value)).toBeUndefined();
    }
  });

  it('round-trips every instant written as ISO-8601 UTC', () => {
    fc.assert(
      fc.property(fc.date({ min: new Date('1970-01-01T00:00:00Z'), max: new Date('2999-12-31T23:59:59Z'), noInvalidDate: true }), (date) => {
        expect(parseSamlInstant(date.toISOString())?.getTime()).toBe(date.getTime());
      }),
    );
  });
});

describe('samlUsableUntil', () => {
  const data = (issued: string, conditions?: string, confirmation?: string): SamlAssertionData => ({
    issueInstant: issued,
    subjectConfirmations: [{ ...(confirmation !== undefined && { notOnOrAfter: confirmation }) }],
    ...(conditions !== undefined && { conditions: { notOnOrAfter: conditions, audienceRestrictions: [] } }),
    attributes: new Map(),
  });

  it('is the earliest end of the validity window or of the five-minute redeem window, plus the skew', () => {
    expect(samlUsableUntil(data('2026-01-01T00:00:00Z', '2026-01-01T01:00:00Z', '2026-01-01T00:02:00Z'), 60)).toEqual(new Date('2026-01-01T00:03:00Z'));
    expect(samlUsableUntil(data('2026-01-01T00:00:00Z', '2026-01-01T01:00:00Z', '2026-01-01T01:00:00Z'), 60)).toEqual(new Date('2026-01-01T00:06:00Z'));
    expect(samlUsableUntil(data('2026-01-01T00:00:00Z', '2026-01-01T00:01:00Z'), 0)).toEqual(new Date('2026-01-01T00:01:00Z'));
  });
});
