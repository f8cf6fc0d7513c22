// Conformance cases for group membership: add/remove, listing both ways, counting, and the
// foreign keys that keep members from dangling.
import { describe, expect, it } from 'vitest';
import { ConstraintViolationError } from '../errors.js';
import { collectPages, makeGroup, makeUser, type Harness } from './harness.js';

export function groupMemberCases(h: Harness): void {
  describe('group members', () => {
    it('adds and removes users, reporting whether anything changed', async () => {
      const account = await h.newAccount();
      await h.store.write(async (tx) => {
        await tx.groups.insert(makeGroup(account, 'Admins'));
        await tx.users.insert(makeUser(account, 'alice'));
      });
      await h.store.write(async (tx) => {
        expect(await tx.groups.members.addUser(account, 'admins', 'ALICE')).toBe(true);
        expect(await tx.groups.members.addUser(account, 'Admins', 'alice')).toBe(false);
        expect(await tx.groups.members.addUser(account, 'nogroup', 'alice')).toBe(false);
        expect(await tx.groups.members.addUser(account, 'Admins', 'nobody')).toBe(false);
      });
      expect(await h.store.read((tx) => tx.groups.members.countGroupsForUser(account, 'alice'))).toBe(1);
      expect(await h.store.write((tx) => tx.groups.members.removeUser(account, 'ADMINS', 'alice'))).toBe(true);
      expect(await h.store.write((tx) => tx.groups.members.removeUser(account, 'Admins', 'alice'))).toBe(false);
      expect(await h.store.read((tx) => tx.groups.members.countGroupsForUser(account, 'alice'))).toBe(0);
    });

    it('lists a group\'s users and a user\'s groups by name, with pagination', async () => {
      const account = await h.newAccount();
      const users = ['carol', 'Alice', 'bob', 'dave', 'Eve'];
      const groups = ['ops', 'Dev', 'admins'];
      await h.store.write(async (tx) => {
        for (const u of users) await tx.users.insert(makeUser(account, u));
        for (const g of groups) await tx.groups.insert(makeGroup(account, g));
        for (const u of users) await tx.groups.members.addUser(account, 'dev', u);
        for (const g of groups) await tx.groups.members.addUser(account, g, 'bob');
        await tx.users.insert(makeUser(account, 'outsider'));
      });
      const members = await collectPages((after) =>
        h.store.read((tx) => tx.groups.members.listUsers(account, 'DEV', { limit: 2, ...(after ? { after } : {}) })),
      );
      expect(members.items.map((u) => u.name)).toEqual(['Alice', 'bob', 'carol', 'dave', 'Eve']);
      expect(members.pages).toBe(3);
      const bobs = await h.store.read((tx) => tx.groups.members.listGroupsForUser(account, 'Bob', { limit: 10 }));
      expect(bobs.items.map((g) => g.name)).toEqual(['admins', 'Dev', 'ops']);
      expect(bobs.items[0]).toStrictEqual(await h.store.read((tx) => tx.groups.get(account, 'admins')));
      const bobPage = await h.store.read((tx) => tx.groups.members.listGroupsForUser(account, 'bob', { limit: 2 }));
      expect(bobPage.items).toHaveLength(2);
      expect(bobPage.nextAfter).toBeDefined();
      expect(await h.store.read((tx) => tx.groups.members.countGroupsForUser(account, 'bob'))).toBe(3);
      const none = await h.store.read((tx) => tx.groups.members.listGroupsForUser(account, 'outsider', { limit: 10 }));
      expect(none).toStrictEqual({ items: [] });
    });

    it('keeps memberships across renames of the user and the group', async () => {
      const account = await h.newAccount();
      const user = makeUser(account, 'old-user');
      const group = makeGroup(account, 'old-group');
      await h.store.write(async (tx) => {
        await tx.users.insert(user);
        await tx.groups.insert(group);
        await tx.groups.members.addUser(account, 'old-group', 'old-user');
        await tx.users.update({ ...user, name: 'new-user' });
        await tx.groups.update({ ...group, name: 'new-group' });
      });
      const page = await h.store.read((tx) => tx.groups.members.listUsers(account, 'new-group', { limit: 10 }));
      expect(page.items.map((u) => u.name)).toEqual(['new-user']);
    });

    it('refuses to delete a group or user that still has members, changing nothing', async () => {
      const account = await h.newAccount();
      await h.store.write(async (tx) => {
        await tx.groups.insert(makeGroup(account, 'team'));
        await tx.users.insert(makeUser(account, 'member'));
        await tx.groups.members.addUser(account, 'team', 'member');
      });
      await expect(h.store.write((tx) => tx.groups.delete(account, 'team'))).rejects.toBeInstanceOf(
        ConstraintViolationError,
      );
      await expect(h.store.write((tx) => tx.users.delete(account, 'member'))).rejects.toMatchObject({
        constraint: 'foreign-key',
      });
      expect(await h.store.read((tx) => tx.groups.members.countGroupsForUser(account, 'member'))).toBe(1);
      await h.store.write(async (tx) => {
        await tx.groups.members.removeUser(account, 'team', 'member');
        expect(await tx.groups.delete(account, 'team')).toBe(true);
        expect(await tx.users.delete(account, 'member')).toBe(true);
      });
    });
  });
}
