// Conformance cases for the set-based reads (one statement for a page of entities): each must
// answer, for every entity it is given, exactly what the per-entity read answers.
import { describe, expect, it } from 'vitest';
import { AWS_MANAGED_ACCOUNT, type Group, type PolicyOwnerKind, type Role, type User } from '../../domain/entities.js';
import type { StoreTx } from '../ports.js';
import { collectPages, makeGroup, makeInstanceProfile, makePolicy, makeRole, makeUser, makeVersion, type Harness } from './harness.js';

interface Account {
  readonly id: string;
  readonly users: readonly User[];
  readonly groups: readonly Group[];
  readonly roles: readonly Role[];
  readonly policyArns: readonly string[];
}

const GHOST_ID = 'AIDAGHOSTGHOSTGHOST00';

/** Five users, three groups, five roles, four policies of the account and one AWS managed, used unevenly. */
async function seedAccount(h: Harness): Promise<Account> {
  const id = await h.newAccount();
  const users = ['zoe', 'Adam', 'mia', 'bob', 'lonely'].map((n, i) => makeUser(id, n, { path: i % 2 === 0 ? '/' : '/eng/' }));
  const groups = ['devs', 'Ops', 'empty'].map((n) => makeGroup(id, n));
  const roles = ['runner', 'Builder', 'plain', 'multi', 'last'].map((n) => makeRole(id, n));
  const local = ['Zeta', 'alpha', 'mid', 'unused'].map((n) => makePolicy(id, n, { defaultVersionId: n === 'mid' ? 'v3' : 'v1' }));
  const aws = makePolicy(AWS_MANAGED_ACCOUNT, `Batch${id}`);
  await h.store.write(async (tx) => {
    for (const u of users) await tx.users.insert(u);
    for (const g of groups) await tx.groups.insert(g);
    for (const r of roles) await tx.roles.insert(r);
    for (const p of [...local, aws]) {
      await tx.policies.insert(p);
      await tx.policies.versions.insert(makeVersion(p.arn, 'v1'));
    }
    await tx.policies.versions.insert(makeVersion(local[2]!.arn, 'v2', { document: 'second' }));
    await tx.policies.versions.insert(makeVersion(local[2]!.arn, 'v3', { document: 'third' }));
    await tx.policies.versions.insert(makeVersion(local[2]!.arn, 'v10', { document: 'tenth' }));
    await tx.groups.members.addUser(id, 'devs', 'zoe');
    await tx.groups.members.addUser(id, 'Ops', 'zoe');
    await tx.groups.members.addUser(id, 'devs', 'Adam');
    await tx.groups.members.addUser(id, 'Ops', 'mia');
    const attach = (kind: PolicyOwnerKind, name: string, arn: string): Promise<boolean> =>
      tx.policies.attachments.attach({ accountId: id, kind, name }, arn);
    await attach('user', 'zoe', local[0]!.arn);
    await attach('user', 'zoe', local[1]!.arn);
    await attach('user', 'zoe', aws.arn);
    await attach('user', 'mia', local[2]!.arn);
    await attach('group', 'devs', local[1]!.arn);
    await attach('group', 'Ops', local[0]!.arn);
    await attach('role', 'runner', local[1]!.arn);
    await attach('role', 'multi', aws.arn);
    await attach('role', 'multi', local[2]!.arn);
    await tx.users.update({ ...users[3]!, permissionsBoundaryArn: local[1]!.arn });
    await tx.roles.update({ ...roles[2]!, permissionsBoundaryArn: local[1]!.arn });
    await tx.roles.update({ ...roles[4]!, permissionsBoundaryArn: aws.arn });
    const inline = (kind: PolicyOwnerKind, owner: string, policyName: string): Promise<boolean> =>
      tx.inlinePolicies.put({ accountId: id, ownerKind: kind, ownerName: owner, policyName, document: `{"${owner}":"${policyName}"}` });
    await inline('user', 'zoe', 'zed');
    await inline('user', 'zoe', 'Able');
    await inline('user', 'bob', 'only');
    await inline('group', 'Ops', 'g1');
    await inline('role', 'runner', 'r2');
    await inline('role', 'runner', 'R1');
    for (const name of ['ip-b', 'IP-a', 'ip-shared']) await tx.instanceProfiles.insert(makeInstanceProfile(id, name));
    await tx.instanceProfiles.roles.add(id, 'ip-b', 'runner');
    await tx.instanceProfiles.roles.add(id, 'IP-a', 'runner');
    await tx.instanceProfiles.roles.add(id, 'ip-shared', 'multi');
    await tx.instanceProfiles.roles.add(id, 'ip-shared', 'Builder');
  });
  return { id, users, groups, roles, policyArns: [...local.map((p) => p.arn), aws.arn] };
}

