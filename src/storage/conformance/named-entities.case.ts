// Conformance cases every named entity repository (users, groups, roles, instance profiles)
// must pass: round trips, case-insensitive names, not-found, renames, ordering, pagination.
import { describe, expect, it } from 'vitest';
import { nameKey } from '../../domain/names.js';
import { EntityAlreadyExistsError, type EntityKind } from '../errors.js';
import type { StoreTx } from '../ports.js';
import type { NamedEntityRepository } from '../repositories.js';
import type { NamedEntity } from '../sql/named-table.js';
import { collectPages, type Harness } from './harness.js';

export interface NamedEntityCase<T extends NamedEntity> {
  readonly kind: EntityKind;
  readonly repo: (tx: StoreTx) => NamedEntityRepository<T>;
  /** A new entity with every optional field filled in. */
  readonly make: (accountId: string, name: string, path?: string) => T;
  /** The same entity with every updatable field changed (name and path included). */
  readonly change: (entity: T, name: string) => T;
}

// Mixed case and punctuation: byte order of the lower-cased names, not a locale's order.
const UNSORTED = ['b', 'A-b', 'ab', 'a_b', 'Zed', 'a.b', 'AA', 'a=b', 'a@b', 'a+b', 'a,b', '9x'];
const SORTED = [...UNSORTED].sort((x, y) => (nameKey(x) < nameKey(y) ? -1 : nameKey(x) > nameKey(y) ? 1 : 0));

