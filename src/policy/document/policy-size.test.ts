import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { policySize } from './policy-size.js';

describe('policySize', () => {
  it('counts characters that are not space, tab, line feed or carriage return', () => {
    expect(policySize('{ "a" :\t"b"\r\n}')).toBe(9);
    expect(policySize('')).toBe(0);
    // Inside strings too: the quotas are stated "in non-whitespace characters".
    expect(policySize('{"a":"b c"}')).toBe(10);
  });

  it('counts characters, not UTF-16 units', () => {
    expect(policySize('"é😀"')).toBe(4);
  });

  it('is the same for any indentation of the same document', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.integer({ min: 1, max: 8 }), (value, indent) => {
        const compact = JSON.stringify(value);
        expect(policySize(JSON.stringify(value, null, indent))).toBe(policySize(compact));
        expect(policySize(JSON.stringify(value, null, '\t'))).toBe(policySize(compact));
      }),
    );
  });
});
