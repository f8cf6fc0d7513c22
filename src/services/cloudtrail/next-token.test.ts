// LookupEvents' NextToken: sealed, and bound to its query and key.

import { describe, expect, it } from 'vitest';
import { openNextToken, queryFingerprint, sealNextToken } from './next-token.js';

describe('NextToken', () => {
  const key = Buffer.alloc(32, 1);
  const print = queryFingerprint({ StartTime: 1, LookupAttributes: [{ AttributeKey: 'Username', AttributeValue: 'alice' }] });
  it('opens for the same query and key only', () => {
    const token = sealNextToken(key, { time: 1234, eventId: 'abc' }, print);
    expect(openNextToken(key, token, print)).toEqual({ time: 1234, eventId: 'abc' });
    expect(openNextToken(key, token, queryFingerprint({ StartTime: 2 }))).toBeUndefined();
    expect(openNextToken(Buffer.alloc(32, 2), token, print)).toBeUndefined();
    expect(openNextToken(key, `${token}x`, print)).toBeUndefined();
    expect(openNextToken(key, 'not-a-token', print)).toBeUndefined();
  });
  it('fingerprints queries independently of key order', () => {
    expect(queryFingerprint({ a: 1, b: 2 })).toBe(queryFingerprint({ b: 2, a: 1 }));
  });
});
