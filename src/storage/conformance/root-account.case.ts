// Conformance cases for root's console contact and password reset tokens: the e-mail replaced
// in place, a token taken once, an expired token never returned, and tokens gone with a reset.
import { describe, expect, it } from 'vitest';
import { at, type Harness } from './harness.js';

export function rootAccountCases(h: Harness): void {
  describe('root account contact and resets', () => {
    it('keeps and replaces root e-mail', async () => {
      const account = await h.newAccount();
      expect(await h.store.read((tx) => tx.rootAccount.getEmail(account))).toBeUndefined();
      await h.store.write((tx) => tx.rootAccount.setEmail(account, 'first@example.com', at(1)));
      await h.store.write((tx) => tx.rootAccount.setEmail(account, 'second@example.com', at(2)));
      expect(await h.store.read((tx) => tx.rootAccount.getEmail(account))).toBe('second@example.com');
    });

    it('takes a reset token once, and never an expired one', async () => {
      const account = await h.newAccount();
      const reset = { tokenHash: `a${account}`, accountId: account, createDate: at(0), expiresAt: at(900) };
      await h.store.write(async (tx) => {
        await tx.rootAccount.insertReset(reset);
        await tx.rootAccount.insertReset({ ...reset, tokenHash: `b${account}` });
        await tx.rootAccount.insertReset({ ...reset, tokenHash: `c${account}` });
      });
      expect(await h.store.write((tx) => tx.rootAccount.takeReset(`a${account}`, at(10)))).toStrictEqual(reset);
      expect(await h.store.write((tx) => tx.rootAccount.takeReset(`a${account}`, at(11)))).toBeUndefined();
      expect(await h.store.write((tx) => tx.rootAccount.takeReset(`b${account}`, at(900)))).toBeUndefined();
      expect(await h.store.write((tx) => tx.rootAccount.deleteResets(account))).toBe(1);
      expect(await h.store.write((tx) => tx.rootAccount.takeReset(`c${account}`, at(12)))).toBeUndefined();
    });

    it('knows when the newest outstanding token was made', async () => {
      const account = await h.newAccount();
      expect(await h.store.read((tx) => tx.rootAccount.latestResetDate(account))).toBeUndefined();
      await h.store.write(async (tx) => {
        await tx.rootAccount.insertReset({ tokenHash: `d${account}`, accountId: account, createDate: at(5), expiresAt: at(905) });
        await tx.rootAccount.insertReset({ tokenHash: `e${account}`, accountId: account, createDate: at(7), expiresAt: at(907) });
      });
      expect(await h.store.read((tx) => tx.rootAccount.latestResetDate(account))).toStrictEqual(at(7));
      await h.store.write((tx) => tx.rootAccount.deleteResets(account));
      expect(await h.store.read((tx) => tx.rootAccount.latestResetDate(account))).toBeUndefined();
    });
  });
}
