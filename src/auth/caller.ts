// Who signed a request: the principal behind an access key (root or IAM user), as the
// services and the authorizer see it.

import type { RequestPrincipal } from '../policy/context.js';
import type { User } from '../domain/entities.js';

export interface Caller {
  readonly accountId: string;
  readonly principal: RequestPrincipal;
  /** aws:userid: the account id for root, AIDA... for users. */
  readonly userId: string;
  /** Present for IAM users. */
  readonly user?: User;
  readonly accessKeyId: string;
}

export function isRoot(caller: Caller): boolean {
  return caller.principal.type === 'Root';
}
