// Issuing temporary credentials: a fresh ASIA key id and secret, sealed with the session's
// claims into the session token; nothing is stored, any node can verify the token.

import type { SessionClaims } from '../../auth/session-claims.js';
import { sessionTokenKeys } from '../../auth/session-token.js';
import { AWS_MANAGED_ACCOUNT } from '../../domain/entities.js';
import { newAccessKeyId, newSecretAccessKey } from '../../domain/ids.js';
import type { WireObject } from '../../protocol/wire-value.js';
import type { StoreTx } from '../../storage/ports.js';
import type { ServiceContext } from '../operation.js';
import { unknownPolicyArn } from './sts-errors.js';

/** The claims a session starts with; the key, secret and times are added when it is issued. */
export type SessionDraft = Omit<SessionClaims, 'accessKeyId' | 'secretAccessKey' | 'issuedAt' | 'expiresAt'>;

export interface IssuedSession {
  readonly claims: SessionClaims;
  /** The `Credentials` member of the response. */
  readonly credentials: WireObject;
}

export function issueSession(ctx: Pick<ServiceContext, 'now' | 'random' | 'secrets'>, draft: SessionDraft, durationSeconds: number): IssuedSession {
  const issuedAt = Math.floor(ctx.now.getTime() / 1000);
  const claims: SessionClaims = {
    ...draft,
    accessKeyId: newAccessKeyId('ASIA', ctx.random, { accountId: draft.accountId }),
    secretAccessKey: newSecretAccessKey(ctx.random),
    issuedAt,
    expiresAt: issuedAt + durationSeconds,
  };
  return {
    claims,
    credentials: {
      AccessKeyId: claims.accessKeyId,
      SecretAccessKey: claims.secretAccessKey,
      SessionToken: sessionTokenKeys(ctx.secrets).seal(claims),
      Expiration: new Date(claims.expiresAt * 1000),
    },
  };
}

/** Managed session policies must exist, in the session's account or AWS managed. */
export async function requireSessionPolicyArns(tx: StoreTx, accountId: string, arns: readonly string[]): Promise<void> {
  for (const arn of arns) {
    const policy = await tx.policies.get(arn);
    if (policy === undefined || (policy.accountId !== accountId && policy.accountId !== AWS_MANAGED_ACCOUNT)) throw unknownPolicyArn();
  }
}
