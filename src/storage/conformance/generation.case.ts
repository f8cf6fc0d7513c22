// Conformance cases for Store.claimOnce (one-time values across nodes), and for Store.generation, which the server's caches key on: it moves after
// every committed write, here and, by the time syncGeneration resolves, in another store on
// the same database, and stays put for rolled-back writes and bookkeeping; and for recordUsage, the usage buffer's
// one-transaction flush.
import { describe, expect, it } from 'vitest';
import type { ServiceAccessEvent } from '../../domain/access-advisor.js';
import type { Store } from '../ports.js';
import { at, makeAccessKey, makeRole, makeUser, type Harness } from './harness.js';

export function generationCases(h: Harness): void {
  describe('change generation', () => {
    it('moves after a committed write, not after a rolled-back one or bookkeeping', async () => {
      const account = await h.newAccount();
      const before = h.store.generation();
      expect(h.store.generation()).toBe(before);
      await expect(
        h.store.write(async (tx) => {
          await tx.users.insert(makeUser(account, 'rolled-back'));
          throw new Error('abort');
        }),
      ).rejects.toThrow('abort');
      expect(h.store.generation()).toBe(before);
      await h.store.write((tx) => tx.users.insert(makeUser(account, 'kept')));
      const afterWrite = h.store.generation();
      expect(afterWrite).toBeGreaterThan(before);
      await h.store.recordRoleUse(account, 'AROANOBODYNOBODYNOBO', { date: at(1), region: 'us-east-1' });
      await h.store.recordUsage({ accessKeys: [], roles: [{ accountId: account, roleId: 'AROANOBODYNOBODYNOBO', use: { date: at(2), region: 'x' } }], serviceAccess: [] });
      await h.store.read((tx) => tx.users.get(account, 'kept'));
      expect(h.store.generation()).toBe(afterWrite);
    });

    it("has moved for another store's committed write once syncGeneration resolves", async () => {
      const peer: Store = await h.openPeer();
      try {
        const account = await h.newAccount();
        const before = h.store.generation();
        await peer.write((tx) => tx.users.insert(makeUser(account, 'from-peer')));
        await h.store.syncGeneration();
        expect(h.store.generation()).toBeGreaterThan(before);
        // And the write is what a read after the move sees.
        expect((await h.store.read((tx) => tx.users.get(account, 'from-peer')))?.name).toBe('from-peer');
      } finally {
        await peer.close();
      }
    });
  });

  describe('claimOnce', () => {
    it('lets one of many concurrent claims from two stores win, and forgets a value after it expires', async () => {
      const peer: Store = await h.openPeer();
      const scope = `saml:${(await h.newAccount())}`;
      try {
        const claims = await Promise.all(
          Array.from({ length: 10 }, (_, i) => (i % 2 === 0 ? h.store : peer).claimOnce(scope, '_assertion', at(300), at(0))),
        );
        expect(claims.filter(Boolean)).toHaveLength(1);
      } finally {
        await peer.close();
      }
      // Other scopes and values are separate.
      expect(await h.store.claimOnce(`${scope}-other`, '_assertion', at(300), at(0))).toBe(true);
      expect(await h.store.claimOnce(scope, '_ASSERTION', at(300), at(0))).toBe(true);
      expect(await h.store.claimOnce(scope, '_assertion', at(300), at(299))).toBe(false);
      // Kept a while past its time (clock skew between nodes), then forgotten.
      expect(await h.store.claimOnce(scope, '_assertion', at(600), at(301))).toBe(false);
      expect(await h.store.claimOnce(scope, '_assertion', at(3000), at(300 + 15 * 60))).toBe(true);
    });
  });

  describe('recordUsage', () => {
    it('writes last-used times and access advisor rows in one call, ignoring unknown entities', async () => {
      const account = await h.newAccount();
      const key = makeAccessKey(account, 'owner');
      const worker = makeRole(account, 'Worker');
      await h.store.write(async (tx) => {
        await tx.users.insert(makeUser(account, 'owner'));
        await tx.accessKeys.insert(key);
        await tx.roles.insert(worker);
      });
      const principalArn = `arn:aws:iam::${account}:user/owner`;
      const event: ServiceAccessEvent = {
        accountId: account,
        principalArn,
        serviceNamespace: 'iam',
        actionName: 'GetUser',
        region: 'eu-west-1',
        date: at(7),
        authenticatedEntity: principalArn,
      };
      await h.store.recordUsage({
        accessKeys: [
          { accessKeyId: key.accessKeyId, use: { date: at(5), service: 'iam', region: 'eu-west-1' } },
          { accessKeyId: 'AKIAGHOSTGHOSTGHOST3', use: { date: at(5), service: 'iam', region: 'eu-west-1' } },
        ],
        roles: [{ accountId: account, roleId: worker.id, use: { date: at(6), region: 'eu-west-2' } }],
        serviceAccess: [event],
      });
      const { stored, role, access } = await h.store.read(async (tx) => ({
        stored: await tx.accessKeys.get(key.accessKeyId),
        role: await tx.roles.get(account, 'worker'),
        access: await tx.serviceAccess.lastAccessByAction(account, [principalArn], 'iam'),
      }));
      expect(stored?.lastUsed).toStrictEqual({ date: at(5), service: 'iam', region: 'eu-west-1' });
      expect(role?.lastUsed).toStrictEqual({ date: at(6), region: 'eu-west-2' });
      expect(access.map((a) => [a.actionName, a.lastAccessed])).toStrictEqual([['GetUser', at(7)]]);
    });
  });
}
