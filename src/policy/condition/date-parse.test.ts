import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { parseDate } from './date-parse.js';

describe('parseDate', () => {
  it('reads the W3C ISO 8601 forms', () => {
    expect(parseDate('2020-01-01T00:00:01Z')).toBe(Date.UTC(2020, 0, 1, 0, 0, 1));
    expect(parseDate('2020-01-01')).toBe(Date.UTC(2020, 0, 1));
    expect(parseDate('2020-02')).toBe(Date.UTC(2020, 1, 1));
    expect(parseDate('2020-01-01T10:20Z')).toBe(Date.UTC(2020, 0, 1, 10, 20));
    expect(parseDate('2020-01-01T10:20:30.25Z')).toBe(Date.UTC(2020, 0, 1, 10, 20, 30, 250));
    expect(parseDate('2020-01-01T10:20:30+01:00')).toBe(Date.UTC(2020, 0, 1, 9, 20, 30));
    expect(parseDate('2020-01-01T10:20:30-0130')).toBe(Date.UTC(2020, 0, 1, 11, 50, 30));
    expect(parseDate('2020-01-01T10:20:30')).toBe(Date.UTC(2020, 0, 1, 10, 20, 30));
    // Two-digit years are not shifted to the 1900s (Date.UTC would).
    expect(parseDate('0050-06-01')).toBe(Date.parse('0050-06-01T00:00:00Z'));
  });

  it('reads epoch seconds', () => {
    expect(parseDate('1600000000')).toBe(1_600_000_000_000);
    expect(parseDate('0')).toBe(0);
    expect(parseDate('1.5')).toBe(1500);
    expect(parseDate('-10')).toBe(-10_000);
  });

  it('rejects what is not a date', () => {
    for (const bad of ['', 'abc', '2020-13-01', '2020-02-30', '2021-02-29', '2020-01-01T24:00Z', '2020-01-01T10:60Z', '2020-01-01T10:20:30.Z', '2020-01-01 10:20Z', '2020-01-01T10:20:30+1', '2020-01-01T10:20:30ZZ', '1e9', '2020-01-01x']) {
      expect(parseDate(bad), bad).toBeNaN();
    }
    expect(parseDate('2020-02-29')).toBe(Date.UTC(2020, 1, 29));
  });

  it('agrees with Date for every toISOString output', () => {
    const instant = fc.integer({ min: -62_135_596_800_000, max: 253_402_300_799_000 });
    fc.assert(fc.property(instant, (ms) => parseDate(new Date(ms).toISOString()) === ms), { numRuns: 2000 });
  });
});
