// From a signing access key to the caller: the key's secret for SigV4, then the root user,
// IAM user or session behind it. Long-term keys (AKIA) come from the store; temporary keys
// (ASIA) from their session token, which any node can open. Inactive keys are refused like unknown ones.

import { mergeSessionTags, type Caller } from '../auth/caller.js';
import type { SecretBox } from '../auth/secret-box.js';
import type { SessionClaims } from '../auth/session-claims.js';
import { sessionTokenKeys } from '../auth/session-token.js';
import type { AccessKeyLastUsed, Role, User } from '../domain/entities.js';
import { assumedRoleArn, federatedUserArn, rootArn } from '../domain/arn.js';
import type { Store } from '../storage/ports.js';
import { IamError } from '../protocol/errors.js';

export interface CallerRecord {
  readonly secretAccessKey: string;
  readonly accessKeyId: string;
  readonly accountId: string;
  readonly userName: string | null;
  /** Present for temporary credentials. */
  readonly session?: SessionClaims;
}

export interface LookupOptions {
  /** X-Amz-Security-Token, header or query. */
  readonly securityToken?: string;
  /** The store generation the request read once after syncGeneration (caller-cache.ts). */
  readonly generation?: number;
  /** The server clock, for token expiry. */
  readonly now?: Date;
}

export interface CredentialLookup {
  /** Undefined for unknown keys and invalid tokens; throws ExpiredToken for expired ones. */
  lookup(accessKeyId: string, options?: LookupOptions): Promise<CallerRecord | undefined>;
}

const EXPIRED_MESSAGE = 'The security token included in the request is expired';

function invalidToken(): IamError {
  return new IamError('InvalidClientTokenId', 'The security token included in the request is invalid.');
}

export function storeCredentials(store: Store, secrets: SecretBox): CredentialLookup {
  return {
    async lookup(accessKeyId, options = {}) {
      if (accessKeyId.startsWith('ASIA')) {
        if (options.securityToken === undefined) return undefined;
        const verified = sessionTokenKeys(secrets).verify(options.securityToken, accessKeyId, options.now ?? new Date());
        if (!verified.ok) {
          if (verified.reason === 'expired') throw new IamError('ExpiredToken', EXPIRED_MESSAGE);
          return undefined;
        }
        const claims = verified.claims;
        return {
          accessKeyId,
          accountId: claims.accountId,
          userName: claims.user?.name ?? null,
          secretAccessKey: claims.secretAccessKey,
          session: claims,
        };
      }
      // A security token never goes with a long-term key.
      if (options.securityToken !== undefined) return undefined;
      const key = await store.read((tx) => tx.accessKeys.get(accessKeyId));
      if (key === undefined || key.status !== 'Active') return undefined;
      let secretAccessKey: string;
      try {
        secretAccessKey = secrets.open(key.secretCiphertext, `access-key:${accessKeyId}`);
      } catch {
        // Sealed under another master key (a wrong KEYWARD_MASTER_KEY): the key cannot sign here.
        return undefined;
      }
      return { accessKeyId, accountId: key.accountId, userName: key.userName, secretAccessKey };
    },
  };
}

/** Where resolveCaller reads users and roles: the store, or a cache in front of it. */
export interface EntitySource {
  user(accountId: string, name: string): Promise<User | undefined>;
  role(accountId: string, name: string): Promise<Role | undefined>;
}

export function storeEntities(store: Store): EntitySource {
  return {
    user: (accountId, name) => store.read((tx) => tx.users.get(accountId, name)),
    role: (accountId, name) => store.read((tx) => tx.roles.get(accountId, name)),
  };
}

export async function resolveCaller(store: EntitySource, record: CallerRecord): Promise<Caller> {
  const session = record.session;
  if (session?.kind === 'AssumedRole') return resolveRoleSession(store, record, session);
  if (session?.kind === 'FederatedUser') return resolveFederatedUser(store, record, session);
  if (record.userName === null) {
    return {
      accountId: record.accountId,
      principal: { type: 'Root', arn: rootArn(record.accountId), account: record.accountId },
      userId: record.accountId,
      accessKeyId: record.accessKeyId,
      ...(session !== undefined && { session }),
    };
  }
  const user = await store.user(record.accountId, record.userName);
  // A session of a user deleted (or deleted and recreated) since is refused like an unknown key.
  if (user === undefined || (session?.user !== undefined && session.user.id !== user.id)) throw invalidToken();
  return {
    accountId: record.accountId,
    principal: { type: 'User', arn: user.arn, account: record.accountId },
    userId: user.id,
    user,
    accessKeyId: record.accessKeyId,
    ...(session !== undefined && { session }),
  };
}

async function resolveRoleSession(store: EntitySource, record: CallerRecord, session: SessionClaims): Promise<Caller> {
  const claimed = session.role!;
  const sessionName = session.sessionName!;
  const found = await store.role(session.accountId, claimed.name);
  // A role deleted (or recreated under the same name) leaves its sessions with no permissions.
  const role = found !== undefined && found.id === claimed.id ? found : undefined;
  return {
    accountId: session.accountId,
    principal: {
      type: 'AssumedRole',
      arn: assumedRoleArn(session.accountId, claimed.name, sessionName),
      account: session.accountId,
      roleArn: claimed.arn,
    },
    userId: `${claimed.id}:${sessionName}`,
    accessKeyId: record.accessKeyId,
    session,
    ...(role !== undefined && { role }),
    principalTags: mergeSessionTags(role?.tags ?? [], session.tags),
  };
}

async function resolveFederatedUser(store: EntitySource, record: CallerRecord, session: SessionClaims): Promise<Caller> {
  const name = session.sessionName!;
  let userTags: Caller['principalTags'] = [];
  if (session.user !== undefined) {
    const issuer = session.user;
    const user = await store.user(session.accountId, issuer.name);
    if (user === undefined || user.id !== issuer.id) throw invalidToken();
    userTags = user.tags;
  }
  return {
    accountId: session.accountId,
    principal: { type: 'FederatedUser', arn: federatedUserArn(session.accountId, name), account: session.accountId },
    userId: `${session.accountId}:${name}`,
    accessKeyId: record.accessKeyId,
    session,
    principalTags: mergeSessionTags(userTags, session.tags),
  };
}

/** Records the use of the signing credentials: the access key's last use, or the role's for its sessions. */
export function recordCredentialUse(store: Store, caller: Caller, use: AccessKeyLastUsed): void {
  const done = (): undefined => undefined;
  if (caller.session === undefined) {
    void store.recordAccessKeyUse(caller.accessKeyId, use).catch(done);
  } else if (caller.role !== undefined) {
    void store.recordRoleUse(caller.accountId, caller.role.id, { date: use.date, region: use.region }).catch(done);
  }
}
