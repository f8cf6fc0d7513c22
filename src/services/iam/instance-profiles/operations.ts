// IAM instance profiles: the container that hands one role to EC2 instances. Create, read,
// delete, list, tags, and adding or removing its role (which needs iam:PassRole too).

import type { InstanceProfile } from '../../../domain/entities.js';
import { instanceProfileArn } from '../../../domain/arn.js';
import { newUniqueId } from '../../../domain/ids.js';
import { INSTANCE_PROFILES_PER_ACCOUNT, ROLES_PER_INSTANCE_PROFILE } from '../../../domain/quotas.js';
import { optStr, str, strList, tagList } from '../../input.js';
import type { AuthCheck, OperationTable } from '../../operation.js';
import { pageRequest, pageResult } from '../../paging.js';
import { deleteConflict } from '../errors.js';
import { mustGetProfile, profileCheck, profileListArn, wireProfile } from './lookup.js';
import { instanceProfileAlreadyExists, roleNotInProfile } from '../roles/errors.js';
import { quotaExceeded } from '../errors.js';
import { assertModifiable, mustGetRole, roleCheck } from '../roles/lookup.js';
import { tagPage } from '../list-page.js';
import { checkRequestTags, checkTagCount } from '../roles/tag-rules.js';
import { mergeTags, removeTags, requestTagKeys, tagKeyList } from '../tag-keys.js';

/**
 * AddRoleToInstanceProfile also checks iam:PassRole on the role. The keys are what passing
 * a role to EC2 carries: the API reference says iam:AssociatedResourceArn is evaluated as
 * `arn:aws:ec2:*:<account>:instance/*` for this action; iam:PassedToService is EC2's.
 */
function passRoleKeys(accountId: string): Record<string, string> {
  return { 'iam:PassedToService': 'ec2.amazonaws.com', 'iam:AssociatedResourceArn': `arn:aws:ec2:*:${accountId}:instance/*` };
}

