// Conformance cases for managed policy attachments and the counts derived from them.
import { describe, expect, it } from 'vitest';
import { AWS_MANAGED_ACCOUNT, type PolicyOwnerKind } from '../../domain/entities.js';
import { ConstraintViolationError } from '../errors.js';
import type { StoreTx } from '../ports.js';
import type { PolicyOwner } from '../repositories.js';
import { collectPages, makeGroup, makePolicy, makeRole, makeUser, makeVersion, type Harness } from './harness.js';

async function insertOwner(tx: StoreTx, kind: PolicyOwnerKind, account: string, name: string, path = '/'): Promise<void> {
  if (kind === 'user') await tx.users.insert(makeUser(account, name, { path }));
  else if (kind === 'group') await tx.groups.insert(makeGroup(account, name, { path }));
  else await tx.roles.insert(makeRole(account, name, { path }));
}

export function attachmentCases(h: Harness): void {
  describe('policy attachments', () => {
    for (const kind of ['user', 'group', 'role'] as const) {
      it(`attaches to and detaches from a ${kind}, counting and listing by policy name`, async () => {
        const account = await h.newAccount();
        const owner: PolicyOwner = { accountId: account, kind, name: 'Owner' };
        const policies = ['zeta', 'Alpha', 'mid'].map((n) => makePolicy(account, n, { path: n === 'mid' ? '/p/' : '/' }));
        await h.store.write(async (tx) => {
          await insertOwner(tx, kind, account, 'Owner');
          for (const p of policies) await tx.policies.insert(p);
          for (const p of policies) expect(await tx.policies.attachments.attach({ ...owner, name: 'OWNER' }, p.arn)).toBe(true);
          expect(await tx.policies.attachments.attach(owner, policies[0]?.arn ?? '')).toBe(false);
          expect(await tx.policies.attachments.attach({ ...owner, name: 'ghost' }, policies[0]?.arn ?? '')).toBe(false);
          expect(await tx.policies.attachments.attach(owner, `${policies[0]?.arn}-ghost`)).toBe(false);
        });
        const listed = await collectPages((after) =>
          h.store.read((tx) => tx.policies.attachments.listAttached(owner, { limit: 2, ...(after ? { after } : {}) })),
        );
        expect(listed.items.map((a) => a.policyName)).toEqual(['Alpha', 'mid', 'zeta']);
        expect(listed.pages).toBe(2);
        const filtered = await h.store.read((tx) => tx.policies.attachments.listAttached(owner, { limit: 5, pathPrefix: '/p/' }));
        expect(filtered.items).toEqual([{ policyName: 'mid', policyArn: policies[2]?.arn }]);
        expect(await h.store.read((tx) => tx.policies.attachments.countAttached(owner))).toBe(3);
        expect(await h.store.write((tx) => tx.policies.attachments.detach(owner, policies[1]?.arn ?? ''))).toBe(true);
        expect(await h.store.write((tx) => tx.policies.attachments.detach(owner, policies[1]?.arn ?? ''))).toBe(false);
        expect(await h.store.read((tx) => tx.policies.attachments.countAttached(owner))).toBe(2);
      });
    }

    it('refuses to attach another account\'s policy', async () => {
      const account = await h.newAccount();
      const other = await h.newAccount();
      const foreign = makePolicy(other, 'foreign');
      await h.store.write(async (tx) => {
        await tx.users.insert(makeUser(account, 'u'));
        await tx.policies.insert(foreign);
      });
      const owner: PolicyOwner = { accountId: account, kind: 'user', name: 'u' };
      expect(await h.store.write((tx) => tx.policies.attachments.attach(owner, foreign.arn))).toBe(false);
    });

    it('counts attachments and boundary use per account, AWS managed policies included', async () => {
      const a = await h.newAccount();
      const b = await h.newAccount();
      const aws = makePolicy(AWS_MANAGED_ACCOUNT, `Counted${a}`);
      await h.store.write(async (tx) => {
        await tx.policies.insert(aws);
        for (const kind of ['user', 'group', 'role'] as const) {
          await insertOwner(tx, kind, a, `${kind}1`);
          await tx.policies.attachments.attach({ accountId: a, kind, name: `${kind}1` }, aws.arn);
        }
        await tx.users.insert(makeUser(a, 'bounded', { permissionsBoundaryArn: aws.arn }));
        await tx.roles.insert(makeRole(a, 'bounded', { permissionsBoundaryArn: aws.arn }));
        await insertOwner(tx, 'role', b, 'elsewhere');
        await tx.policies.attachments.attach({ accountId: b, kind: 'role', name: 'elsewhere' }, aws.arn);
      });
      await h.store.read(async (tx) => {
        expect(await tx.policies.attachments.attachmentCount(a, aws.arn)).toBe(3);
        expect(await tx.policies.attachments.attachmentCount(b, aws.arn)).toBe(1);
        expect(await tx.policies.attachments.boundaryUsageCount(a, aws.arn)).toBe(2);
        expect(await tx.policies.attachments.boundaryUsageCount(b, aws.arn)).toBe(0);
      });
    });

    it('lists the entities using a policy: groups, roles, users, each by name', async () => {
      const account = await h.newAccount();
      const policy = makePolicy(account, 'used');
      await h.store.write(async (tx) => {
        await tx.policies.insert(policy);
        const owners: [PolicyOwnerKind, string, string][] = [
          ['user', 'zed', '/'],
          ['user', 'Amy', '/eng/'],
          ['role', 'runner', '/eng/'],
          ['group', 'ops', '/'],
          ['group', 'Devs', '/eng/'],
        ];
        for (const [kind, name, path] of owners) {
          await insertOwner(tx, kind, account, name, path);
          await tx.policies.attachments.attach({ accountId: account, kind, name }, policy.arn);
        }
        await tx.users.insert(makeUser(account, 'bounded', { permissionsBoundaryArn: policy.arn }));
      });
      const list = (extra: object): Promise<string[]> =>
        collectPages((after) =>
          h.store.read((tx) =>
            tx.policies.attachments.listEntities(account, policy.arn, { limit: 2, ...extra, ...(after ? { after } : {}) }),
          ),
        ).then(({ items }) => items.map((e) => `${e.kind}:${e.name}`));
      expect(await list({})).toEqual(['group:Devs', 'group:ops', 'role:runner', 'user:Amy', 'user:zed']);
      expect(await list({ kinds: ['user', 'role'] })).toEqual(['role:runner', 'user:Amy', 'user:zed']);
      expect(await list({ pathPrefix: '/eng/' })).toEqual(['group:Devs', 'role:runner', 'user:Amy']);
      expect(await list({ usage: 'PermissionsBoundary' })).toEqual(['user:bounded']);
      const one = await h.store.read((tx) => tx.policies.attachments.listEntities(account, policy.arn, { limit: 10, kinds: ['role'] }));
      expect(one.items[0]?.id).toBe((await h.store.read((tx) => tx.roles.get(account, 'runner')))?.id);
    });

    it('gives the authorizer each attached policy\'s default document', async () => {
      const account = await h.newAccount();
      const policy = makePolicy(account, 'doc', { defaultVersionId: 'v2' });
      const owner: PolicyOwner = { accountId: account, kind: 'role', name: 'r' };
      await h.store.write(async (tx) => {
        await tx.roles.insert(makeRole(account, 'r'));
        await tx.policies.insert(policy);
        await tx.policies.versions.insert(makeVersion(policy.arn, 'v1', { document: 'old' }));
        await tx.policies.versions.insert(makeVersion(policy.arn, 'v2', { document: 'current' }));
        await tx.policies.attachments.attach(owner, policy.arn);
      });
      expect(await h.store.read((tx) => tx.policies.attachments.listAttachedDocuments(owner))).toEqual([
        { policyName: 'doc', policyArn: policy.arn, versionId: 'v2', document: 'current' },
      ]);
    });

    it('keeps attachments across a rename and blocks deleting an owner that has them', async () => {
      const account = await h.newAccount();
      const policy = makePolicy(account, 'kept');
      const user = makeUser(account, 'before');
      await h.store.write(async (tx) => {
        await tx.users.insert(user);
        await tx.policies.insert(policy);
        await tx.policies.attachments.attach({ accountId: account, kind: 'user', name: 'before' }, policy.arn);
        await tx.users.update({ ...user, name: 'after' });
      });
      const owner: PolicyOwner = { accountId: account, kind: 'user', name: 'after' };
      expect(await h.store.read((tx) => tx.policies.attachments.countAttached(owner))).toBe(1);
      await expect(h.store.write((tx) => tx.users.delete(account, 'after'))).rejects.toBeInstanceOf(ConstraintViolationError);
    });
  });
}
