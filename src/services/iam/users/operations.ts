// IAM users: create, read, update, delete, list, tags and permissions boundaries.

import type { Tag, User } from '../../../domain/entities.js';
import { userArn } from '../../../domain/arn.js';
import { newUniqueId } from '../../../domain/ids.js';
import { TAGS_PER_RESOURCE, USERS_PER_ACCOUNT } from '../../../domain/quotas.js';
import { IamError } from '../../../protocol/errors.js';
import type { WireObject } from '../../../protocol/wire-value.js';
import type { StoreTx } from '../../../storage/ports.js';
import { optStr, str, strList, wireTags } from '../../input.js';
import type { AuthCheck, OperationTable, ServiceContext } from '../../operation.js';
import { pageRequest, pageResult } from '../../paging.js';
import { tagPage } from '../list-page.js';
import { alreadyExists, deleteConflict, noSuchPolicy, noSuchUser, quotaExceeded } from '../errors.js';
import { mergeTags, removeTags, requestTagKeys, requestTags, resourceTagKeys, tagKeyList } from '../tag-keys.js';
import { requireAttachablePolicy } from '../policies/lookup.js';

/** `listed`: ListUsers, which leaves out the boundary and tags, as AWS does. */
export function wireUser(user: User, view: 'full' | 'listed' = 'full'): WireObject {
  const listed: WireObject = {
    Path: user.path,
    UserName: user.name,
    UserId: user.id,
    Arn: user.arn,
    CreateDate: user.createDate,
    ...(user.passwordLastUsed && { PasswordLastUsed: user.passwordLastUsed }),
  };
  if (view === 'listed') return listed;
  // Members are written in the model's order, whatever the order here.
  return {
    ...listed,
    ...(user.permissionsBoundaryArn && {
      PermissionsBoundary: { PermissionsBoundaryType: 'PermissionsBoundaryPolicy', PermissionsBoundaryArn: user.permissionsBoundaryArn },
    }),
    ...(user.tags.length > 0 && { Tags: wireTags(user.tags) }),
  };
}

/**
 * The check for an existing user: its real ARN, its tags and its current boundary
 * (`iam:PermissionsBoundary`, so a guard like "deny DeleteUserPermissionsBoundary when the
 * boundary is X" works), or the path-less ARN when it does not exist.
 */
async function userCheck(ctx: ServiceContext, name: string, keys: Record<string, string | string[]> = {}): Promise<AuthCheck> {
  const user = await ctx.store.read((tx) => tx.users.get(ctx.accountId, name));
  return {
    resource: user?.arn ?? userArn(ctx.accountId, '/', name),
    keys: {
      ...resourceTagKeys(user?.tags),
      ...(user?.permissionsBoundaryArn !== undefined && { 'iam:PermissionsBoundary': user.permissionsBoundaryArn }),
      ...keys,
    },
  };
}

async function mustGetUser(tx: StoreTx, accountId: string, name: string): Promise<User> {
  const user = await tx.users.get(accountId, name);
  if (user === undefined) throw noSuchUser(name);
  return user;
}

function checkTagCount(tags: readonly Tag[]): void {
  if (tags.length > TAGS_PER_RESOURCE) {
    throw new IamError('LimitExceeded', `The number of tags has reached the maximum limit of ${TAGS_PER_RESOURCE}.`);
  }
}

/** The caller's own user name when UserName is omitted (GetUser, ListAccessKeys, ...). */
/**
 * The caller's own user name when UserName is omitted (GetUser, ListAccessKeys, ...);
 * undefined means the root user. Role sessions and federated users must name a user.
 */
export function targetUserName(input: WireObject, ctx: ServiceContext): string | undefined {
  const given = optStr(input, 'UserName');
  if (given !== undefined) return given;
  if (ctx.caller.user !== undefined) return ctx.caller.user.name;
  if (ctx.caller.principal.type !== 'Root') {
    throw new IamError('ValidationError', 'Must specify userName when calling with non-User credentials');
  }
  return undefined;
}

