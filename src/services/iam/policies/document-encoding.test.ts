import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { encodePolicyDocument } from './document-encoding.js';

describe('encodePolicyDocument', () => {
  it('encodes as AWS returns documents: spaces as %20, line feeds, quotes and * escaped', () => {
    expect(encodePolicyDocument('{\n  "Resource": "*"}')).toBe('%7B%0A%20%20%22Resource%22%3A%20%22%2A%22%7D');
    expect(encodePolicyDocument("!'()~-._")).toBe('%21%27%28%29~-._');
  });

  it('encodes non-ASCII text as UTF-8 bytes', () => {
    expect(encodePolicyDocument('é©')).toBe('%C3%A9%C2%A9');
    expect(encodePolicyDocument('😀')).toBe('%F0%9F%98%80');
  });

  it('never throws on a lone surrogate', () => {
    expect(encodePolicyDocument('a\uD800b')).toBe('a%EF%BF%BDb');
  });

  it('round-trips any text through decodeURIComponent and emits only unreserved characters and %XX', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), (text) => {
        const encoded = encodePolicyDocument(text);
        expect(encoded).toMatch(/^(?:[A-Za-z0-9\-._~]|%[0-9A-F]{2})*$/);
        expect(decodeURIComponent(encoded)).toBe(text);
      }),
    );
  });
});
