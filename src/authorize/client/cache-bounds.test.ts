import { describe, expect, it } from 'vitest';
import type { DecisionAnswer } from '../authorize-request.js';
import { cacheUntil, signatureValidUntil } from './cache-bounds.js';

const SIGNED = Date.parse('2026-01-02T03:04:05Z');
const base = { method: 'GET', path: '/notes/alice/n1', sourceIp: '198.51.100.7', secure: true, headers: {} };
const caller = { account: '111122223333', arn: 'arn:aws:iam::111122223333:user/alice', principalId: 'AIDAEXAMPLE', type: 'User', accessKeyId: 'AKIAEXAMPLE', tags: [], mfa: { present: false } };
const allowed = (expiration?: string): DecisionAnswer => ({
  generation: 3,
  authenticated: true,
  caller: { ...caller, ...(expiration !== undefined && { expiration }) },
  decisions: [],
});

describe('signatureValidUntil', () => {
  it('is 15 minutes after X-Amz-Date for a header-signed request', () => {
    expect(signatureValidUntil(base, { 'x-amz-date': ['20260102T030405Z'] })).toBe(SIGNED + 15 * 60_000);
  });

  it('is X-Amz-Date + X-Amz-Expires for a presigned URL', () => {
    const query = 'X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Date=20260102T030405Z&X-Amz-Expires=60&X-Amz-Signature=abc';
    expect(signatureValidUntil({ ...base, query }, {})).toBe(SIGNED + 60_000);
  });

  it('is unknown (no caching) without a readable signing time', () => {
    expect(signatureValidUntil(base, {})).toBeUndefined();
    expect(signatureValidUntil(base, { 'x-amz-date': ['yesterday'] })).toBeUndefined();
    expect(signatureValidUntil({ ...base, query: 'X-Amz-Date=20260102T030405Z&X-Amz-Expires=soon' }, {})).toBeUndefined();
  });
});

describe('cacheUntil', () => {
  it('keeps an answer for the TTL at most', () => {
    expect(cacheUntil(allowed(), SIGNED + 900_000, SIGNED, 2000)).toBe(SIGNED + 2000);
  });

  it('never past the moment Keyward would refuse the same signed request', () => {
    expect(cacheUntil(allowed(), SIGNED + 500, SIGNED, 2000)).toBe(SIGNED + 500);
    expect(cacheUntil(allowed(), SIGNED - 1, SIGNED, 2000)).toBeUndefined();
    expect(cacheUntil(allowed(), undefined, SIGNED, 2000)).toBeUndefined();
  });

  it("never past the session's expiry", () => {
    expect(cacheUntil(allowed(new Date(SIGNED + 700).toISOString()), SIGNED + 900_000, SIGNED, 2000)).toBe(SIGNED + 700);
    expect(cacheUntil(allowed(new Date(SIGNED).toISOString()), SIGNED + 900_000, SIGNED, 2000)).toBeUndefined();
  });
});
