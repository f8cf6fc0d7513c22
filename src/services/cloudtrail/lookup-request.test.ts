// LookupEvents' input checks and the store query they produce.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { JsonServiceError } from '../../protocol/json/json-error.js';
import type { WireObject } from '../../protocol/wire-value.js';
import { planLookup } from './lookup-request.js';
import { sealNextToken } from './next-token.js';

const now = new Date('2026-01-31T12:00:00Z');
const tokenKey = Buffer.alloc(32, 7);
const plan = (input: WireObject, accountId = '111122223333') => planLookup(input, { accountId, now, tokenKey });
const codeOf = (input: WireObject): string => {
  try {
    plan(input);
    return 'ok';
  } catch (error) {
    return error instanceof JsonServiceError ? error.code : 'other';
  }
};

describe('planLookup', () => {
  it('defaults to the last 90 days, 50 results, the caller account and no attribute', () => {
    const p = plan({});
    expect(p.pageSize).toBe(50);
    expect(p.lookup).toEqual({ accountId: '111122223333', start: new Date(now.getTime() - 90 * 86_400_000), end: now, limit: 51 });
  });

  it('refuses what CloudTrail refuses, with its codes', () => {
    expect(codeOf({ LookupAttributes: [{ AttributeKey: 'EventName', AttributeValue: 'a' }, { AttributeKey: 'EventName', AttributeValue: 'b' }] })).toBe('InvalidLookupAttributesException');
    expect(codeOf({ LookupAttributes: [{ AttributeKey: 'Nope', AttributeValue: 'a' }] })).toBe('InvalidLookupAttributesException');
    expect(codeOf({ LookupAttributes: [{ AttributeKey: 'EventName' }] })).toBe('InvalidLookupAttributesException');
    expect(codeOf({ StartTime: new Date(2), EndTime: new Date(1) })).toBe('InvalidTimeRangeException');
    expect(codeOf({ MaxResults: 51 })).toBe('InvalidMaxResultsException');
    expect(codeOf({ NextToken: 'abc' })).toBe('InvalidNextTokenException');
    expect(codeOf({ EventCategory: 'data' })).toBe('InvalidEventCategoryException');
    expect(codeOf({ LookupAttributes: [] })).toBe('ok');
  });

  it('accepts a token only for the query and account it was made for', () => {
    const input = { LookupAttributes: [{ AttributeKey: 'Username', AttributeValue: 'alice' }], MaxResults: 5 };
    const token = sealNextToken(tokenKey, { time: 1000, eventId: 'e1' }, plan(input).fingerprint);
    expect(plan({ ...input, NextToken: token }).lookup.after).toEqual({ time: new Date(1000), eventId: 'e1' });
    expect(codeOf({ ...input, MaxResults: 6, NextToken: token })).toBe('InvalidNextTokenException');
    expect(() => plan({ ...input, NextToken: token }, '444455556666')).toThrow(JsonServiceError);
  });

  it('accepts exactly MaxResults 1..50 and asks the store for one more', () => {
    fc.assert(
      fc.property(fc.integer({ min: -100, max: 200 }), (max) => {
        const code = codeOf({ MaxResults: max });
        if (max >= 1 && max <= 50) {
          expect(code).toBe('ok');
          expect(plan({ MaxResults: max }).lookup.limit).toBe(max + 1);
        } else expect(code).toBe('InvalidMaxResultsException');
      }),
    );
  });

  it('accepts a time range exactly when start is not after end', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2e12 }), fc.integer({ min: 0, max: 2e12 }), (a, b) => {
        const code = codeOf({ StartTime: new Date(a), EndTime: new Date(b) });
        expect(code).toBe(a <= b ? 'ok' : 'InvalidTimeRangeException');
      }),
    );
  });

  it('never accepts a token it did not seal', () => {
    fc.assert(
      fc.property(fc.string(), (token) => {
        expect(codeOf({ NextToken: token })).toBe('InvalidNextTokenException');
      }),
    );
  });
});
