// Conformance cases for the transaction contract: all-or-nothing writes, no lost updates or
// broken quotas under concurrency, snapshot reads, and no use of a finished transaction.
import { describe, expect, it } from 'vitest';
import { EntityAlreadyExistsError } from '../errors.js';
import type { StoreTx } from '../ports.js';
import { makeRole, makeUser, type Harness } from './harness.js';

class Boom extends Error {}

export function transactionCases(h: Harness): void {
  describe('transactions', () => {
    it('returns the callback\'s value from write() and read()', async () => {
      const account = await h.newAccount();
      expect(await h.store.write(async (tx) => (await tx.users.count(account)) + 41)).toBe(41);
      expect(await h.store.read(async () => 'ok')).toBe('ok');
    });

    it('rolls back every write when the callback throws, and rethrows its error', async () => {
      const account = await h.newAccount();
      const boom = new Boom('stop');
      const attempt = h.store.write(async (tx) => {
        await tx.users.insert(makeUser(account, 'ephemeral'));
        await tx.roles.insert(makeRole(account, 'ephemeral'));
        await tx.aliases.insert(account, `gone-${account}`);
        throw boom;
      });
      await expect(attempt).rejects.toBe(boom);
      await h.store.read(async (tx) => {
        expect(await tx.users.get(account, 'ephemeral')).toBeUndefined();
        expect(await tx.roles.get(account, 'ephemeral')).toBeUndefined();
        expect(await tx.aliases.list(account)).toEqual([]);
      });
      // The store is still usable after a rollback.
      await h.store.write((tx) => tx.users.insert(makeUser(account, 'ephemeral')));
      expect(await h.store.read((tx) => tx.users.count(account))).toBe(1);
    });

    it('keeps a quota under 20 concurrent check-then-insert writes', async () => {
      const account = await h.newAccount();
      const quota = 5;
      const results = await Promise.all(
        Array.from({ length: 20 }, (_, i) =>
          h.store.write(async (tx) => {
            if ((await tx.users.count(account)) >= quota) return false;
            // More round trips between the check and the insert widen any race window.
            await tx.users.get(account, `racer-${i}`);
            await tx.accounts.get(account);
            await tx.users.insert(makeUser(account, `racer-${i}`));
            return true;
          }),
        ),
      );
      expect(results.filter(Boolean)).toHaveLength(quota);
      expect(await h.store.read((tx) => tx.users.count(account))).toBe(quota);
    });

    it('loses no update under 20 concurrent read-modify-write increments', async () => {
      const account = await h.newAccount();
      await h.store.write((tx) => tx.roles.insert(makeRole(account, 'counter', { maxSessionDuration: 3600 })));
      const increment = async (tx: StoreTx): Promise<void> => {
        const role = await tx.roles.get(account, 'counter');
        if (!role) throw new Error('counter role missing');
        await tx.roles.update({ ...role, maxSessionDuration: role.maxSessionDuration + 1 });
      };
      await Promise.all(Array.from({ length: 20 }, () => h.store.write(increment)));
      expect((await h.store.read((tx) => tx.roles.get(account, 'counter')))?.maxSessionDuration).toBe(3620);
    });

    it('lets exactly one of several concurrent same-name inserts win', async () => {
      const account = await h.newAccount();
      const outcomes = await Promise.allSettled(
        ['dup', 'DUP', 'Dup', 'dUp', 'duP', 'DUp'].map((name) => h.store.write((tx) => tx.users.insert(makeUser(account, name)))),
      );
      expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
      for (const o of outcomes) {
        if (o.status === 'rejected') expect(o.reason).toBeInstanceOf(EntityAlreadyExistsError);
      }
      expect(await h.store.read((tx) => tx.users.count(account))).toBe(1);
    });

    it('reads one snapshot even while another write commits', async () => {
      const account = await h.newAccount();
      await h.store.write((tx) => tx.users.insert(makeUser(account, 'first')));
      const [before, after] = await h.store.read(async (tx) => {
        const b = await tx.users.count(account);
        await h.store.write((w) => w.users.insert(makeUser(account, 'second')));
        return [b, await tx.users.count(account)];
      });
      expect(before).toBe(1);
      expect(after).toBe(1);
      expect(await h.store.read((tx) => tx.users.count(account))).toBe(2);
    });

    it('serves overlapping reads', async () => {
      const account = await h.newAccount();
      await h.store.write((tx) => tx.users.insert(makeUser(account, 'reader')));
      const counts = await Promise.all(Array.from({ length: 8 }, () => h.store.read((tx) => tx.users.count(account))));
      expect(counts).toEqual(Array.from({ length: 8 }, () => 1));
    });

    it('refuses writes inside read()', async () => {
      const account = await h.newAccount();
      await expect(h.store.read((tx) => tx.users.insert(makeUser(account, 'sneaky')))).rejects.toThrow();
      expect(await h.store.read((tx) => tx.users.count(account))).toBe(0);
    });

    it('refuses to use a transaction after its callback has finished', async () => {
      const account = await h.newAccount();
      let leaked: StoreTx | undefined;
      await h.store.write(async (tx) => {
        leaked = tx;
      });
      await expect(Promise.resolve().then(() => leaked?.users.count(account))).rejects.toThrow(/already finished/);
      leaked = undefined;
      await h.store.read(async (tx) => {
        leaked = tx;
      });
      await expect(Promise.resolve().then(() => leaked?.users.count(account))).rejects.toThrow(/already finished/);
    });
  });
}
