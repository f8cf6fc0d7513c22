// Conformance cases for the roles inside instance profiles.
import { describe, expect, it } from 'vitest';
import { ConstraintViolationError } from '../errors.js';
import { makeInstanceProfile, makeRole, type Harness } from './harness.js';

export function instanceProfileRoleCases(h: Harness): void {
  describe('instance profile roles', () => {
    it('adds a role, shows it in get and list, and removes it', async () => {
      const account = await h.newAccount();
      await h.store.write(async (tx) => {
        await tx.roles.insert(makeRole(account, 'WebRole'));
        await tx.instanceProfiles.insert(makeInstanceProfile(account, 'web'));
        await tx.instanceProfiles.insert(makeInstanceProfile(account, 'empty'));
        expect(await tx.instanceProfiles.roles.add(account, 'WEB', 'webrole')).toBe(true);
        expect(await tx.instanceProfiles.roles.add(account, 'web', 'WebRole')).toBe(false);
        expect(await tx.instanceProfiles.roles.add(account, 'web', 'ghost')).toBe(false);
      });
      await h.store.read(async (tx) => {
        expect((await tx.instanceProfiles.get(account, 'web'))?.roleNames).toEqual(['WebRole']);
        const listed = await tx.instanceProfiles.list({ accountId: account, limit: 10 });
        expect(listed.items.map((p) => [p.name, p.roleNames])).toEqual([
          ['empty', []],
          ['web', ['WebRole']],
        ]);
      });
      expect(await h.store.write((tx) => tx.instanceProfiles.roles.remove(account, 'web', 'WEBROLE'))).toBe(true);
      expect(await h.store.write((tx) => tx.instanceProfiles.roles.remove(account, 'web', 'WebRole'))).toBe(false);
      expect((await h.store.read((tx) => tx.instanceProfiles.get(account, 'web')))?.roleNames).toEqual([]);
    });

    it('lists the profiles holding a role, with pagination', async () => {
      const account = await h.newAccount();
      await h.store.write(async (tx) => {
        await tx.roles.insert(makeRole(account, 'shared'));
        await tx.roles.insert(makeRole(account, 'other'));
        for (const name of ['c', 'A', 'b']) {
          await tx.instanceProfiles.insert(makeInstanceProfile(account, name));
          await tx.instanceProfiles.roles.add(account, name, 'shared');
        }
        await tx.instanceProfiles.insert(makeInstanceProfile(account, 'aa'));
        await tx.instanceProfiles.roles.add(account, 'aa', 'other');
      });
      const first = await h.store.read((tx) => tx.instanceProfiles.roles.listProfilesForRole(account, 'SHARED', { limit: 2 }));
      expect(first.items.map((p) => p.name)).toEqual(['A', 'b']);
      expect(first.items.every((p) => p.roleNames.length === 1 && p.roleNames[0] === 'shared')).toBe(true);
      expect(first.nextAfter).toBeDefined();
      const rest = await h.store.read((tx) =>
        tx.instanceProfiles.roles.listProfilesForRole(account, 'shared', { limit: 2, after: first.nextAfter ?? '' }),
      );
      expect(rest.items.map((p) => p.name)).toEqual(['c']);
      expect(rest.nextAfter).toBeUndefined();
    });

    it('refuses to delete a role or profile while the role is in the profile', async () => {
      const account = await h.newAccount();
      await h.store.write(async (tx) => {
        await tx.roles.insert(makeRole(account, 'r'));
        await tx.instanceProfiles.insert(makeInstanceProfile(account, 'p'));
        await tx.instanceProfiles.roles.add(account, 'p', 'r');
      });
      await expect(h.store.write((tx) => tx.roles.delete(account, 'r'))).rejects.toBeInstanceOf(ConstraintViolationError);
      await expect(h.store.write((tx) => tx.instanceProfiles.delete(account, 'p'))).rejects.toBeInstanceOf(
        ConstraintViolationError,
      );
      expect((await h.store.read((tx) => tx.instanceProfiles.get(account, 'p')))?.roleNames).toEqual(['r']);
    });
  });
}
