// Conformance cases for access keys of users and of the account root.
import { describe, expect, it } from 'vitest';
import { ConstraintViolationError, EntityAlreadyExistsError } from '../errors.js';
import { at, makeAccessKey, makeUser, type Harness } from './harness.js';

export function accessKeyCases(h: Harness): void {
  describe('access keys', () => {
    it('round-trips every field, including last use', async () => {
      const account = await h.newAccount();
      await h.store.write((tx) => tx.users.insert(makeUser(account, 'Alice')));
      const key = makeAccessKey(account, 'Alice', {
        status: 'Inactive',
        createDate: at(3),
        lastUsed: { date: at(4), service: 'iam', region: 'us-east-1' },
      });
      await h.store.write((tx) => tx.accessKeys.insert(key));
      expect(await h.store.read((tx) => tx.accessKeys.get(key.accessKeyId))).toStrictEqual(key);
      expect(await h.store.read((tx) => tx.accessKeys.get('AKIAGHOSTGHOSTGHOST2'))).toBeUndefined();
    });

    it('keeps root keys (no user) apart from user keys', async () => {
      const account = await h.newAccount();
      await h.store.write((tx) => tx.users.insert(makeUser(account, 'bob')));
      const root = makeAccessKey(account, null);
      const bobs = [makeAccessKey(account, 'bob', { createDate: at(2) }), makeAccessKey(account, 'bob', { createDate: at(1) })];
      await h.store.write(async (tx) => {
        for (const k of [root, ...bobs]) await tx.accessKeys.insert(k);
      });
      await h.store.read(async (tx) => {
        expect(await tx.accessKeys.listForUser(account, null)).toStrictEqual([root]);
        expect(await tx.accessKeys.countForUser(account, null)).toBe(1);
        expect(await tx.accessKeys.listForUser(account, 'BOB')).toStrictEqual([bobs[1], bobs[0]]);
        expect(await tx.accessKeys.countForUser(account, 'bob')).toBe(2);
        expect(await tx.accessKeys.listForUser(account, 'nobody')).toEqual([]);
      });
    });

    it('rejects a duplicate key id and a key for an unknown user', async () => {
      const account = await h.newAccount();
      const key = makeAccessKey(account, null);
      await h.store.write((tx) => tx.accessKeys.insert(key));
      const dup = h.store.write((tx) => tx.accessKeys.insert({ ...key, secretCiphertext: 'other' }));
      await expect(dup).rejects.toBeInstanceOf(EntityAlreadyExistsError);
      await expect(dup).rejects.toMatchObject({ entity: 'access-key', key: key.accessKeyId });
      const orphan = h.store.write((tx) => tx.accessKeys.insert(makeAccessKey(account, 'ghost')));
      await expect(orphan).rejects.toBeInstanceOf(ConstraintViolationError);
    });

    it('updates status, records use in and outside transactions, and deletes', async () => {
      const account = await h.newAccount();
      const key = makeAccessKey(account, null);
      await h.store.write((tx) => tx.accessKeys.insert(key));
      await h.store.write(async (tx) => {
        expect(await tx.accessKeys.updateStatus(key.accessKeyId, 'Inactive')).toBe(true);
        expect(await tx.accessKeys.recordLastUsed(key.accessKeyId, { date: at(7), service: 'sts', region: 'eu-central-1' })).toBe(true);
      });
      let stored = await h.store.read((tx) => tx.accessKeys.get(key.accessKeyId));
      expect([stored?.status, stored?.lastUsed]).toStrictEqual(['Inactive', { date: at(7), service: 'sts', region: 'eu-central-1' }]);
      await h.store.recordAccessKeyUse(key.accessKeyId, { date: at(8), service: 'iam', region: 'us-east-1' });
      stored = await h.store.read((tx) => tx.accessKeys.get(key.accessKeyId));
      expect(stored?.lastUsed).toStrictEqual({ date: at(8), service: 'iam', region: 'us-east-1' });
      await h.store.recordAccessKeyUse('AKIAGHOSTGHOSTGHOST2', { date: at(8), service: 'iam', region: 'us-east-1' });
      await h.store.write(async (tx) => {
        expect(await tx.accessKeys.delete(key.accessKeyId)).toBe(true);
        expect(await tx.accessKeys.delete(key.accessKeyId)).toBe(false);
        expect(await tx.accessKeys.updateStatus(key.accessKeyId, 'Active')).toBe(false);
      });
    });

    it('follows a user rename and blocks deleting a user that has keys', async () => {
      const account = await h.newAccount();
      const user = makeUser(account, 'old');
      const key = makeAccessKey(account, 'old');
      await h.store.write(async (tx) => {
        await tx.users.insert(user);
        await tx.accessKeys.insert(key);
        await tx.users.update({ ...user, name: 'new' });
      });
      expect((await h.store.read((tx) => tx.accessKeys.get(key.accessKeyId)))?.userName).toBe('new');
      await expect(h.store.write((tx) => tx.users.delete(account, 'new'))).rejects.toBeInstanceOf(ConstraintViolationError);
    });
  });
}
