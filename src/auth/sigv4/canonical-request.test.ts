// Canonical URI, query string and header rules beyond what the published vectors cover.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  buildCanonicalRequest,
  canonicalHeaderValue,
  canonicalRequestHash,
  canonicalQueryString,
  canonicalUri,
  EMPTY_SHA256,
  sha256Hex,
} from './canonical-request.js';
import { parseQuery } from './request.js';

describe('canonicalUri', () => {
  it.each([
    ['/', '/'],
    ['', '/'],
    ['/a/b/', '/a/b/'],
    ['/a//b', '/a/b'],
    ['/a/./b/../c', '/a/c'],
    ['/../../a', '/a'],
    ['/a/.', '/a'],
    // The wire path is already encoded once; AWS encodes it again for non-S3 services.
    ['/foo%20bar', '/foo%2520bar'],
    ['/a%2Fb', '/a%252Fb'],
    ["/!'()*", '/%21%27%28%29%2A'],
    ['/é', '/%C3%A9'],
  ])('%j -> %j', (raw, expected) => {
    expect(canonicalUri(raw)).toBe(expected);
  });
});

describe('canonicalQueryString', () => {
  const canonical = (raw: string): string => canonicalQueryString(parseQuery(raw));

  it('sorts by encoded name, then by value', () => {
    expect(canonical('b=2&a=2&a=1&B=0')).toBe('B=0&a=1&a=2&b=2');
  });

  it('re-encodes with upper-case hex and encodes what RFC 3986 reserves', () => {
    expect(canonical('k=%2f%3a&x=a/b:c&y=%7E~')).toBe('k=%2F%3A&x=a%2Fb%3Ac&y=~~');
  });

  it('reads + as a space, and an encoded + as a plus', () => {
    expect(canonical('a=b+c&d=e%2Bf')).toBe('a=b%20c&d=e%2Bf');
  });

  it('gives a name without = an empty value and drops empty pieces', () => {
    expect(canonical('flag&&a=1&')).toBe('a=1&flag=');
  });

  it('keeps a stray % literal, encoded as %25', () => {
    expect(canonical('a=100%&b=%zz')).toBe('a=100%25&b=%25zz');
  });

  it('keeps bytes that are not UTF-8 exactly', () => {
    expect(canonical('a=%FF%FE')).toBe('a=%FF%FE');
  });

  it('omits the named parameter (X-Amz-Signature for presigned requests)', () => {
    expect(canonicalQueryString(parseQuery('X-Amz-Signature=abc&a=1'), { omit: 'X-Amz-Signature' })).toBe('a=1');
    expect(canonicalQueryString(parseQuery('X-Amz-Signature=abc&a=1'))).toBe('X-Amz-Signature=abc&a=1');
  });
});

describe('canonicalHeaderValue', () => {
  it('trims, collapses inner blanks and joins repeated values with commas', () => {
    expect(canonicalHeaderValue(['  a   b\t\tc  ', 'd'])).toBe('a b c,d');
  });

  it('turns folded line breaks into a single space', () => {
    expect(canonicalHeaderValue(['value1\r\n  value2'])).toBe('value1 value2');
  });
});

describe('buildCanonicalRequest', () => {
  it('lists signed headers only, with an empty value for a signed header that is absent', () => {
    const creq = buildCanonicalRequest({
      method: 'POST',
      path: '/',
      params: [],
      headers: { host: 'h', 'x-unsigned': 'ignored', 'content-type': 'text/plain' },
      signedHeaders: ['content-type', 'host', 'x-missing'],
      payloadHash: EMPTY_SHA256,
    });
    expect(creq.toString()).toBe(
      ['POST', '/', '', 'content-type:text/plain', 'host:h', 'x-missing:', '', 'content-type;host;x-missing', EMPTY_SHA256].join('\n'),
    );
  });

  it('hashes header bytes as received (latin1 strings from Node stay single bytes)', () => {
    // Node hands header bytes C3 A9 ("é" in UTF-8) over as the two latin1 chars "Ã©".
    const creq = buildCanonicalRequest({
      method: 'GET',
      path: '/',
      params: [],
      headers: { host: 'h', 'x-name': 'Ã©' },
      signedHeaders: ['host', 'x-name'],
      payloadHash: EMPTY_SHA256,
    });
    expect(creq.includes(Buffer.from('x-name:é', 'utf8'))).toBe(true);
  });
});

describe('canonicalRequestHash', () => {
  // Header values as Node hands them over (one char per byte), blanks and line breaks included.
  const headerValue = fc.oneof(
    fc.string({ unit: fc.constantFrom('a', 'Z', '0', ' ', '\t', '\r', '\n', ',', ';', '=', '/', ':') }),
    fc.string({ unit: 'binary' }),
    fc.string({ unit: fc.integer({ min: 0x20, max: 0xff }).map((c) => String.fromCharCode(c)) }),
  );
  const names = fc.uniqueArray(fc.stringMatching(/^[a-z][a-z0-9-]{0,12}$/), { minLength: 1, maxLength: 5 });

  it('is the SHA-256 of buildCanonicalRequest, byte for byte, whatever the headers, path and query', () => {
    fc.assert(
      fc.property(
        names,
        fc.array(fc.oneof(headerValue, fc.array(headerValue, { minLength: 1, maxLength: 3 })), { minLength: 5, maxLength: 5 }),
        fc.string({ unit: 'binary' }),
        fc.array(fc.tuple(fc.string({ unit: 'binary' }), fc.string({ unit: 'binary' })), { maxLength: 4 }),
        fc.constantFrom('double' as const, 's3' as const),
        (signed, values, path, query, uriEncoding) => {
          const headers = Object.fromEntries(signed.map((name, i) => [name, values[i]]));
          const raw = query.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join('&');
          const input = {
            method: 'POST',
            path: `/${encodeURI(path).replace(/%25/g, '%')}`,
            params: parseQuery(raw),
            headers,
            signedHeaders: [...signed].sort(),
            payloadHash: EMPTY_SHA256,
            uriEncoding,
          };
          expect(canonicalRequestHash(input)).toBe(sha256Hex(buildCanonicalRequest(input)));
        },
      ),
    );
  });

  it('hashes an SDK-shaped request as its canonical text', () => {
    const input = {
      method: 'POST',
      path: '/',
      params: [],
      headers: { host: 'iam.amazonaws.com', 'x-amz-date': '20150830T123600Z', 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' },
      signedHeaders: ['content-type', 'host', 'x-amz-date'],
      payloadHash: EMPTY_SHA256,
    };
    const text =
      'POST\n/\n\ncontent-type:application/x-www-form-urlencoded; charset=utf-8\nhost:iam.amazonaws.com\nx-amz-date:20150830T123600Z\n\n' +
      `content-type;host;x-amz-date\n${EMPTY_SHA256}`;
    expect(canonicalRequestHash(input)).toBe(sha256Hex(text));
  });
});
