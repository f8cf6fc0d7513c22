import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { decodeDetailsMarker, encodeDetailsMarker } from './details.js';

describe('GetAccountAuthorizationDetails markers', () => {
  it('round-trip any section and store cursor', () => {
    fc.assert(
      fc.property(fc.constantFrom('U', 'G', 'R', 'L', 'A'), fc.option(fc.string({ minLength: 1, unit: 'grapheme' }), { nil: undefined }), (section, after) => {
        const cursor = after === undefined ? { section } : { section, after };
        const marker = encodeDetailsMarker(cursor);
        expect(marker).toMatch(/^[A-Za-z0-9_-]+$/);
        expect(decodeDetailsMarker(marker)).toEqual(cursor);
      }),
    );
  });

  it('reject markers that name no section', () => {
    expect(decodeDetailsMarker('not-a-marker')).toBeUndefined();
    expect(decodeDetailsMarker(Buffer.from('X:users').toString('base64url'))).toBeUndefined();
  });
});
