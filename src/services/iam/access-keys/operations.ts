// Access keys: long-term credentials of IAM users and the root user. The secret is
// sealed with the master key at rest and returned only once, by CreateAccessKey.

import type { AccessKey } from '../../../domain/entities.js';
import { rootArn, userArn } from '../../../domain/arn.js';
import { newAccessKeyId, newSecretAccessKey } from '../../../domain/ids.js';
import { ACCESS_KEYS_PER_ROOT_USER, ACCESS_KEYS_PER_USER } from '../../../domain/quotas.js';
import { IamError } from '../../../protocol/errors.js';
import type { WireObject } from '../../../protocol/wire-value.js';
import { optStr, str } from '../../input.js';
import type { AuthCheck, OperationTable, ServiceContext } from '../../operation.js';
import { pageResult } from '../../paging.js';
import { noSuchUser, quotaExceeded } from '../errors.js';
import { pageOf } from '../list-page.js';
import { resourceTagKeys } from '../tag-keys.js';
import { targetUserName } from '../users/operations.js';

async function keyOwnerCheck(input: WireObject, ctx: ServiceContext): Promise<AuthCheck[]> {
  const name = targetUserName(input, ctx);
  if (name === undefined) return [{ resource: rootArn(ctx.accountId) }];
  const user = await ctx.store.read((tx) => tx.users.get(ctx.accountId, name));
  return [{ resource: user?.arn ?? userArn(ctx.accountId, '/', name), keys: resourceTagKeys(user?.tags) }];
}

function noSuchKey(id: string): IamError {
  return new IamError('NoSuchEntity', `The Access Key with id ${id} cannot be found.`);
}

/** Seals a secret for storage, bound to its key id. */
export function sealSecret(ctx: Pick<ServiceContext, 'secrets'>, accessKeyId: string, secret: string): string {
  return ctx.secrets.seal(secret, `access-key:${accessKeyId}`);
}

export function openSecret(ctx: Pick<ServiceContext, 'secrets'>, key: AccessKey): string {
  return ctx.secrets.open(key.secretCiphertext, `access-key:${key.accessKeyId}`);
}

/** Finds a key of the named user (or root when userName is null); NoSuchEntity otherwise. */
async function ownedKey(ctx: ServiceContext, id: string, userName: string | null): Promise<AccessKey> {
  const key = await ctx.store.read((tx) => tx.accessKeys.get(id));
  if (key === undefined || key.accountId !== ctx.accountId || key.userName?.toLowerCase() !== userName?.toLowerCase()) {
    throw noSuchKey(id);
  }
  return key;
}

export const accessKeyOperations: OperationTable = {
  CreateAccessKey: {
    checks: keyOwnerCheck,
    async run(input, ctx) {
      const userName = targetUserName(input, ctx) ?? null;
      const accessKeyId = newAccessKeyId('AKIA', ctx.random, { accountId: ctx.accountId });
      const secret = newSecretAccessKey(ctx.random);
      const key = await ctx.store.write(async (tx) => {
        let owner: string | null = null;
        if (userName !== null) {
          const user = await tx.users.get(ctx.accountId, userName);
          if (user === undefined) throw noSuchUser(userName);
          owner = user.name;
        }
        const limit = owner === null ? ACCESS_KEYS_PER_ROOT_USER : ACCESS_KEYS_PER_USER;
        if ((await tx.accessKeys.countForUser(ctx.accountId, owner)) >= limit) throw quotaExceeded('AccessKeysPerUser', limit);
        const created: AccessKey = {
          accountId: ctx.accountId,
          accessKeyId,
          userName: owner,
          secretCiphertext: sealSecret(ctx, accessKeyId, secret),
          status: 'Active',
          createDate: ctx.now,
        };
        await tx.accessKeys.insert(created);
        return created;
      });
      return {
        AccessKey: {
          ...(key.userName !== null && { UserName: key.userName }),
          AccessKeyId: key.accessKeyId,
          Status: key.status,
          SecretAccessKey: secret,
          CreateDate: key.createDate,
        },
      };
    },
  },

  ListAccessKeys: {
    checks: keyOwnerCheck,
    async run(input, ctx) {
      const userName = targetUserName(input, ctx) ?? null;
      const keys = await ctx.store.read(async (tx) => {
        if (userName !== null && (await tx.users.get(ctx.accountId, userName)) === undefined) throw noSuchUser(userName);
        return tx.accessKeys.listForUser(ctx.accountId, userName);
      });
      const page = pageOf(keys, input);
      return {
        AccessKeyMetadata: page.items.map((k) => ({
          ...(k.userName !== null && { UserName: k.userName }),
          AccessKeyId: k.accessKeyId,
          Status: k.status,
          CreateDate: k.createDate,
        })),
        ...pageResult(page),
      };
    },
  },

  UpdateAccessKey: {
    checks: keyOwnerCheck,
    async run(input, ctx) {
      const id = str(input, 'AccessKeyId');
      const key = await ownedKey(ctx, id, targetUserName(input, ctx) ?? null);
      await ctx.store.write((tx) => tx.accessKeys.updateStatus(key.accessKeyId, str(input, 'Status') === 'Inactive' ? 'Inactive' : 'Active'));
      return undefined;
    },
  },

  DeleteAccessKey: {
    checks: keyOwnerCheck,
    async run(input, ctx) {
      const id = str(input, 'AccessKeyId');
      const key = await ownedKey(ctx, id, targetUserName(input, ctx) ?? null);
      await ctx.store.write((tx) => tx.accessKeys.delete(key.accessKeyId));
      return undefined;
    },
  },

  GetAccessKeyLastUsed: {
    readsUsage: true,
    // Any identity may ask about a key; AWS checks iam:GetAccessKeyLastUsed on the key's owner.
    async checks(input, ctx) {
      const key = await ctx.store.read((tx) => tx.accessKeys.get(str(input, 'AccessKeyId')));
      if (key === undefined || key.accountId !== ctx.accountId) return [{ resource: userArn(ctx.accountId, '/', '*') }];
      if (key.userName === null) return [{ resource: rootArn(ctx.accountId) }];
      return keyOwnerCheck({ UserName: key.userName }, ctx);
    },
    async run(input, ctx) {
      const id = str(input, 'AccessKeyId');
      const key = await ctx.store.read((tx) => tx.accessKeys.get(id));
      if (key === undefined || key.accountId !== ctx.accountId) throw noSuchKey(id);
      const used = key.lastUsed;
      return {
        ...(key.userName !== null && { UserName: key.userName }),
        AccessKeyLastUsed: used
          ? { LastUsedDate: used.date, ServiceName: used.service, Region: used.region }
          : { ServiceName: 'N/A', Region: 'N/A' },
      };
    },
  },
};

export { optStr };
