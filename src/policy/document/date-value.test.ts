import { describe, it, expect } from 'vitest';
import { isLegacyDateValue } from './date-value.js';

describe('isLegacyDateValue', () => {
  it.each([
    '2019-07-01T13:20:15Z',
    '2016-12-13T21:20:37.593194+00:00',
    '2016-12-13t2:00:00.593194+23',
    '2019-07-01T13:20:15-05:00',
    '2020-01-01',
    '2020',
    '01T',
    '-292275054',
    '1700000000',
    '9223372036854775807',
  ])('accepts %j', (v) => expect(isLegacyDateValue(v)).toBe(true));

  it.each([
    'sdfdsf',
    '234-13',
    '2016-12-13t2:00:00.593194+1',
    '2016-12-13t2:00:00.1999999999+10:59',
    '9223372036854775808',
    '2020-01-32',
    '2020-01-01T24:00:00Z',
    '2020-01-01T10:60',
    '2020-01-01T10:00:60Z',
    '2020-01-01-01',
    '',
  ])('rejects %j', (v) => expect(isLegacyDateValue(v)).toBe(false));
});
