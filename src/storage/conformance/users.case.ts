// Conformance cases specific to users: password use recorded outside transactions.
import { describe, expect, it } from 'vitest';
import { at, makeUser, type Harness } from './harness.js';

export function userCases(h: Harness): void {
  describe('users', () => {
    it('records password use through the store, ignoring unknown users', async () => {
      const account = await h.newAccount();
      await h.store.write((tx) => tx.users.insert(makeUser(account, 'Signer')));
      await h.store.recordPasswordUse(account, 'signer', at(42));
      expect((await h.store.read((tx) => tx.users.get(account, 'Signer')))?.passwordLastUsed).toStrictEqual(at(42));
      await expect(h.store.recordPasswordUse(account, 'ghost', at(43))).resolves.toBeUndefined();
    });
  });
}