export function namedEntityCases<T extends NamedEntity>(h: Harness, c: NamedEntityCase<T>): void {
  describe(`${c.kind} repository`, () => {
    it('round-trips every field through get and getById', async () => {
      const account = await h.newAccount();
      const entity = c.make(account, 'Alice.Smith', '/division/team/');
      await h.store.write((tx) => c.repo(tx).insert(entity));
      await h.store.read(async (tx) => {
        expect(await c.repo(tx).get(account, 'Alice.Smith')).toStrictEqual(entity);
        expect(await c.repo(tx).getById(account, entity.id)).toStrictEqual(entity);
      });
    });

    it('finds names case-insensitively and keeps the original spelling', async () => {
      const account = await h.newAccount();
      await h.store.write((tx) => c.repo(tx).insert(c.make(account, 'MixedCase')));
      const found = await h.store.read((tx) => c.repo(tx).get(account, 'mIXEDcASE'));
      expect(found?.name).toBe('MixedCase');
    });

    it('rejects a name that differs only in case with EntityAlreadyExistsError', async () => {
      const account = await h.newAccount();
      await h.store.write((tx) => c.repo(tx).insert(c.make(account, 'Admins')));
      const clash = h.store.write((tx) => c.repo(tx).insert(c.make(account, 'ADMINS', '/other/')));
      await expect(clash).rejects.toBeInstanceOf(EntityAlreadyExistsError);
      await expect(clash).rejects.toMatchObject({ entity: c.kind, key: 'ADMINS' });
      // The same name is free in another account.
      const other = await h.newAccount();
      await h.store.write((tx) => c.repo(tx).insert(c.make(other, 'admins')));
      expect(await h.store.read((tx) => c.repo(tx).count(account))).toBe(1);
    });

    it('answers not-found with undefined and false', async () => {
      const account = await h.newAccount();
      const ghost = c.make(account, 'ghost');
      await h.store.write(async (tx) => {
        expect(await c.repo(tx).get(account, 'ghost')).toBeUndefined();
        expect(await c.repo(tx).getById(account, ghost.id)).toBeUndefined();
        expect(await c.repo(tx).update(ghost)).toBe(false);
        expect(await c.repo(tx).delete(account, 'ghost')).toBe(false);
      });
    });

    it('does not find an entity through another account', async () => {
      const account = await h.newAccount();
      const other = await h.newAccount();
      const entity = c.make(account, 'private');
      await h.store.write((tx) => c.repo(tx).insert(entity));
      await h.store.read(async (tx) => {
        expect(await c.repo(tx).get(other, 'private')).toBeUndefined();
        expect(await c.repo(tx).getById(other, entity.id)).toBeUndefined();
      });
    });

    it('updates every field, including a rename, by id', async () => {
      const account = await h.newAccount();
      const entity = c.make(account, 'before');
      await h.store.write((tx) => c.repo(tx).insert(entity));
      const changed = c.change(entity, 'After');
      expect(await h.store.write((tx) => c.repo(tx).update(changed))).toBe(true);
      await h.store.read(async (tx) => {
        expect(await c.repo(tx).get(account, 'before')).toBeUndefined();
        expect(await c.repo(tx).get(account, 'after')).toStrictEqual(changed);
      });
    });

    it('allows a rename to a different case of its own name', async () => {
      const account = await h.newAccount();
      const entity = c.make(account, 'devops');
      await h.store.write((tx) => c.repo(tx).insert(entity));
      await h.store.write((tx) => c.repo(tx).update({ ...entity, name: 'DevOps' }));
      expect((await h.store.read((tx) => c.repo(tx).get(account, 'devops')))?.name).toBe('DevOps');
    });

    it('rejects a rename onto another name, changing nothing', async () => {
      const account = await h.newAccount();
      const first = c.make(account, 'first');
      await h.store.write(async (tx) => {
        await c.repo(tx).insert(first);
        await c.repo(tx).insert(c.make(account, 'second'));
      });
      const clash = h.store.write((tx) => c.repo(tx).update({ ...first, name: 'SECOND' }));
      await expect(clash).rejects.toMatchObject({ name: 'EntityAlreadyExistsError', entity: c.kind });
      expect(await h.store.read((tx) => c.repo(tx).get(account, 'first'))).toStrictEqual(first);
    });

    it('deletes by name in any case', async () => {
      const account = await h.newAccount();
      await h.store.write((tx) => c.repo(tx).insert(c.make(account, 'Temp')));
      expect(await h.store.write((tx) => c.repo(tx).delete(account, 'TEMP'))).toBe(true);
      expect(await h.store.read((tx) => c.repo(tx).get(account, 'temp'))).toBeUndefined();
      expect(await h.store.read((tx) => c.repo(tx).count(account))).toBe(0);
    });

    it('lists by lower-cased name in byte order and paginates with after/nextAfter', async () => {
      const account = await h.newAccount();
      await h.store.write(async (tx) => {
        for (const name of UNSORTED) await c.repo(tx).insert(c.make(account, name));
      });
      const all = await h.store.read((tx) => c.repo(tx).list({ accountId: account, limit: 100 }));
      expect(all.items.map((e) => e.name)).toEqual(SORTED);
      expect(all.nextAfter).toBeUndefined();

      const paged = await collectPages((after) =>
        h.store.read((tx) => c.repo(tx).list({ accountId: account, limit: 5, ...(after ? { after } : {}) })),
      );
      expect(paged.items.map((e) => e.name)).toEqual(SORTED);
      expect(paged.pages).toBe(3);

      const exact = await h.store.read((tx) => c.repo(tx).list({ accountId: account, limit: UNSORTED.length }));
      expect(exact.items).toHaveLength(UNSORTED.length);
      expect(exact.nextAfter).toBeUndefined();
      expect(await h.store.read((tx) => c.repo(tx).count(account))).toBe(UNSORTED.length);
    });

    it('filters lists by a case-sensitive path prefix', async () => {
      const account = await h.newAccount();
      await h.store.write(async (tx) => {
        await c.repo(tx).insert(c.make(account, 'root', '/'));
        await c.repo(tx).insert(c.make(account, 'eng1', '/eng/'));
        await c.repo(tx).insert(c.make(account, 'eng2', '/eng/backend/'));
        await c.repo(tx).insert(c.make(account, 'upper', '/ENG/'));
        await c.repo(tx).insert(c.make(account, 'wild', '/e_g/'));
      });
      const names = async (pathPrefix: string): Promise<string[]> =>
        (await h.store.read((tx) => c.repo(tx).list({ accountId: account, pathPrefix, limit: 10 }))).items.map(
          (e) => e.name,
        );
      expect(await names('/eng/')).toEqual(['eng1', 'eng2']);
      expect(await names('/eng/backend/')).toEqual(['eng2']);
      expect(await names('/e_')).toEqual(['wild']);
      expect(await names('/')).toHaveLength(5);
      const page = await h.store.read((tx) => c.repo(tx).list({ accountId: account, pathPrefix: '/eng/', limit: 1 }));
      expect(page.items.map((e) => e.name)).toEqual(['eng1']);
      expect(page.nextAfter).toBeDefined();
    });

    it('filters lists by a name substring, ignoring case, with no wildcards, and paginates', async () => {
      const account = await h.newAccount();
      const names = ['Web-Admin', 'web_ops', 'webXops', 'db-admin', 'a%b', 'ADMIN', 'x\\y'];
      await h.store.write(async (tx) => {
        for (const name of names) await c.repo(tx).insert(c.make(account, name));
      });
      const found = async (nameContains: string, limit = 10): Promise<string[]> =>
        (await collectPages((after) => h.store.read((tx) => c.repo(tx).list({ accountId: account, nameContains, limit, ...(after === undefined ? {} : { after }) })))).items.map((e) => e.name);
      expect(await found('admin')).toEqual(['ADMIN', 'db-admin', 'Web-Admin']);
      expect(await found('ADMIN', 1)).toEqual(['ADMIN', 'db-admin', 'Web-Admin']);
      expect(await found('_')).toEqual(['web_ops']);
      expect(await found('%')).toEqual(['a%b']);
      expect(await found('\\')).toEqual(['x\\y']);
      expect(await found('nothing')).toEqual([]);
      expect(await found('')).toHaveLength(names.length);
    });

    it('rejects a page limit below 1', async () => {
      const account = await h.newAccount();
      await expect(h.store.read((tx) => c.repo(tx).list({ accountId: account, limit: 0 }))).rejects.toBeInstanceOf(
        RangeError,
      );
    });
  });
}
