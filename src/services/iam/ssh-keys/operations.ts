// IAM users' SSH public keys (CodeCommit): upload in SSH or PEM encoding, read back in either,
// switch on and off, delete, list; five per user, each key once per user.

import type { SshPublicKey } from '../../../domain/credentials.js';
import { newSshPublicKeyId } from '../../../domain/ids.js';
import { SSH_PUBLIC_KEYS_PER_USER } from '../../../domain/quotas.js';
import { IamError } from '../../../protocol/errors.js';
import type { WireObject } from '../../../protocol/wire-value.js';
import type { StoreTx } from '../../../storage/ports.js';
import { str } from '../../input.js';
import type { OperationTable, ServiceContext } from '../../operation.js';
import { pageResult } from '../../paging.js';
import { ownerCheck } from '../certificates/owner-check.js';
import { pageOf } from '../list-page.js';
import { settableStatus } from '../certificates/status.js';
import { noSuchUser, quotaExceeded } from '../errors.js';
import { parseSshPublicKey } from './public-key.js';
import { targetUserName } from '../users/operations.js';

const noSuchKey = (id: string): IamError => new IamError('NoSuchEntity', `The Public Key with id ${id} cannot be found.`);

function wireKey(key: SshPublicKey, body: string): WireObject {
  return {
    UserName: key.userName,
    SSHPublicKeyId: key.sshPublicKeyId,
    Fingerprint: key.fingerprint,
    SSHPublicKeyBody: body,
    Status: key.status,
    UploadDate: key.uploadDate,
  };
}

const namedUserCheck = async (input: WireObject, ctx: ServiceContext) => [await ownerCheck(ctx, str(input, 'UserName'))];

async function mustGetUserName(tx: StoreTx, accountId: string, name: string): Promise<string> {
  const user = await tx.users.get(accountId, name);
  if (user === undefined) throw noSuchUser(name);
  return user.name;
}

/** The user's key; NoSuchEntity when the id is unknown or another user's. */
async function ownedKey(tx: StoreTx, accountId: string, userName: string, id: string): Promise<SshPublicKey> {
  const owner = await mustGetUserName(tx, accountId, userName);
  const key = await tx.sshPublicKeys.get(accountId, id);
  if (key === undefined || key.userName.toLowerCase() !== owner.toLowerCase()) throw noSuchKey(id);
  return key;
}

export const sshKeyOperations: OperationTable = {
  UploadSSHPublicKey: {
    checks: namedUserCheck,
    async run(input, ctx) {
      const userName = str(input, 'UserName');
      const material = parseSshPublicKey(str(input, 'SSHPublicKeyBody'));
      const id = newSshPublicKeyId(ctx.random);
      const created = await ctx.store.write(async (tx) => {
        const owner = await mustGetUserName(tx, ctx.accountId, userName);
        const existing = await tx.sshPublicKeys.listForUser(ctx.accountId, owner);
        if (existing.some((k) => k.fingerprint === material.fingerprint)) {
          throw new IamError('DuplicateSSHPublicKey', 'The SSH public key is already associated with the specified IAM user.');
        }
        if (existing.length >= SSH_PUBLIC_KEYS_PER_USER) throw quotaExceeded('SSHPublicKeysPerUser', SSH_PUBLIC_KEYS_PER_USER);
        const key: SshPublicKey = {
          accountId: ctx.accountId,
          sshPublicKeyId: id,
          userName: owner,
          body: material.openSsh,
          fingerprint: material.fingerprint,
          status: 'Active',
          uploadDate: ctx.now,
        };
        await tx.sshPublicKeys.insert(key);
        return key;
      });
      return { SSHPublicKey: wireKey(created, material.openSsh) };
    },
  },

  GetSSHPublicKey: {
    checks: namedUserCheck,
    async run(input, ctx) {
      const key = await ctx.store.read((tx) => ownedKey(tx, ctx.accountId, str(input, 'UserName'), str(input, 'SSHPublicKeyId')));
      // Stored in SSH encoding; PEM is derived from it on request.
      const body = str(input, 'Encoding') === 'PEM' ? parseSshPublicKey(key.body).pem : key.body;
      return { SSHPublicKey: wireKey(key, body) };
    },
  },

  ListSSHPublicKeys: {
    // Without UserName, the signer's own keys; the root user has none.
    checks: async (input, ctx) => [await ownerCheck(ctx, targetUserName(input, ctx))],
    async run(input, ctx) {
      const userName = targetUserName(input, ctx);
      const keys =
        userName === undefined
          ? []
          : await ctx.store.read(async (tx) => tx.sshPublicKeys.listForUser(ctx.accountId, await mustGetUserName(tx, ctx.accountId, userName)));
      const page = pageOf(keys, input);
      return {
        SSHPublicKeys: page.items.map((k) => ({ UserName: k.userName, SSHPublicKeyId: k.sshPublicKeyId, Status: k.status, UploadDate: k.uploadDate })),
        ...pageResult(page),
      };
    },
  },

  UpdateSSHPublicKey: {
    checks: namedUserCheck,
    async run(input, ctx) {
      const status = settableStatus(input);
      await ctx.store.write(async (tx) => {
        const key = await ownedKey(tx, ctx.accountId, str(input, 'UserName'), str(input, 'SSHPublicKeyId'));
        await tx.sshPublicKeys.updateStatus(ctx.accountId, key.sshPublicKeyId, status);
      });
      return undefined;
    },
  },

  DeleteSSHPublicKey: {
    checks: namedUserCheck,
    async run(input, ctx) {
      await ctx.store.write(async (tx) => {
        const key = await ownedKey(tx, ctx.accountId, str(input, 'UserName'), str(input, 'SSHPublicKeyId'));
        await tx.sshPublicKeys.delete(ctx.accountId, key.sshPublicKeyId);
      });
      return undefined;
    },
  },
};
