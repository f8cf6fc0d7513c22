// IAM roles: create, read, update, delete and list; tags, permissions boundaries and
// service-linked roles come from their own files and join this table.

import type { Role } from '../../../domain/entities.js';
import { roleArn } from '../../../domain/arn.js';
import { newUniqueId } from '../../../domain/ids.js';
import { ROLE_MAX_SESSION_DURATION_MIN_SECONDS, ROLES_PER_ACCOUNT } from '../../../domain/quotas.js';
import { IamError } from '../../../protocol/errors.js';
import { optInt, optStr, str, tagList } from '../../input.js';
import type { AuthCheck, OperationTable } from '../../operation.js';
import { pageRequest, pageResult } from '../../paging.js';
import { deleteConflict } from '../errors.js';
import { requireAttachablePolicy } from '../policies/lookup.js';
import { roleBoundaryOperations } from './boundaries.js';
import { roleAlreadyExists } from './errors.js';
import { quotaExceeded } from '../errors.js';
import { assertModifiable, mustGetRole, roleCheck, roleListArn, SERVICE_LINKED_ROLE_PATH } from './lookup.js';
import { serviceLinkedRoleOperations } from './service-linked.js';
import { checkRequestTags, checkTagCount } from './tag-rules.js';
import { roleTagOperations } from './tags.js';
import { validateTrustPolicy } from './trust-policy.js';
import { wireRole } from './wire.js';
import { requestTagKeys } from '../tag-keys.js';

/** An empty Description clears it, so a role never carries `<Description></Description>`. */
function withDescription(role: Role, description: string | undefined): Role {
  if (description === undefined) return role;
  const { description: _old, ...rest } = role;
  return description === '' ? rest : { ...rest, description };
}

