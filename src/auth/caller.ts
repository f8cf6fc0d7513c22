// Who signed a request: the principal behind an access key (root or IAM user) or behind
// temporary credentials (a role session, a federated user, a user's session token).

import type { RequestPrincipal } from '../policy/context.js';
import type { Role, Tag, User } from '../domain/entities.js';
import type { SessionClaims } from './session-claims.js';

export interface Caller {
  readonly accountId: string;
  readonly principal: RequestPrincipal;
  /** aws:userid: the account id for root, AIDA... for users, AROA...:session for role sessions, ACCT:name for federated users. */
  readonly userId: string;
  /** The IAM user: the signer of long-term keys or of a GetSessionToken session. */
  readonly user?: User;
  readonly accessKeyId: string;
  /** Present for temporary credentials: what the session token carried. */
  readonly session?: SessionClaims;
  /** For role sessions: the role as it is now; absent when it was deleted (the session then may do nothing). */
  readonly role?: Role;
  /** aws:PrincipalTag/*: entity tags merged with session tags (session tags win); defaults to the user's tags. */
  readonly principalTags?: readonly Tag[];
}

export function isRoot(caller: Caller): boolean {
  return caller.principal.type === 'Root';
}

/** Tags the request context exposes as aws:PrincipalTag/*. */
export function principalTags(caller: Caller): readonly Tag[] {
  return caller.principalTags ?? caller.user?.tags ?? [];
}

/** Entity tags with session tags laid over them; keys compare case-insensitively, as AWS's do. */
export function mergeSessionTags(entityTags: readonly Tag[], sessionTags: readonly Tag[]): Tag[] {
  const out = entityTags.filter((t) => !sessionTags.some((s) => s.key.toLowerCase() === t.key.toLowerCase()));
  return [...out, ...sessionTags];
}
