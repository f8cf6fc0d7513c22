// Conformance cases for the console's kept explanations: read back whole, only in their own
// account, never once expired, a second put of one id ignored, expired rows gone at the next
// put, and an account's oldest dropped beyond the bound.
import { describe, expect, it } from 'vitest';
import type { KeptExplanation } from '../console-explanation-repositories.js';
import { at, type Harness } from './harness.js';

const kept = (accountId: string, requestId: string, createdAt: number, ttlSeconds = 900): KeptExplanation => ({
  requestId,
  accountId,
  principalArn: `arn:aws:iam::${accountId}:user/alice`,
  encodedMessage: `sealed-${requestId}`,
  createDate: at(createdAt),
  expiresAt: at(createdAt + ttlSeconds),
});

export function consoleExplanationCases(h: Harness): void {
  describe('console explanations', () => {
    it('reads an explanation back only in its account and until it expires', async () => {
      const account = await h.newAccount();
      const other = await h.newAccount();
      const first = kept(account, `r1-${account}`, 0);
      await h.store.write((tx) => tx.consoleExplanations.put(first, { now: at(0), maxPerAccount: 10 }));
      // A second put of the same request id keeps the first.
      await h.store.write((tx) => tx.consoleExplanations.put({ ...first, principalArn: 'arn:aws:iam::000000000000:user/x' }, { now: at(1), maxPerAccount: 10 }));
      expect(await h.store.read((tx) => tx.consoleExplanations.get(account, first.requestId, at(10)))).toStrictEqual(first);
      expect(await h.store.read((tx) => tx.consoleExplanations.get(other, first.requestId, at(10)))).toBeUndefined();
      expect(await h.store.read((tx) => tx.consoleExplanations.get(account, first.requestId, at(900)))).toBeUndefined();
      expect(await h.store.read((tx) => tx.consoleExplanations.get(account, 'no-such-request', at(10)))).toBeUndefined();
    });

    it('drops expired rows at the next put and keeps an account to its bound', async () => {
      const account = await h.newAccount();
      const busy = await h.newAccount();
      const old = kept(account, `old-${account}`, 2000, 60);
      await h.store.write((tx) => tx.consoleExplanations.put(old, { now: at(2000), maxPerAccount: 10 }));
      await h.store.write(async (tx) => {
        for (let i = 0; i < 5; i += 1) await tx.consoleExplanations.put(kept(busy, `b${i}-${busy}`, 2100 + i), { now: at(2100 + i), maxPerAccount: 3 });
      });
      // The expired row went with the first put after its expiry, not only from reads.
      const left = await h.store.read(async (tx) => tx.consoleExplanations.get(account, old.requestId, at(2000)));
      expect(left).toBeUndefined();
      const busyLeft = await h.store.read(async (tx) =>
        Promise.all([0, 1, 2, 3, 4].map(async (i) => (await tx.consoleExplanations.get(busy, `b${i}-${busy}`, at(2200))) !== undefined)),
      );
      expect(busyLeft).toEqual([false, false, true, true, true]);
      expect(await h.store.write((tx) => tx.consoleExplanations.deleteExpired(at(1_000_000)))).toBeGreaterThanOrEqual(3);
    });
  });
}
