// userIdentity for a caller Keyward verified: the root user, an IAM user (long-term keys or
// a GetSessionToken session), a role session or a federated user. Unsigned federation calls
// and failed signatures name only what can be trusted.

import type { Caller } from '../../auth/caller.js';
import { cloudTrailTime, type SessionContext, type UserIdentity } from './cloudtrail-record.js';

export interface IdentityOptions {
  /** The account alias, which CloudTrail gives as the root user's userName. */
  readonly accountAlias?: string;
}

function rootArn(accountId: string): string {
  return `arn:aws:iam::${accountId}:root`;
}

function sessionAttributes(caller: Caller): SessionContext['attributes'] | undefined {
  const session = caller.session;
  if (session === undefined) return undefined;
  return { creationDate: cloudTrailTime(new Date(session.issuedAt * 1000)), mfaAuthenticated: session.mfa !== undefined ? 'true' : 'false' };
}

/** The identity of a verified caller. */
export function userIdentityOf(caller: Caller, options: IdentityOptions = {}): UserIdentity {
  const { principal, accountId } = caller;
  const attributes = sessionAttributes(caller);
  const session = caller.session;
  const base = { accountId, accessKeyId: caller.accessKeyId };
  switch (principal.type) {
    case 'Root':
      return {
        type: 'Root',
        principalId: accountId,
        arn: rootArn(accountId),
        ...base,
        ...(options.accountAlias !== undefined && { userName: options.accountAlias }),
        ...(attributes !== undefined && { sessionContext: { attributes } }),
      };
    case 'AssumedRole': {
      const role = session?.role;
      return {
        type: 'AssumedRole',
        principalId: caller.userId,
        arn: principal.arn,
        ...base,
        sessionContext: {
          ...(role !== undefined && { sessionIssuer: { type: 'Role', principalId: role.id, arn: role.arn, accountId, userName: role.name } }),
          webIdFederationData: {},
          attributes: attributes ?? { creationDate: '', mfaAuthenticated: 'false' },
          ...(session?.sourceIdentity !== undefined && { sourceIdentity: session.sourceIdentity }),
        },
      };
    }
    case 'FederatedUser': {
      const user = session?.user;
      return {
        type: 'FederatedUser',
        principalId: caller.userId,
        arn: principal.arn,
        ...base,
        sessionContext: {
          sessionIssuer:
            user !== undefined
              ? { type: 'IAMUser', principalId: user.id, arn: caller.user?.arn ?? `arn:aws:iam::${accountId}:user/${user.name}`, accountId, userName: user.name }
              : { type: 'Root', principalId: accountId, arn: rootArn(accountId), accountId },
          attributes: attributes ?? { creationDate: '', mfaAuthenticated: 'false' },
        },
      };
    }
    case 'User':
      return {
        type: 'IAMUser',
        principalId: caller.userId,
        arn: principal.arn,
        ...base,
        ...(caller.user !== undefined && { userName: caller.user.name }),
        ...(attributes !== undefined && { sessionContext: { attributes } }),
      };
    default:
      return { type: 'Unknown', ...(caller.accessKeyId !== '' && { accessKeyId: caller.accessKeyId }) };
  }
}

/** A web identity or SAML federation call: the identity the token or assertion named. */
export function federatedIdentity(kind: 'WebIdentityUser' | 'SAMLUser', provider: string, subject: string, principalId: string): UserIdentity {
  return { type: kind, principalId, userName: subject, identityProvider: provider };
}

/**
 * A request whose signature did not verify: only the key id it claimed, never an identity
 * resolved from it (the claim is unproven).
 */
export function unverifiedIdentity(claimedAccessKeyId: string | undefined): UserIdentity {
  return { type: 'Unknown', ...(claimedAccessKeyId !== undefined && { accessKeyId: claimedAccessKeyId }) };
}
