// Conformance cases for console passwords (users' and the root user's) and password history.
import { describe, expect, it } from 'vitest';
import { ConstraintViolationError, EntityAlreadyExistsError } from '../errors.js';
import { makeLoginProfile } from './credential-builders.js';
import { at, makeUser, type Harness } from './harness.js';

export function loginProfileCases(h: Harness): void {
  describe('login profiles', () => {
    it('round-trips every field for a user and for the root user, kept apart', async () => {
      const account = await h.newAccount();
      await h.store.write((tx) => tx.users.insert(makeUser(account, 'Alice')));
      const alice = makeLoginProfile(account, 'Alice');
      const root = makeLoginProfile(account, null, { passwordResetRequired: false, failedAttempts: 0 });
      await h.store.write(async (tx) => {
        await tx.loginProfiles.insert(alice);
        await tx.loginProfiles.insert(root);
      });
      await h.store.read(async (tx) => {
        expect(await tx.loginProfiles.get(account, 'ALICE')).toStrictEqual(alice);
        expect(await tx.loginProfiles.get(account, null)).toStrictEqual(root);
      });
    });

    it('answers not-found with undefined and false, also across accounts', async () => {
      const account = await h.newAccount();
      const other = await h.newAccount();
      await h.store.write(async (tx) => {
        await tx.users.insert(makeUser(account, 'bob'));
        await tx.loginProfiles.insert(makeLoginProfile(account, 'bob'));
        await tx.loginProfiles.insert(makeLoginProfile(account, null));
      });
      await h.store.write(async (tx) => {
        expect(await tx.loginProfiles.get(other, 'bob')).toBeUndefined();
        expect(await tx.loginProfiles.get(other, null)).toBeUndefined();
        expect(await tx.loginProfiles.get(account, 'ghost')).toBeUndefined();
        expect(await tx.loginProfiles.update(makeLoginProfile(other, null))).toBe(false);
        expect(await tx.loginProfiles.update(makeLoginProfile(account, 'ghost'))).toBe(false);
        expect(await tx.loginProfiles.delete(other, null)).toBe(false);
      });
    });

    it('rejects a second profile, root included, and a profile for an unknown user', async () => {
      const account = await h.newAccount();
      await h.store.write(async (tx) => {
        await tx.users.insert(makeUser(account, 'carol'));
        await tx.loginProfiles.insert(makeLoginProfile(account, 'carol'));
        await tx.loginProfiles.insert(makeLoginProfile(account, null));
      });
      const dup = h.store.write((tx) => tx.loginProfiles.insert(makeLoginProfile(account, 'CAROL')));
      await expect(dup).rejects.toBeInstanceOf(EntityAlreadyExistsError);
      await expect(dup).rejects.toMatchObject({ entity: 'login-profile', key: 'CAROL' });
      const rootDup = h.store.write((tx) => tx.loginProfiles.insert(makeLoginProfile(account, null)));
      await expect(rootDup).rejects.toMatchObject({ name: 'EntityAlreadyExistsError', entity: 'login-profile' });
      const orphan = h.store.write((tx) => tx.loginProfiles.insert(makeLoginProfile(account, 'ghost')));
      await expect(orphan).rejects.toBeInstanceOf(ConstraintViolationError);
    });

    it('updates every field but the create date, clearing optional ones', async () => {
      const account = await h.newAccount();
      const profile = makeLoginProfile(account, null);
      await h.store.write((tx) => tx.loginProfiles.insert(profile));
      const { passwordLastUsed: _u, lockedUntil: _l, ...rest } = profile;
      const changed = { ...rest, passwordHash: 'new-hash', passwordResetRequired: false, passwordLastChanged: at(50), failedAttempts: 0 };
      expect(await h.store.write((tx) => tx.loginProfiles.update({ ...changed, createDate: at(77) }))).toBe(true);
      expect(await h.store.read((tx) => tx.loginProfiles.get(account, null))).toStrictEqual(changed);
    });

    it('follows a user rename, blocks deleting the user, and deletes', async () => {
      const account = await h.newAccount();
      const user = makeUser(account, 'old');
      await h.store.write(async (tx) => {
        await tx.users.insert(user);
        await tx.loginProfiles.insert(makeLoginProfile(account, 'old'));
        await tx.users.update({ ...user, name: 'new' });
      });
      expect((await h.store.read((tx) => tx.loginProfiles.get(account, 'new')))?.userName).toBe('new');
      await expect(h.store.write((tx) => tx.users.delete(account, 'new'))).rejects.toBeInstanceOf(ConstraintViolationError);
      await h.store.write(async (tx) => {
        expect(await tx.loginProfiles.delete(account, 'NEW')).toBe(true);
        expect(await tx.loginProfiles.delete(account, 'new')).toBe(false);
        expect(await tx.users.delete(account, 'new')).toBe(true);
      });
    });

    it('records password use for users (user and profile) and the root, ignoring the unknown', async () => {
      const account = await h.newAccount();
      await h.store.write(async (tx) => {
        await tx.users.insert(makeUser(account, 'dave'));
        await tx.loginProfiles.insert(makeLoginProfile(account, 'dave', { passwordLastUsed: at(1) }));
        await tx.loginProfiles.insert(makeLoginProfile(account, null, { passwordLastUsed: at(1) }));
      });
      await h.store.recordPasswordUse(account, 'DAVE', at(60));
      await h.store.recordPasswordUse(account, null, at(61));
      await h.store.recordPasswordUse(account, 'ghost', at(62));
      await h.store.read(async (tx) => {
        expect((await tx.users.get(account, 'dave'))?.passwordLastUsed).toStrictEqual(at(60));
        expect((await tx.loginProfiles.get(account, 'dave'))?.passwordLastUsed).toStrictEqual(at(60));
        expect((await tx.loginProfiles.get(account, null))?.passwordLastUsed).toStrictEqual(at(61));
      });
    });
  });

  describe('password history', () => {
    const entry = (n: number): { passwordHash: string; setDate: Date } => ({ passwordHash: `hash-${n}`, setDate: at(n) });

    it('keeps the newest entries per owner, newest first', async () => {
      const account = await h.newAccount();
      await h.store.write((tx) => tx.users.insert(makeUser(account, 'erin')));
      await h.store.write(async (tx) => {
        for (let n = 1; n <= 5; n += 1) expect(await tx.loginProfiles.history.add(account, 'erin', entry(n), 3)).toBe(true);
        await tx.loginProfiles.history.add(account, null, entry(100), 3);
      });
      await h.store.read(async (tx) => {
        expect(await tx.loginProfiles.history.list(account, 'ERIN', 24)).toStrictEqual([entry(5), entry(4), entry(3)]);
        expect(await tx.loginProfiles.history.list(account, 'erin', 2)).toStrictEqual([entry(5), entry(4)]);
        expect(await tx.loginProfiles.history.list(account, null, 24)).toStrictEqual([entry(100)]);
      });
      // A smaller `keep` trims what is already there.
      await h.store.write((tx) => tx.loginProfiles.history.add(account, 'erin', entry(6), 1));
      expect(await h.store.read((tx) => tx.loginProfiles.history.list(account, 'erin', 24))).toStrictEqual([entry(6)]);
    });

    it('refuses unknown users and bad sizes, clears, and goes with its user', async () => {
      const account = await h.newAccount();
      await h.store.write((tx) => tx.users.insert(makeUser(account, 'frank')));
      await h.store.write(async (tx) => {
        expect(await tx.loginProfiles.history.add(account, 'ghost', entry(1), 5)).toBe(false);
        await tx.loginProfiles.history.add(account, 'frank', entry(1), 5);
        await tx.loginProfiles.history.add(account, 'frank', entry(2), 5);
        await tx.loginProfiles.history.add(account, null, entry(3), 5);
      });
      await expect(h.store.write((tx) => tx.loginProfiles.history.add(account, 'frank', entry(9), 0))).rejects.toBeInstanceOf(RangeError);
      expect(await h.store.write((tx) => tx.loginProfiles.history.clear(account, null))).toBe(1);
      expect(await h.store.read((tx) => tx.loginProfiles.history.list(account, null, 5))).toEqual([]);
      // Deleting the user drops its history: a new user of the same name starts empty.
      await h.store.write(async (tx) => {
        expect(await tx.users.delete(account, 'frank')).toBe(true);
        await tx.users.insert(makeUser(account, 'frank'));
      });
      expect(await h.store.read((tx) => tx.loginProfiles.history.list(account, 'frank', 5))).toEqual([]);
    });
  });
}
