// Conformance cases for MFA devices: assignment to users and the root user, listing, and the
// once-only TOTP time step under concurrency.
import { describe, expect, it } from 'vitest';
import { ConstraintViolationError, EntityAlreadyExistsError } from '../errors.js';
import { makeMfaDevice } from './credential-builders.js';
import { at, collectPages, makeUser, type Harness } from './harness.js';

export function mfaDeviceCases(h: Harness): void {
  describe('MFA devices', () => {
    it('round-trips unassigned, user-assigned and root-assigned devices', async () => {
      const account = await h.newAccount();
      await h.store.write((tx) => tx.users.insert(makeUser(account, 'Alice')));
      const loose = makeMfaDevice(account, 'loose', { path: '/team/', lastAcceptedStep: 57_000_000 });
      const alices = makeMfaDevice(account, 'alice-phone', { assignment: { userName: 'Alice', enableDate: at(5) } });
      const roots = makeMfaDevice(account, 'root-account-mfa-device', { tags: [], assignment: { userName: null, enableDate: at(6) } });
      await h.store.write(async (tx) => {
        for (const d of [loose, alices, roots]) await tx.mfaDevices.insert(d);
      });
      await h.store.read(async (tx) => {
        expect(await tx.mfaDevices.get(account, loose.serialNumber)).toStrictEqual(loose);
        expect(await tx.mfaDevices.get(account, alices.serialNumber.toUpperCase())).toStrictEqual(alices);
        expect(await tx.mfaDevices.get(account, roots.serialNumber)).toStrictEqual(roots);
      });
    });

    it('answers not-found, including through another account', async () => {
      const account = await h.newAccount();
      const other = await h.newAccount();
      const device = makeMfaDevice(account, 'mine');
      await h.store.write((tx) => tx.mfaDevices.insert(device));
      await h.store.write(async (tx) => {
        expect(await tx.mfaDevices.get(other, device.serialNumber)).toBeUndefined();
        expect(await tx.mfaDevices.update({ ...device, accountId: other })).toBe(false);
        expect(await tx.mfaDevices.acceptTimeStep(other, device.serialNumber, 1)).toBe(false);
        expect(await tx.mfaDevices.delete(other, device.serialNumber)).toBe(false);
      });
    });

    it('rejects a serial number clash in any case and an unknown assigned user', async () => {
      const account = await h.newAccount();
      const device = makeMfaDevice(account, 'Phone');
      await h.store.write((tx) => tx.mfaDevices.insert(device));
      const clash = h.store.write((tx) => tx.mfaDevices.insert(makeMfaDevice(account, 'PHONE')));
      await expect(clash).rejects.toBeInstanceOf(EntityAlreadyExistsError);
      await expect(clash).rejects.toMatchObject({ entity: 'mfa-device' });
      // The same name on another path is another device.
      await h.store.write((tx) => tx.mfaDevices.insert(makeMfaDevice(account, 'Phone', { path: '/other/' })));
      const orphan = makeMfaDevice(account, 'orphan', { assignment: { userName: 'ghost', enableDate: at(1) } });
      await expect(h.store.write((tx) => tx.mfaDevices.insert(orphan))).rejects.toBeInstanceOf(ConstraintViolationError);
      await expect(h.store.write((tx) => tx.mfaDevices.update({ ...device, assignment: orphan.assignment }))).rejects.toBeInstanceOf(
        ConstraintViolationError,
      );
    });

    it('enables and deactivates through update(), which leaves the time step alone', async () => {
      const account = await h.newAccount();
      await h.store.write((tx) => tx.users.insert(makeUser(account, 'bob')));
      const device = makeMfaDevice(account, 'bob-phone');
      await h.store.write((tx) => tx.mfaDevices.insert(device));
      const enabled = { ...device, tags: [{ key: 'k', value: 'v' }], assignment: { userName: 'bob', enableDate: at(10) } };
      await h.store.write(async (tx) => {
        expect(await tx.mfaDevices.acceptTimeStep(account, device.serialNumber, 100)).toBe(true);
        expect(await tx.mfaDevices.update({ ...enabled, lastAcceptedStep: 1 })).toBe(true);
      });
      expect(await h.store.read((tx) => tx.mfaDevices.get(account, device.serialNumber))).toStrictEqual({
        ...enabled,
        lastAcceptedStep: 100,
      });
      await expect(h.store.write((tx) => tx.users.delete(account, 'bob'))).rejects.toBeInstanceOf(ConstraintViolationError);
      const { assignment: _a, ...deactivated } = enabled;
      await h.store.write((tx) => tx.mfaDevices.update(deactivated));
      expect(await h.store.read((tx) => tx.mfaDevices.get(account, device.serialNumber))).toStrictEqual({
        ...deactivated,
        lastAcceptedStep: 100,
      });
      await h.store.write(async (tx) => {
        expect(await tx.users.delete(account, 'bob')).toBe(true);
        expect(await tx.mfaDevices.delete(account, device.serialNumber.toUpperCase())).toBe(true);
        expect(await tx.mfaDevices.delete(account, device.serialNumber)).toBe(false);
      });
    });

    it('accepts a time step only when it is later than the last accepted one', async () => {
      const account = await h.newAccount();
      const device = makeMfaDevice(account, 'totp');
      await h.store.write((tx) => tx.mfaDevices.insert(device));
      await h.store.write(async (tx) => {
        expect(await tx.mfaDevices.acceptTimeStep(account, device.serialNumber, 50)).toBe(true);
        expect(await tx.mfaDevices.acceptTimeStep(account, device.serialNumber, 50)).toBe(false);
        expect(await tx.mfaDevices.acceptTimeStep(account, device.serialNumber, 49)).toBe(false);
        expect(await tx.mfaDevices.acceptTimeStep(account, device.serialNumber, 51)).toBe(true);
      });
      expect(await h.store.acceptMfaTimeStep(account, device.serialNumber, 51)).toBe(false);
      expect(await h.store.acceptMfaTimeStep(account, device.serialNumber, 52)).toBe(true);
      expect(await h.store.acceptMfaTimeStep(account, 'arn:aws:iam::000000000000:mfa/ghost', 53)).toBe(false);
      expect((await h.store.read((tx) => tx.mfaDevices.get(account, device.serialNumber)))?.lastAcceptedStep).toBe(52);
      await expect(h.store.acceptMfaTimeStep(account, device.serialNumber, 1.5)).rejects.toBeInstanceOf(RangeError);
    });

    it('takes attempts until the limit, refuses them while locked, and gives them back on an accepted code', async () => {
      const account = await h.newAccount();
      const device = makeMfaDevice(account, 'guessed');
      await h.store.write((tx) => tx.mfaDevices.insert(device));
      const rule = { maxFailures: 3, lockMs: 60_000 };
      const failures = async () => (await h.store.read((tx) => tx.mfaDevices.get(account, device.serialNumber)))?.codeFailures;
      const charge = (seconds: number, serial = device.serialNumber) => h.store.chargeMfaAttempt(account, serial, at(seconds), rule);
      expect(await failures()).toBeUndefined();
      expect(await charge(0, device.serialNumber.toUpperCase())).toBe(true);
      expect(await charge(1)).toBe(true);
      expect(await failures()).toStrictEqual({ failedAttempts: 2 });
      // The attempt that reaches the limit is still taken, and sets the lock.
      expect(await charge(2)).toBe(true);
      expect(await failures()).toStrictEqual({ failedAttempts: 3, lockedUntil: at(62) });
      // While locked nothing is taken and nothing changes.
      expect(await charge(30)).toBe(false);
      expect(await failures()).toStrictEqual({ failedAttempts: 3, lockedUntil: at(62) });
      // After the lock, counting starts again.
      expect(await charge(62)).toBe(true);
      expect(await failures()).toStrictEqual({ failedAttempts: 1 });
      expect(await h.store.acceptMfaTimeStep(account, device.serialNumber, 7)).toBe(true);
      expect(await failures()).toBeUndefined();
      expect(await charge(63, 'arn:aws:iam::000000000000:mfa/ghost')).toBe(false);
    });

    it('takes exactly the allowed attempts of 12 concurrent ones from two stores on one database', async () => {
      const account = await h.newAccount();
      const device = makeMfaDevice(account, 'shared');
      await h.store.write((tx) => tx.mfaDevices.insert(device));
      const peer = await h.openPeer();
      let taken: boolean[];
      try {
        const rule = { maxFailures: 5, lockMs: 60_000 };
        taken = await Promise.all(
          Array.from({ length: 12 }, (_, i) => (i % 2 === 0 ? h.store : peer).chargeMfaAttempt(account, device.serialNumber, at(1), rule)),
        );
      } finally {
        await peer.close();
      }
      expect(taken.filter(Boolean)).toHaveLength(5);
      expect((await h.store.read((tx) => tx.mfaDevices.get(account, device.serialNumber)))?.codeFailures).toStrictEqual({
        failedAttempts: 5,
        lockedUntil: at(61),
      });
    });

    it('lets exactly one of 10 concurrent uses of one code win, in and outside transactions', async () => {
      const account = await h.newAccount();
      const device = makeMfaDevice(account, 'racy');
      await h.store.write((tx) => tx.mfaDevices.insert(device));
      const inTx = await Promise.all(
        Array.from({ length: 10 }, () =>
          h.store.write(async (tx) => {
            await tx.mfaDevices.get(account, device.serialNumber);
            return tx.mfaDevices.acceptTimeStep(account, device.serialNumber, 1000);
          }),
        ),
      );
      expect(inTx.filter(Boolean)).toHaveLength(1);
      const outside = await Promise.all(
        Array.from({ length: 10 }, () => h.store.acceptMfaTimeStep(account, device.serialNumber, 1001)),
      );
      expect(outside.filter(Boolean)).toHaveLength(1);
      expect((await h.store.read((tx) => tx.mfaDevices.get(account, device.serialNumber)))?.lastAcceptedStep).toBe(1001);
    });

    it('lists by serial number with assignment and type filters, and paginates', async () => {
      const account = await h.newAccount();
      await h.store.write((tx) => tx.users.insert(makeUser(account, 'carol')));
      const names = ['b', 'A', 'c', 'D', 'e'];
      await h.store.write(async (tx) => {
        for (const [i, name] of names.entries()) {
          const assigned = i % 2 === 0 ? { assignment: { userName: i === 0 ? null : 'carol', enableDate: at(10 - i) } } : {};
          await tx.mfaDevices.insert(makeMfaDevice(account, name, { ...assigned, ...(name === 'e' ? { type: 'u2f' as const } : {}) }));
        }
      });
      const serials = (names_: string[]): string[] => names_.map((n) => `arn:aws:iam::${account}:mfa/${n}`);
      const list = async (extra: object): Promise<string[]> =>
        (await h.store.read((tx) => tx.mfaDevices.list({ accountId: account, limit: 10, ...extra }))).items.map((d) => d.serialNumber);
      expect(await list({})).toEqual(serials(['A', 'b', 'c', 'D', 'e']));
      expect(await list({ assignmentStatus: 'Assigned' })).toEqual(serials(['b', 'c', 'e']));
      expect(await list({ assignmentStatus: 'Unassigned' })).toEqual(serials(['A', 'D']));
      expect(await list({ type: 'virtual', assignmentStatus: 'Any' })).toEqual(serials(['A', 'b', 'c', 'D']));
      const paged = await collectPages((after) =>
        h.store.read((tx) => tx.mfaDevices.list({ accountId: account, limit: 2, ...(after ? { after } : {}) })),
      );
      expect(paged.items.map((d) => d.serialNumber)).toEqual(serials(['A', 'b', 'c', 'D', 'e']));
      expect(paged.pages).toBe(3);
      await h.store.read(async (tx) => {
        expect((await tx.mfaDevices.listForUser(account, 'CAROL')).map((d) => d.name)).toEqual(['e', 'c']);
        expect((await tx.mfaDevices.listForUser(account, null)).map((d) => d.name)).toEqual(['b']);
        expect(await tx.mfaDevices.countForUser(account, 'carol')).toBe(2);
        expect(await tx.mfaDevices.countForUser(account, null)).toBe(1);
        expect(await tx.mfaDevices.countForUser(account, 'ghost')).toBe(0);
        expect(await tx.mfaDevices.count(account)).toBe(5);
        expect(await tx.mfaDevices.count(account, 'Assigned')).toBe(3);
        expect(await tx.mfaDevices.count(account, 'Unassigned')).toBe(2);
      });
    });

    it('follows a user rename', async () => {
      const account = await h.newAccount();
      const user = makeUser(account, 'before');
      const device = makeMfaDevice(account, 'dev', { assignment: { userName: 'before', enableDate: at(1) } });
      await h.store.write(async (tx) => {
        await tx.users.insert(user);
        await tx.mfaDevices.insert(device);
        await tx.users.update({ ...user, name: 'After' });
      });
      expect((await h.store.read((tx) => tx.mfaDevices.get(account, device.serialNumber)))?.assignment?.userName).toBe('After');
    });
  });
}