const everything = { limit: 1000 };

export function batchReadCases(h: Harness): void {
  describe('set-based reads for a page of entities', () => {
    it('lists each user\'s groups as listGroupsForUser does', async () => {
      const a = await seedAccount(h);
      await h.store.read(async (tx) => {
        const ids = [...a.users.map((u) => u.id), GHOST_ID];
        const batch = await tx.groups.members.listGroupsForUsers(ids);
        for (const u of a.users) {
          expect(batch.get(u.id)).toEqual((await tx.groups.members.listGroupsForUser(a.id, u.name, everything)).items);
        }
        expect(batch.get(a.users[0]!.id)?.map((g) => g.name)).toEqual(['devs', 'Ops']);
        expect(batch.get(GHOST_ID)).toEqual([]);
        expect((await tx.groups.members.listGroupsForUsers([])).size).toBe(0);
      });
    });

    for (const kind of ['user', 'group', 'role'] as const) {
      it(`lists each ${kind}'s inline and attached policies as listAll and listAttached do`, async () => {
        const a = await seedAccount(h);
        const owners = kind === 'user' ? a.users : kind === 'group' ? a.groups : a.roles;
        await h.store.read(async (tx: StoreTx) => {
          const ids = owners.map((o) => o.id);
          const inline = await tx.inlinePolicies.listAllFor(kind, ids);
          const attached = await tx.policies.attachments.listAttachedFor(kind, ids);
          for (const o of owners) {
            const owner = { accountId: a.id, kind, name: o.name };
            expect(inline.get(o.id)).toEqual(await tx.inlinePolicies.listAll(owner));
            expect(attached.get(o.id)).toEqual((await tx.policies.attachments.listAttached(owner, everything)).items);
          }
          expect([...inline.values()].flat().length + [...attached.values()].flat().length).toBeGreaterThan(0);
          expect(await tx.inlinePolicies.listAllFor(kind, [])).toEqual(new Map());
          expect(await tx.policies.attachments.listAttachedFor(kind, [])).toEqual(new Map());
        });
      });
    }

    it('lists each role\'s instance profiles, with their role names, as listProfilesForRole does', async () => {
      const a = await seedAccount(h);
      await h.store.read(async (tx) => {
        const batch = await tx.instanceProfiles.roles.listProfilesForRoles(a.roles.map((r) => r.id));
        for (const r of a.roles) {
          expect(batch.get(r.id)).toEqual((await tx.instanceProfiles.roles.listProfilesForRole(a.id, r.name, everything)).items);
        }
        expect(batch.get(a.roles[0]!.id)?.map((p) => p.name)).toEqual(['IP-a', 'ip-b']);
        expect(batch.get(a.roles[3]!.id)?.[0]?.roleNames).toEqual(['Builder', 'multi']);
      });
    });

    it('lists each policy\'s versions newest first and counts its use in the account, as the single reads do', async () => {
      const a = await seedAccount(h);
      const other = await seedAccount(h);
      const ghost = `arn:aws:iam::${a.id}:policy/ghost`;
      await h.store.read(async (tx) => {
        const arns = [...a.policyArns, ghost];
        const versions = await tx.policies.versions.listAllFor(arns);
        const counts = await tx.policies.attachments.usageCounts(a.id, arns);
        for (const arn of a.policyArns) {
          expect(versions.get(arn)).toEqual((await collectPages((after) => tx.policies.versions.list(arn, { limit: 2, ...(after ? { after } : {}) }))).items);
          expect(counts.get(arn)).toEqual({
            attachmentCount: await tx.policies.attachments.attachmentCount(a.id, arn),
            boundaryUsageCount: await tx.policies.attachments.boundaryUsageCount(a.id, arn),
          });
        }
        expect(versions.get(a.policyArns[2]!)?.map((v) => v.versionId)).toEqual(['v10', 'v3', 'v2', 'v1']);
        expect(counts.get(a.policyArns[1]!)).toEqual({ attachmentCount: 3, boundaryUsageCount: 2 });
        // The other account's AWS managed policy, counted in this account: used by nothing here.
        expect((await tx.policies.attachments.usageCounts(a.id, [other.policyArns[4]!])).get(other.policyArns[4]!)).toEqual({
          attachmentCount: 0,
          boundaryUsageCount: 0,
        });
        expect(counts.get(a.policyArns[4]!)).toEqual({ attachmentCount: 2, boundaryUsageCount: 1 });
        expect(versions.get(ghost)).toEqual([]);
        expect(counts.get(ghost)).toEqual({ attachmentCount: 0, boundaryUsageCount: 0 });
      });
    });
  });
}