export const instanceProfileOperations: OperationTable = {
  CreateInstanceProfile: {
    checks(input, ctx) {
      const tags = tagList(input);
      const resource = instanceProfileArn(ctx.accountId, optStr(input, 'Path') ?? '/', str(input, 'InstanceProfileName'));
      const keys = requestTagKeys(tags);
      const checks: AuthCheck[] = [{ resource, keys }];
      if (tags.length > 0) checks.push({ action: 'iam:TagInstanceProfile', resource, keys });
      return checks;
    },
    async run(input, ctx) {
      const name = str(input, 'InstanceProfileName');
      const path = optStr(input, 'Path') ?? '/';
      const tags = tagList(input);
      checkRequestTags(tags);
      checkTagCount(tags);
      const profile = await ctx.store.write(async (tx) => {
        if (await tx.instanceProfiles.get(ctx.accountId, name)) throw instanceProfileAlreadyExists(name);
        if ((await tx.instanceProfiles.count(ctx.accountId)) >= INSTANCE_PROFILES_PER_ACCOUNT) {
          throw quotaExceeded('InstanceProfilesPerAccount', INSTANCE_PROFILES_PER_ACCOUNT);
        }
        const created: InstanceProfile = {
          accountId: ctx.accountId,
          id: newUniqueId('AIPA', ctx.random),
          name,
          path,
          arn: instanceProfileArn(ctx.accountId, path, name),
          createDate: ctx.now,
          roleNames: [],
          tags,
        };
        await tx.instanceProfiles.insert(created);
        return wireProfile(tx, created, 'created');
      });
      return { InstanceProfile: profile };
    },
  },

  GetInstanceProfile: {
    checks: async (input, ctx) => [await profileCheck(ctx, str(input, 'InstanceProfileName'))],
    async run(input, ctx) {
      const profile = await ctx.store.read(async (tx) =>
        wireProfile(tx, await mustGetProfile(tx, ctx.accountId, str(input, 'InstanceProfileName')), 'full'),
      );
      return { InstanceProfile: profile };
    },
  },

  DeleteInstanceProfile: {
    checks: async (input, ctx) => [await profileCheck(ctx, str(input, 'InstanceProfileName'))],
    async run(input, ctx) {
      await ctx.store.write(async (tx) => {
        const profile = await mustGetProfile(tx, ctx.accountId, str(input, 'InstanceProfileName'));
        if (profile.roleNames.length > 0) throw deleteConflict('remove roles from instance profile');
        await tx.instanceProfiles.delete(ctx.accountId, profile.name);
      });
      return undefined;
    },
  },

  ListInstanceProfiles: {
    checks: (input, ctx) => [{ resource: profileListArn(ctx.accountId, optStr(input, 'PathPrefix')) }],
    async run(input, ctx) {
      const pathPrefix = optStr(input, 'PathPrefix');
      return ctx.store.read(async (tx) => {
        const page = await tx.instanceProfiles.list({
          accountId: ctx.accountId,
          ...pageRequest(input),
          ...(pathPrefix !== undefined && { pathPrefix }),
        });
        const profiles = [];
        for (const p of page.items) profiles.push(await wireProfile(tx, p, 'listed'));
        return { InstanceProfiles: profiles, ...pageResult(page) };
      });
    },
  },

  ListInstanceProfilesForRole: {
    checks: async (input, ctx) => [await roleCheck(ctx, str(input, 'RoleName'))],
    async run(input, ctx) {
      return ctx.store.read(async (tx) => {
        const role = await mustGetRole(tx, ctx.accountId, str(input, 'RoleName'));
        const page = await tx.instanceProfiles.roles.listProfilesForRole(ctx.accountId, role.name, pageRequest(input));
        const profiles = [];
        for (const p of page.items) profiles.push(await wireProfile(tx, p, 'listed'));
        return { InstanceProfiles: profiles, ...pageResult(page) };
      });
    },
  },

  AddRoleToInstanceProfile: {
    async checks(input, ctx) {
      return [
        await profileCheck(ctx, str(input, 'InstanceProfileName')),
        await roleCheck(ctx, str(input, 'RoleName'), { action: 'iam:PassRole', keys: passRoleKeys(ctx.accountId) }),
      ];
    },
    async run(input, ctx) {
      await ctx.store.write(async (tx) => {
        const profile = await mustGetProfile(tx, ctx.accountId, str(input, 'InstanceProfileName'));
        const role = await mustGetRole(tx, ctx.accountId, str(input, 'RoleName'));
        assertModifiable(role);
        if (profile.roleNames.length >= ROLES_PER_INSTANCE_PROFILE) {
          throw quotaExceeded('InstanceSessionsPerInstanceProfile', ROLES_PER_INSTANCE_PROFILE);
        }
        await tx.instanceProfiles.roles.add(ctx.accountId, profile.name, role.name);
      });
      return undefined;
    },
  },

  RemoveRoleFromInstanceProfile: {
    checks: async (input, ctx) => [await profileCheck(ctx, str(input, 'InstanceProfileName'))],
    async run(input, ctx) {
      await ctx.store.write(async (tx) => {
        const profile = await mustGetProfile(tx, ctx.accountId, str(input, 'InstanceProfileName'));
        const role = await mustGetRole(tx, ctx.accountId, str(input, 'RoleName'));
        if (!profile.roleNames.some((n) => n.toLowerCase() === role.name.toLowerCase())) {
          throw roleNotInProfile(role.name, profile.name);
        }
        await tx.instanceProfiles.roles.remove(ctx.accountId, profile.name, role.name);
      });
      return undefined;
    },
  },

  TagInstanceProfile: {
    checks: async (input, ctx) => [await profileCheck(ctx, str(input, 'InstanceProfileName'), requestTagKeys(tagList(input)))],
    async run(input, ctx) {
      const added = tagList(input);
      checkRequestTags(added);
      await ctx.store.write(async (tx) => {
        const profile = await mustGetProfile(tx, ctx.accountId, str(input, 'InstanceProfileName'));
        const tags = mergeTags(profile.tags, added);
        checkTagCount(tags);
        await tx.instanceProfiles.update({ ...profile, tags });
      });
      return undefined;
    },
  },

  UntagInstanceProfile: {
    checks: async (input, ctx) => [await profileCheck(ctx, str(input, 'InstanceProfileName'), tagKeyList(strList(input, 'TagKeys')))],
    async run(input, ctx) {
      await ctx.store.write(async (tx) => {
        const profile = await mustGetProfile(tx, ctx.accountId, str(input, 'InstanceProfileName'));
        await tx.instanceProfiles.update({ ...profile, tags: removeTags(profile.tags, strList(input, 'TagKeys')) });
      });
      return undefined;
    },
  },

  ListInstanceProfileTags: {
    checks: async (input, ctx) => [await profileCheck(ctx, str(input, 'InstanceProfileName'))],
    async run(input, ctx) {
      const profile = await ctx.store.read((tx) => mustGetProfile(tx, ctx.accountId, str(input, 'InstanceProfileName')));
      return tagPage(profile.tags, input);
    },
  },
};
