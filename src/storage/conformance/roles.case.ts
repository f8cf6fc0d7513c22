// Conformance cases specific to roles: exact trust policy text and the last-used record,
// written both inside a transaction and through the cheap Store.recordRoleUse.
import { describe, expect, it } from 'vitest';
import { at, makeRole, TRICKY_DOCUMENT, type Harness } from './harness.js';

export function roleCases(h: Harness): void {
  describe('roles', () => {
    it('keeps the trust policy byte for byte', async () => {
      const account = await h.newAccount();
      await h.store.write((tx) => tx.roles.insert(makeRole(account, 'trusting', { assumeRolePolicyDocument: TRICKY_DOCUMENT })));
      const role = await h.store.read((tx) => tx.roles.get(account, 'trusting'));
      expect(role?.assumeRolePolicyDocument).toBe(TRICKY_DOCUMENT);
    });

    it('records last use inside a transaction and through the store', async () => {
      const account = await h.newAccount();
      const worker = makeRole(account, 'worker');
      await h.store.write((tx) => tx.roles.insert(worker));
      expect(await h.store.write((tx) => tx.roles.recordLastUsed(account, 'WORKER', { date: at(10), region: 'eu-west-1' }))).toBe(true);
      expect((await h.store.read((tx) => tx.roles.get(account, 'worker')))?.lastUsed).toStrictEqual({
        date: at(10),
        region: 'eu-west-1',
      });
      await h.store.recordRoleUse(account, worker.id, { date: at(20), region: 'us-east-2' });
      expect((await h.store.read((tx) => tx.roles.get(account, 'worker')))?.lastUsed).toStrictEqual({
        date: at(20),
        region: 'us-east-2',
      });
      // Unknown roles are ignored, not errors.
      await h.store.recordRoleUse(account, 'AROAGHOSTGHOSTGHOST1', { date: at(30), region: 'us-east-1' });
      // By id: a role recreated under the same name is another role, and keeps no earlier use.
      await h.store.write(async (tx) => {
        await tx.roles.delete(account, 'worker');
        await tx.roles.insert(makeRole(account, 'worker'));
      });
      await h.store.recordRoleUse(account, worker.id, { date: at(40), region: 'us-east-1' });
      expect((await h.store.read((tx) => tx.roles.get(account, 'worker')))?.lastUsed).toBeUndefined();
      expect(await h.store.write((tx) => tx.roles.recordLastUsed(account, 'ghost', { date: at(30), region: 'x' }))).toBe(false);
    });
  });
}
