// From a signing access key to the caller: the key's secret for SigV4, then the
// root user or IAM user that owns it. Inactive keys are refused like unknown ones.

import type { Caller } from '../auth/caller.js';
import type { SecretBox } from '../auth/secret-box.js';
import { rootArn } from '../domain/arn.js';
import type { Store } from '../storage/ports.js';
import { IamError } from '../protocol/errors.js';

export interface CallerRecord {
  readonly secretAccessKey: string;
  readonly accessKeyId: string;
  readonly accountId: string;
  readonly userName: string | null;
}

export interface CredentialLookup {
  lookup(accessKeyId: string): Promise<CallerRecord | undefined>;
}

export function storeCredentials(store: Store, secrets: SecretBox): CredentialLookup {
  return {
    async lookup(accessKeyId) {
      const key = await store.read((tx) => tx.accessKeys.get(accessKeyId));
      if (key === undefined || key.status !== 'Active') return undefined;
      return {
        accessKeyId,
        accountId: key.accountId,
        userName: key.userName,
        secretAccessKey: secrets.open(key.secretCiphertext, `access-key:${accessKeyId}`),
      };
    },
  };
}

export async function resolveCaller(store: Store, record: CallerRecord): Promise<Caller> {
  if (record.userName === null) {
    return {
      accountId: record.accountId,
      principal: { type: 'Root', arn: rootArn(record.accountId), account: record.accountId },
      userId: record.accountId,
      accessKeyId: record.accessKeyId,
    };
  }
  const user = await store.read((tx) => tx.users.get(record.accountId, record.userName!));
  if (user === undefined) throw new IamError('InvalidClientTokenId', 'The security token included in the request is invalid.');
  return {
    accountId: record.accountId,
    principal: { type: 'User', arn: user.arn, account: record.accountId },
    userId: user.id,
    user,
    accessKeyId: record.accessKeyId,
  };
}
