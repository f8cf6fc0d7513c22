import { describe, expect, it } from 'vitest';
import { EXPLANATION_TTL_MS, ExplanationCache } from './explanation-cache.js';
import type { DenialExplanation } from './explanation.js';

const explanation = (requestId: string): DenialExplanation => ({
  requestId,
  principal: 'arn:aws:iam::111122223333:user/a',
  action: 'iam:CreateUser',
  resource: '*',
  decision: 'ImplicitDeny',
  deniedBy: 'identity',
  summary: 'no',
  policyTypesEvaluated: [],
  matchedDenyStatements: [],
  statements: [],
  missingContextKeys: [],
});

const t0 = new Date('2026-12-07T00:00:00Z');
const later = (ms: number): Date => new Date(t0.getTime() + ms);

describe('the explanations kept per session', () => {
  it('gives an explanation back to its own session only, for 15 minutes', () => {
    const cache = new ExplanationCache();
    cache.put('s1', explanation('r1'), t0);
    expect(cache.get('s1', 'r1', later(1000))?.requestId).toBe('r1');
    expect(cache.get('s2', 'r1', later(1000))).toBeUndefined();
    expect(cache.get('s1', 'r1', later(EXPLANATION_TTL_MS))).toBeUndefined();
  });

  it('stays within its bound, dropping the oldest, and prunes expired entries', () => {
    const cache = new ExplanationCache(3);
    for (let i = 0; i < 5; i += 1) cache.put('s', explanation(`r${i}`), later(i));
    expect(cache.size).toBe(3);
    expect(cache.get('s', 'r0', later(10))).toBeUndefined();
    expect(cache.get('s', 'r4', later(10))?.requestId).toBe('r4');
    cache.put('s', explanation('fresh'), later(EXPLANATION_TTL_MS + 10));
    expect(cache.size).toBe(1);
  });
});
