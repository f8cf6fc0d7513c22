// Conformance cases for inline policies of users, groups and roles.
import { describe, expect, it } from 'vitest';
import type { PolicyOwnerKind } from '../../domain/entities.js';
import { policySize } from '../../policy/document/policy-size.js';
import { ConstraintViolationError } from '../errors.js';
import type { StoreTx } from '../ports.js';
import type { PolicyOwner } from '../repositories.js';
import { collectPages, makeGroup, makeRole, makeUser, TRICKY_DOCUMENT, type Harness } from './harness.js';

async function insertOwner(tx: StoreTx, kind: PolicyOwnerKind, account: string, name: string): Promise<void> {
  if (kind === 'user') await tx.users.insert(makeUser(account, name));
  else if (kind === 'group') await tx.groups.insert(makeGroup(account, name));
  else await tx.roles.insert(makeRole(account, name));
}

export function inlinePolicyCases(h: Harness): void {
  describe('inline policies', () => {
    for (const kind of ['user', 'group', 'role'] as const) {
      it(`puts, replaces, reads and deletes a ${kind}'s policy text exactly`, async () => {
        const account = await h.newAccount();
        const owner: PolicyOwner = { accountId: account, kind, name: 'Holder' };
        await h.store.write(async (tx) => {
          await insertOwner(tx, kind, account, 'Holder');
          const put = { accountId: account, ownerKind: kind, ownerName: 'holder', policyName: 'S3Access', document: TRICKY_DOCUMENT };
          expect(await tx.inlinePolicies.put(put)).toBe(true);
        });
        expect(await h.store.read((tx) => tx.inlinePolicies.get({ ...owner, name: 'HOLDER' }, 's3access'))).toStrictEqual({
          accountId: account,
          ownerKind: kind,
          ownerName: 'Holder',
          policyName: 'S3Access',
          document: TRICKY_DOCUMENT,
        });
        // A put under a differently cased name replaces the document and keeps the first name.
        await h.store.write((tx) =>
          tx.inlinePolicies.put({ accountId: account, ownerKind: kind, ownerName: 'Holder', policyName: 's3ACCESS', document: '{}' }),
        );
        const replaced = await h.store.read((tx) => tx.inlinePolicies.get(owner, 'S3Access'));
        expect([replaced?.policyName, replaced?.document]).toEqual(['S3Access', '{}']);
        expect(await h.store.write((tx) => tx.inlinePolicies.delete(owner, 'S3ACCESS'))).toBe(true);
        expect(await h.store.write((tx) => tx.inlinePolicies.delete(owner, 'S3Access'))).toBe(false);
        expect(await h.store.read((tx) => tx.inlinePolicies.get(owner, 'S3Access'))).toBeUndefined();
      });
    }

    it('reports an unknown owner instead of storing an orphan', async () => {
      const account = await h.newAccount();
      const put = { accountId: account, ownerKind: 'role' as const, ownerName: 'ghost', policyName: 'p', document: '{}' };
      expect(await h.store.write((tx) => tx.inlinePolicies.put(put))).toBe(false);
      expect(await h.store.read((tx) => tx.inlinePolicies.get({ accountId: account, kind: 'role', name: 'ghost' }, 'p'))).toBeUndefined();
    });

    it('lists names by lower-cased name with pagination, lists documents and sums sizes', async () => {
      const account = await h.newAccount();
      const owner: PolicyOwner = { accountId: account, kind: 'user', name: 'u' };
      const docs: Record<string, string> = { beta: '{ "a": 1 }', Alpha: TRICKY_DOCUMENT, gamma: '{\n\t}' };
      await h.store.write(async (tx) => {
        await tx.users.insert(makeUser(account, 'u'));
        for (const [policyName, document] of Object.entries(docs)) {
          await tx.inlinePolicies.put({ accountId: account, ownerKind: 'user', ownerName: 'u', policyName, document });
        }
      });
      const names = await collectPages((after) =>
        h.store.read((tx) => tx.inlinePolicies.listNames(owner, { limit: 2, ...(after ? { after } : {}) })),
      );
      expect(names).toEqual({ items: ['Alpha', 'beta', 'gamma'], pages: 2 });
      const all = await h.store.read((tx) => tx.inlinePolicies.listAll(owner));
      expect(all.map((p) => [p.policyName, p.document])).toEqual([
        ['Alpha', TRICKY_DOCUMENT],
        ['beta', docs.beta],
        ['gamma', docs.gamma],
      ]);
      const expected = Object.values(docs).reduce((sum, d) => sum + policySize(d), 0);
      expect(await h.store.read((tx) => tx.inlinePolicies.totalSize(owner))).toBe(expected);
      expect(await h.store.read((tx) => tx.inlinePolicies.totalSize({ ...owner, name: 'nobody' }))).toBe(0);
    });

    it('keeps policies apart per owner kind and blocks deleting an owner that has them', async () => {
      const account = await h.newAccount();
      await h.store.write(async (tx) => {
        await tx.users.insert(makeUser(account, 'same'));
        await tx.roles.insert(makeRole(account, 'same'));
        await tx.inlinePolicies.put({ accountId: account, ownerKind: 'role', ownerName: 'same', policyName: 'p', document: '{}' });
      });
      const user: PolicyOwner = { accountId: account, kind: 'user', name: 'same' };
      expect(await h.store.read((tx) => tx.inlinePolicies.get(user, 'p'))).toBeUndefined();
      await expect(h.store.write((tx) => tx.roles.delete(account, 'same'))).rejects.toBeInstanceOf(ConstraintViolationError);
      expect(await h.store.write((tx) => tx.users.delete(account, 'same'))).toBe(true);
    });
  });
}