const coreOperations: OperationTable = {
  CreateRole: {
    checks(input, ctx) {
      const tags = tagList(input);
      const boundary = optStr(input, 'PermissionsBoundary');
      const resource = roleArn(ctx.accountId, optStr(input, 'Path') ?? '/', str(input, 'RoleName'));
      const keys = { ...requestTagKeys(tags), ...(boundary !== undefined && { 'iam:PermissionsBoundary': boundary }) };
      const checks: AuthCheck[] = [{ resource, keys }];
      if (tags.length > 0) checks.push({ action: 'iam:TagRole', resource, keys });
      return checks;
    },
    async run(input, ctx) {
      const name = str(input, 'RoleName');
      const path = optStr(input, 'Path') ?? '/';
      const document = str(input, 'AssumeRolePolicyDocument');
      const description = optStr(input, 'Description');
      const boundary = optStr(input, 'PermissionsBoundary');
      const tags = tagList(input);
      if (path.startsWith(SERVICE_LINKED_ROLE_PATH)) {
        throw new IamError('InvalidInput', `Path prefix '${SERVICE_LINKED_ROLE_PATH}' can only be used for AWS Service linked Roles`);
      }
      checkRequestTags(tags);
      checkTagCount(tags);
      validateTrustPolicy(document);
      const role = await ctx.store.write(async (tx) => {
        if (await tx.roles.get(ctx.accountId, name)) throw roleAlreadyExists(name);
        if ((await tx.roles.count(ctx.accountId)) >= ROLES_PER_ACCOUNT) throw quotaExceeded('RolesPerAccount', ROLES_PER_ACCOUNT);
        if (boundary !== undefined) await requireAttachablePolicy(tx, boundary);
        const created: Role = withDescription(
          {
            accountId: ctx.accountId,
            id: newUniqueId('AROA', ctx.random),
            name,
            path,
            arn: roleArn(ctx.accountId, path, name),
            createDate: ctx.now,
            assumeRolePolicyDocument: document,
            maxSessionDuration: optInt(input, 'MaxSessionDuration') ?? ROLE_MAX_SESSION_DURATION_MIN_SECONDS,
            tags,
            ...(boundary !== undefined && { permissionsBoundaryArn: boundary }),
          },
          description,
        );
        await tx.roles.insert(created);
        return created;
      });
      return { Role: wireRole(role, 'created') };
    },
  },

  GetRole: {
    readsUsage: true,
    checks: async (input, ctx) => [await roleCheck(ctx, str(input, 'RoleName'), { boundary: true })],
    async run(input, ctx) {
      const role = await ctx.store.read((tx) => mustGetRole(tx, ctx.accountId, str(input, 'RoleName')));
      return { Role: wireRole(role) };
    },
  },

  ListRoles: {
    checks: (input, ctx) => [{ resource: roleListArn(ctx.accountId, optStr(input, 'PathPrefix')) }],
    async run(input, ctx) {
      const pathPrefix = optStr(input, 'PathPrefix');
      const page = await ctx.store.read((tx) =>
        tx.roles.list({ accountId: ctx.accountId, ...pageRequest(input), ...(pathPrefix !== undefined && { pathPrefix }) }),
      );
      return { Roles: page.items.map((r) => wireRole(r, 'listed')), ...pageResult(page) };
    },
  },

  UpdateRole: {
    checks: async (input, ctx) => [await roleCheck(ctx, str(input, 'RoleName'), { boundary: true })],
    async run(input, ctx) {
      const description = optStr(input, 'Description');
      const maxSessionDuration = optInt(input, 'MaxSessionDuration');
      await ctx.store.write(async (tx) => {
        const role = await mustGetRole(tx, ctx.accountId, str(input, 'RoleName'));
        // AWS lets the owner edit a service-linked role's description, nothing else.
        if (maxSessionDuration !== undefined) assertModifiable(role);
        const updated = withDescription(role, description);
        await tx.roles.update(maxSessionDuration === undefined ? updated : { ...updated, maxSessionDuration });
      });
      return undefined;
    },
  },

  UpdateRoleDescription: {
    readsUsage: true,
    checks: async (input, ctx) => [await roleCheck(ctx, str(input, 'RoleName'), { boundary: true })],
    async run(input, ctx) {
      const role = await ctx.store.write(async (tx) => {
        const found = await mustGetRole(tx, ctx.accountId, str(input, 'RoleName'));
        const updated = withDescription(found, str(input, 'Description'));
        await tx.roles.update(updated);
        return updated;
      });
      return { Role: wireRole(role) };
    },
  },

  UpdateAssumeRolePolicy: {
    checks: async (input, ctx) => [await roleCheck(ctx, str(input, 'RoleName'), { boundary: true })],
    async run(input, ctx) {
      const document = str(input, 'PolicyDocument');
      validateTrustPolicy(document);
      await ctx.store.write(async (tx) => {
        const role = await mustGetRole(tx, ctx.accountId, str(input, 'RoleName'));
        assertModifiable(role);
        await tx.roles.update({ ...role, assumeRolePolicyDocument: document });
      });
      return undefined;
    },
  },

  DeleteRole: {
    checks: async (input, ctx) => [await roleCheck(ctx, str(input, 'RoleName'), { boundary: true })],
    async run(input, ctx) {
      await ctx.store.write(async (tx) => {
        const role = await mustGetRole(tx, ctx.accountId, str(input, 'RoleName'));
        assertModifiable(role);
        const owner = { accountId: ctx.accountId, kind: 'role' as const, name: role.name };
        const profiles = await tx.instanceProfiles.roles.listProfilesForRole(ctx.accountId, role.name, { limit: 1 });
        if (profiles.items.length > 0) throw deleteConflict('remove roles from instance profile');
        if ((await tx.policies.attachments.countAttached(owner)) > 0) throw deleteConflict('detach all policies');
        if ((await tx.inlinePolicies.listNames(owner, { limit: 1 })).items.length > 0) throw deleteConflict('delete policies');
        await tx.roles.delete(ctx.accountId, role.name);
        // A new role with the same ARN must not inherit this one's access history.
        await tx.serviceAccess.deleteForPrincipal(ctx.accountId, role.arn);
      });
      return undefined;
    },
  },
};

export const roleOperations: OperationTable = {
  ...coreOperations,
  ...roleTagOperations,
  ...roleBoundaryOperations,
  ...serviceLinkedRoleOperations,
};