export const userOperations: OperationTable = {
  CreateUser: {
    checks(input, ctx) {
      const tags = requestTags(input);
      const path = optStr(input, 'Path') ?? '/';
      const boundary = optStr(input, 'PermissionsBoundary');
      const resource = userArn(ctx.accountId, path, str(input, 'UserName'));
      const keys = { ...requestTagKeys(tags), ...(boundary !== undefined && { 'iam:PermissionsBoundary': boundary }) };
      const checks: AuthCheck[] = [{ resource, keys }];
      if (tags.length > 0) checks.push({ action: 'iam:TagUser', resource, keys });
      return checks;
    },
    async run(input, ctx) {
      const name = str(input, 'UserName');
      const path = optStr(input, 'Path') ?? '/';
      const tags = requestTags(input);
      checkTagCount(tags);
      const boundary = optStr(input, 'PermissionsBoundary');
      const user = await ctx.store.write(async (tx) => {
        if (await tx.users.get(ctx.accountId, name)) throw alreadyExists('User', name);
        if ((await tx.users.count(ctx.accountId)) >= USERS_PER_ACCOUNT) throw quotaExceeded('UsersPerAccount', USERS_PER_ACCOUNT);
        if (boundary !== undefined) await requireAttachablePolicy(tx, boundary);
        const created: User = {
          accountId: ctx.accountId,
          id: newUniqueId('AIDA', ctx.random),
          name,
          path,
          arn: userArn(ctx.accountId, path, name),
          createDate: ctx.now,
          tags,
          ...(boundary !== undefined && { permissionsBoundaryArn: boundary }),
        };
        await tx.users.insert(created);
        return created;
      });
      return { User: wireUser(user) };
    },
  },

  GetUser: {
    async checks(input, ctx) {
      const name = targetUserName(input, ctx);
      if (name === undefined) return []; // the root user reading itself
      return [await userCheck(ctx, name)];
    },
    async run(input, ctx) {
      const name = targetUserName(input, ctx);
      if (name === undefined) {
        const account = await ctx.store.read((tx) => tx.accounts.get(ctx.accountId));
        return { User: { UserId: ctx.accountId, Arn: ctx.caller.principal.arn, CreateDate: account?.createdAt ?? ctx.now } };
      }
      const user = await ctx.store.read((tx) => mustGetUser(tx, ctx.accountId, name));
      return { User: wireUser(user) };
    },
  },

  ListUsers: {
    // AWS checks List* against the type's ARN with the path prefix (`arn:aws:iam::ACCT:user/`).
    checks: (input, ctx) => [{ resource: `arn:aws:iam::${ctx.accountId}:user${optStr(input, 'PathPrefix') ?? '/'}` }],
    async run(input, ctx) {
      const pathPrefix = optStr(input, 'PathPrefix');
      const page = await ctx.store.read((tx) =>
        tx.users.list({ accountId: ctx.accountId, ...pageRequest(input), ...(pathPrefix !== undefined && { pathPrefix }) }),
      );
      return {
        Users: page.items.map((u) => wireUser(u, 'listed')),
        ...pageResult(page),
      };
    },
  },

  UpdateUser: {
    async checks(input, ctx) {
      const name = str(input, 'UserName');
      const checks = [await userCheck(ctx, name)];
      const newName = optStr(input, 'NewUserName');
      const newPath = optStr(input, 'NewPath');
      if (newName !== undefined || newPath !== undefined) {
        // Moving or renaming needs the permission on the user's new ARN too, as AWS checks both.
        const user = await ctx.store.read((tx) => tx.users.get(ctx.accountId, name));
        const resource = userArn(ctx.accountId, newPath ?? user?.path ?? '/', newName ?? user?.name ?? name);
        checks.push({ resource, keys: checks[0]?.keys ?? {} });
      }
      return checks;
    },
    async run(input, ctx) {
      const name = str(input, 'UserName');
      const newName = optStr(input, 'NewUserName');
      const newPath = optStr(input, 'NewPath');
      await ctx.store.write(async (tx) => {
        const user = await mustGetUser(tx, ctx.accountId, name);
        if (newName !== undefined && newName.toLowerCase() !== name.toLowerCase() && (await tx.users.get(ctx.accountId, newName))) {
          throw alreadyExists('User', newName);
        }
        const path = newPath ?? user.path;
        const finalName = newName ?? user.name;
        await tx.users.update({ ...user, name: finalName, path, arn: userArn(ctx.accountId, path, finalName) });
      });
      return undefined;
    },
  },

  DeleteUser: {
    checks: async (input, ctx) => [await userCheck(ctx, str(input, 'UserName'))],
    async run(input, ctx) {
      const name = str(input, 'UserName');
      await ctx.store.write(async (tx) => {
        const user = await mustGetUser(tx, ctx.accountId, name);
        const owner = { accountId: ctx.accountId, kind: 'user' as const, name: user.name };
        if ((await tx.accessKeys.countForUser(ctx.accountId, user.name)) > 0) throw deleteConflict('delete access keys');
        if ((await tx.groups.members.countGroupsForUser(ctx.accountId, user.name)) > 0) throw deleteConflict('remove users from group');
        if ((await tx.policies.attachments.countAttached(owner)) > 0) throw deleteConflict('detach all policies');
        if ((await tx.inlinePolicies.listNames(owner, { limit: 1 })).items.length > 0) throw deleteConflict('delete policies');
        // The credentials AWS makes you remove first (DeleteUser in the API reference).
        if ((await tx.loginProfiles.get(ctx.accountId, user.name)) !== undefined) throw deleteConflict('delete login profile');
        if ((await tx.mfaDevices.countForUser(ctx.accountId, user.name)) > 0) throw deleteConflict('delete MFA device');
        if ((await tx.signingCertificates.countForUser(ctx.accountId, user.name)) > 0) throw deleteConflict('delete signing certificates');
        if ((await tx.sshPublicKeys.countForUser(ctx.accountId, user.name)) > 0) throw deleteConflict('delete SSH public keys');
        if ((await tx.serviceSpecificCredentials.countForUser(ctx.accountId, user.name)) > 0) {
          throw deleteConflict('delete service-specific credentials');
        }
        await tx.users.delete(ctx.accountId, user.name);
        // A new user with the same ARN must not inherit this one's access history.
        await tx.serviceAccess.deleteForPrincipal(ctx.accountId, user.arn);
      });
      return undefined;
    },
  },

  TagUser: {
    checks: async (input, ctx) => [await userCheck(ctx, str(input, 'UserName'), requestTagKeys(requestTags(input)) as Record<string, string | string[]>)],
    async run(input, ctx) {
      await ctx.store.write(async (tx) => {
        const user = await mustGetUser(tx, ctx.accountId, str(input, 'UserName'));
        const tags = mergeTags(user.tags, requestTags(input));
        checkTagCount(tags);
        await tx.users.update({ ...user, tags });
      });
      return undefined;
    },
  },

  UntagUser: {
    checks: async (input, ctx) => [await userCheck(ctx, str(input, 'UserName'), tagKeyList(strList(input, 'TagKeys')) as Record<string, string[]>)],
    async run(input, ctx) {
      await ctx.store.write(async (tx) => {
        const user = await mustGetUser(tx, ctx.accountId, str(input, 'UserName'));
        await tx.users.update({ ...user, tags: removeTags(user.tags, strList(input, 'TagKeys')) });
      });
      return undefined;
    },
  },

  ListUserTags: {
    checks: async (input, ctx) => [await userCheck(ctx, str(input, 'UserName'))],
    async run(input, ctx) {
      const user = await ctx.store.read((tx) => mustGetUser(tx, ctx.accountId, str(input, 'UserName')));
      return tagPage(user.tags, input);
    },
  },

  PutUserPermissionsBoundary: {
    checks: async (input, ctx) => [
      await userCheck(ctx, str(input, 'UserName'), { 'iam:PermissionsBoundary': str(input, 'PermissionsBoundary') }),
    ],
    async run(input, ctx) {
      const arn = str(input, 'PermissionsBoundary');
      await ctx.store.write(async (tx) => {
        const user = await mustGetUser(tx, ctx.accountId, str(input, 'UserName'));
        await requireAttachablePolicy(tx, arn);
        await tx.users.update({ ...user, permissionsBoundaryArn: arn });
      });
      return undefined;
    },
  },

  DeleteUserPermissionsBoundary: {
    checks: async (input, ctx) => [await userCheck(ctx, str(input, 'UserName'))],
    async run(input, ctx) {
      await ctx.store.write(async (tx) => {
        const user = await mustGetUser(tx, ctx.accountId, str(input, 'UserName'));
        const { permissionsBoundaryArn: _dropped, ...rest } = user;
        await tx.users.update(rest);
      });
      return undefined;
    },
  },
};

export { noSuchPolicy };
