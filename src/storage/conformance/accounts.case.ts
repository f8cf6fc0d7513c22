// Conformance cases for accounts and account aliases.
import { describe, expect, it } from 'vitest';
import type { Account } from '../../domain/entities.js';
import { newAccountId } from '../../domain/ids.js';
import { EntityAlreadyExistsError } from '../errors.js';
import { collectPages, T0, type Harness } from './harness.js';

const POLICY = {
  minimumPasswordLength: 14,
  requireSymbols: true,
  requireNumbers: false,
  requireUppercaseCharacters: true,
  requireLowercaseCharacters: false,
  allowUsersToChangePassword: true,
  maxPasswordAge: 90,
  passwordReusePrevention: 5,
  hardExpiry: false,
};

export function accountCases(h: Harness): void {
  describe('account repository', () => {
    it('round-trips an account with a password policy and settings', async () => {
      const account: Account = {
        id: newAccountId(),
        createdAt: T0,
        passwordPolicy: POLICY,
        settings: { globalEndpointTokenVersion: 'v2Token' },
      };
      await h.store.write((tx) => tx.accounts.insert(account));
      expect(await h.store.read((tx) => tx.accounts.get(account.id))).toStrictEqual(account);
    });

    it('leaves out an absent password policy and answers unknown ids with undefined', async () => {
      const id = await h.newAccount();
      expect(await h.store.read((tx) => tx.accounts.get(id))).toStrictEqual({ id, createdAt: T0, settings: {} });
      expect(await h.store.read((tx) => tx.accounts.get('000000000000'))).toBeUndefined();
    });

    it('rejects a duplicate account id', async () => {
      const id = await h.newAccount();
      const again = h.store.write((tx) => tx.accounts.insert({ id, createdAt: T0, settings: {} }));
      await expect(again).rejects.toMatchObject({ name: 'EntityAlreadyExistsError', entity: 'account', key: id });
    });

    it('updates and removes the password policy', async () => {
      const id = await h.newAccount();
      await h.store.write((tx) => tx.accounts.update({ id, createdAt: T0, passwordPolicy: POLICY, settings: {} }));
      expect((await h.store.read((tx) => tx.accounts.get(id)))?.passwordPolicy).toStrictEqual(POLICY);
      await h.store.write((tx) => tx.accounts.update({ id, createdAt: T0, settings: {} }));
      expect((await h.store.read((tx) => tx.accounts.get(id)))?.passwordPolicy).toBeUndefined();
      const ghost = await h.store.write((tx) => tx.accounts.update({ id: '000000000001', createdAt: T0, settings: {} }));
      expect(ghost).toBe(false);
    });

    it('lists all accounts by id across pages', async () => {
      const mine = [await h.newAccount(), await h.newAccount(), await h.newAccount()];
      const { items } = await collectPages((after) =>
        h.store.read((tx) => tx.accounts.list({ limit: 2, ...(after ? { after } : {}) })),
        10_000,
      );
      const ids = items.map((a) => a.id);
      expect(ids).toEqual([...ids].sort());
      expect(new Set(ids).size).toBe(ids.length);
      for (const id of mine) expect(ids).toContain(id);
    });
  });

  describe('alias repository', () => {
    it('adds, lists, finds and deletes an alias', async () => {
      const id = await h.newAccount();
      const alias = `corp-${id}`;
      await h.store.write((tx) => tx.aliases.insert(id, alias));
      await h.store.read(async (tx) => {
        expect(await tx.aliases.list(id)).toEqual([alias]);
        expect(await tx.aliases.findAccount(alias)).toBe(id);
      });
      expect(await h.store.write((tx) => tx.aliases.delete(id, alias))).toBe(true);
      expect(await h.store.write((tx) => tx.aliases.delete(id, alias))).toBe(false);
      expect(await h.store.read((tx) => tx.aliases.findAccount(alias))).toBeUndefined();
      expect(await h.store.read((tx) => tx.aliases.list(id))).toEqual([]);
    });

    it('keeps aliases unique across accounts', async () => {
      const a = await h.newAccount();
      const b = await h.newAccount();
      const alias = `shared-${a}`;
      await h.store.write((tx) => tx.aliases.insert(a, alias));
      const clash = h.store.write((tx) => tx.aliases.insert(b, alias));
      await expect(clash).rejects.toBeInstanceOf(EntityAlreadyExistsError);
      await expect(clash).rejects.toMatchObject({ entity: 'account-alias', key: alias });
      // Another account cannot delete it either.
      expect(await h.store.write((tx) => tx.aliases.delete(b, alias))).toBe(false);
    });
  });
}
