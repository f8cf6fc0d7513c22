// Conformance cases for managed policies and their versions.
import { describe, expect, it } from 'vitest';
import { AWS_MANAGED_ACCOUNT } from '../../domain/entities.js';
import { ConstraintViolationError, EntityAlreadyExistsError } from '../errors.js';
import { at, collectPages, makePolicy, makeUser, makeVersion, T0, TAGS, TRICKY_DOCUMENT, type Harness } from './harness.js';

export function policyCases(h: Harness): void {
  describe('managed policies', () => {
    it('filters the list by a name substring, ignoring case, in both scopes', async () => {
      const account = await h.newAccount();
      await h.store.write(async (tx) => {
        for (const name of ['DeployAccess', 'read_only', 'readXonly']) await tx.policies.insert(makePolicy(account, name));
      });
      const found = async (nameContains: string): Promise<string[]> =>
        (await h.store.read((tx) => tx.policies.list({ accountId: account, scope: 'Local', nameContains, limit: 10 }))).items.map((p) => p.name);
      expect(await found('deploy')).toEqual(['DeployAccess']);
      expect(await found('_')).toEqual(['read_only']);
      expect(await found('ONLY')).toEqual(['read_only', 'readXonly']);
    });

    it('round-trips every field by ARN and by name', async () => {
      const account = await h.newAccount();
      const policy = makePolicy(account, 'ReadOnly', {
        path: '/team/',
        description: 'Reads — only ✓',
        tags: TAGS,
        isAttachable: false,
        updateDate: at(60),
        defaultVersionId: 'v1',
      });
      const fixed = { ...policy, arn: `arn:aws:iam::${account}:policy/team/ReadOnly` };
      await h.store.write((tx) => tx.policies.insert(fixed));
      await h.store.read(async (tx) => {
        expect(await tx.policies.get(fixed.arn)).toStrictEqual(fixed);
        expect(await tx.policies.getByName(account, 'readonly')).toStrictEqual(fixed);
        expect(await tx.policies.get(`${fixed.arn}x`)).toBeUndefined();
        expect(await tx.policies.getByName(account, 'ghost')).toBeUndefined();
      });
    });

    it('keeps names unique per account across paths, case-insensitively', async () => {
      const account = await h.newAccount();
      await h.store.write((tx) => tx.policies.insert(makePolicy(account, 'Deploy')));
      const clash = h.store.write((tx) => tx.policies.insert(makePolicy(account, 'DEPLOY', { path: '/ci/' })));
      await expect(clash).rejects.toBeInstanceOf(EntityAlreadyExistsError);
      await expect(clash).rejects.toMatchObject({ entity: 'managed-policy' });
      expect(await h.store.read((tx) => tx.policies.count(account))).toBe(1);
    });

    it('updates description, tags, dates, default version and attachability', async () => {
      const account = await h.newAccount();
      const policy = makePolicy(account, 'p');
      await h.store.write((tx) => tx.policies.insert(policy));
      const changed = { ...policy, description: 'now described', tags: TAGS, updateDate: at(5), defaultVersionId: 'v2', isAttachable: false };
      expect(await h.store.write((tx) => tx.policies.update(changed))).toBe(true);
      expect(await h.store.read((tx) => tx.policies.get(policy.arn))).toStrictEqual(changed);
      expect(await h.store.write((tx) => tx.policies.update(makePolicy(account, 'ghost')))).toBe(false);
    });

    it('lists by scope, name and ARN, paginating across same-named AWS and local policies', async () => {
      const account = await h.newAccount();
      const aws = makePolicy(AWS_MANAGED_ACCOUNT, `Shared${account}`, { path: '/service-role/' });
      const local = makePolicy(account, `shared${account}`);
      const other = makePolicy(account, `Alpha${account}`, { path: '/x/' });
      await h.store.write(async (tx) => {
        await tx.policies.insert(aws);
        await tx.policies.insert(local);
        await tx.policies.insert(other);
      });
      const names = async (scope: 'All' | 'AWS' | 'Local', pathPrefix?: string): Promise<string[]> => {
        const { items } = await collectPages((after) =>
          h.store.read((tx) =>
            tx.policies.list({ accountId: account, scope, limit: 1, ...(pathPrefix ? { pathPrefix } : {}), ...(after ? { after } : {}) }),
          ),
          10_000,
        );
        return items.filter((p) => p.name.endsWith(account)).map((p) => p.arn);
      };
      expect(await names('Local')).toEqual([other.arn, local.arn]);
      expect(await names('AWS')).toEqual([aws.arn]);
      // Same lower-cased name: ordered by ARN ("arn:aws:iam::1..." before "arn:aws:iam::aws...").
      expect(await names('All')).toEqual([other.arn, local.arn, aws.arn]);
      expect(await names('All', '/service-role/')).toEqual([aws.arn]);
      expect(await h.store.read((tx) => tx.policies.count(account))).toBe(2);
    });

    it('filters lists to attached policies and to permissions boundaries in use', async () => {
      const account = await h.newAccount();
      const attached = makePolicy(account, 'attached');
      const boundary = makePolicy(account, 'boundary');
      const idle = makePolicy(account, 'idle');
      await h.store.write(async (tx) => {
        for (const p of [attached, boundary, idle]) await tx.policies.insert(p);
        await tx.users.insert(makeUser(account, 'u', { permissionsBoundaryArn: boundary.arn }));
        await tx.policies.attachments.attach({ accountId: account, kind: 'user', name: 'u' }, attached.arn);
      });
      const list = async (extra: { onlyAttached?: boolean; usage?: 'PermissionsPolicy' | 'PermissionsBoundary' }): Promise<string[]> =>
        (await h.store.read((tx) => tx.policies.list({ accountId: account, scope: 'Local', limit: 10, ...extra }))).items.map(
          (p) => p.name,
        );
      expect(await list({})).toEqual(['attached', 'boundary', 'idle']);
      expect(await list({ onlyAttached: true })).toEqual(['attached']);
      expect(await list({ usage: 'PermissionsPolicy' })).toEqual(['attached']);
      expect(await list({ usage: 'PermissionsBoundary' })).toEqual(['boundary']);
    });

    it('deletes a policy with its versions, but not while it is attached', async () => {
      const account = await h.newAccount();
      const policy = makePolicy(account, 'doomed');
      const owner = { accountId: account, kind: 'user' as const, name: 'holder' };
      await h.store.write(async (tx) => {
        await tx.policies.insert(policy);
        await tx.policies.versions.insert(makeVersion(policy.arn, 'v1'));
        await tx.users.insert(makeUser(account, 'holder'));
        await tx.policies.attachments.attach(owner, policy.arn);
      });
      await expect(h.store.write((tx) => tx.policies.delete(policy.arn))).rejects.toBeInstanceOf(ConstraintViolationError);
      expect(await h.store.read((tx) => tx.policies.versions.count(policy.arn))).toBe(1);
      await h.store.write((tx) => tx.policies.attachments.detach(owner, policy.arn));
      expect(await h.store.write((tx) => tx.policies.delete(policy.arn))).toBe(true);
      expect(await h.store.write((tx) => tx.policies.delete(policy.arn))).toBe(false);
      await h.store.read(async (tx) => {
        expect(await tx.policies.get(policy.arn)).toBeUndefined();
        expect(await tx.policies.versions.get(policy.arn, 'v1')).toBeUndefined();
      });
      // The name is free again, with no leftover versions.
      await h.store.write((tx) => tx.policies.insert(makePolicy(account, 'doomed')));
      expect(await h.store.read((tx) => tx.policies.versions.count(policy.arn))).toBe(0);
    });
  });

  describe('policy versions', () => {
    const seeded = async (): Promise<string> => {
      const account = await h.newAccount();
      const policy = makePolicy(account, 'versioned');
      await h.store.write(async (tx) => {
        await tx.policies.insert(policy);
        await tx.policies.versions.insert(makeVersion(policy.arn, 'v1', { document: TRICKY_DOCUMENT }));
        await tx.policies.versions.insert(makeVersion(policy.arn, 'v2', { createDate: at(1) }));
        await tx.policies.versions.insert(makeVersion(policy.arn, 'v3', { createDate: at(2) }));
      });
      return policy.arn;
    };

    it('round-trips documents exactly and marks the default', async () => {
      const arn = await seeded();
      await h.store.read(async (tx) => {
        expect(await tx.policies.versions.get(arn, 'v1')).toStrictEqual({
          policyArn: arn,
          versionId: 'v1',
          document: TRICKY_DOCUMENT,
          isDefault: true,
          createDate: T0,
        });
        expect((await tx.policies.versions.get(arn, 'v2'))?.isDefault).toBe(false);
        expect(await tx.policies.versions.get(arn, 'v9')).toBeUndefined();
      });
    });

    it('lists newest first with pagination', async () => {
      const arn = await seeded();
      const first = await h.store.read((tx) => tx.policies.versions.list(arn, { limit: 2 }));
      expect(first.items.map((v) => v.versionId)).toEqual(['v3', 'v2']);
      const rest = await h.store.read((tx) => tx.policies.versions.list(arn, { limit: 2, after: first.nextAfter ?? '' }));
      expect(rest.items.map((v) => [v.versionId, v.isDefault])).toEqual([['v1', true]]);
      expect(rest.nextAfter).toBeUndefined();
      expect(await h.store.read((tx) => tx.policies.versions.count(arn))).toBe(3);
    });

    it('moves the default, and never deletes the default version', async () => {
      const arn = await seeded();
      await h.store.write(async (tx) => {
        expect(await tx.policies.versions.setDefault(arn, 'v3')).toBe(true);
        expect(await tx.policies.versions.setDefault(arn, 'v7')).toBe(false);
        expect(await tx.policies.versions.delete(arn, 'v3')).toBe(false);
        expect(await tx.policies.versions.delete(arn, 'v1')).toBe(true);
        expect(await tx.policies.versions.delete(arn, 'v1')).toBe(false);
      });
      await h.store.read(async (tx) => {
        expect((await tx.policies.get(arn))?.defaultVersionId).toBe('v3');
        const versions = await tx.policies.versions.list(arn, { limit: 10 });
        expect(versions.items.map((v) => [v.versionId, v.isDefault])).toEqual([
          ['v3', true],
          ['v2', false],
        ]);
      });
    });

    it('never reuses a version id, even after deleting the newest', async () => {
      const arn = await seeded();
      expect(await h.store.read((tx) => tx.policies.versions.nextVersionId(arn))).toBe('v4');
      await h.store.write(async (tx) => {
        await tx.policies.versions.insert(makeVersion(arn, 'v4'));
        await tx.policies.versions.delete(arn, 'v4');
      });
      expect(await h.store.read((tx) => tx.policies.versions.nextVersionId(arn))).toBe('v5');
      expect(await h.store.read((tx) => tx.policies.versions.nextVersionId(`${arn}-ghost`))).toBeUndefined();
    });

    it('rejects a duplicate version id and a version of an unknown policy', async () => {
      const arn = await seeded();
      await expect(h.store.write((tx) => tx.policies.versions.insert(makeVersion(arn, 'v2')))).rejects.toMatchObject({
        name: 'EntityAlreadyExistsError',
        entity: 'policy-version',
      });
      await expect(
        h.store.write((tx) => tx.policies.versions.insert(makeVersion(`${arn}-ghost`, 'v1'))),
      ).rejects.toBeInstanceOf(ConstraintViolationError);
    });
  });
}
