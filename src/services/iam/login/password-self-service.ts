// The permissions a password policy's AllowUsersToChangePassword gives every IAM user:
// iam:ChangePassword on its own user and iam:GetAccountPasswordPolicy. AWS applies them "at the
// account level ... not attached to each user", so Keyward presents them to the engine as a
// resource-based policy naming the caller: an explicit deny in the user's policies still wins.

import type { Caller } from '../../../auth/caller.js';
import type { PasswordPolicy } from '../../../domain/entities.js';
import type { CompiledPolicy } from '../../../policy/evaluate/compile-policy.js';
import { compiledPolicy } from '../../policy-cache.js';

export type SelfServiceAction = 'iam:ChangePassword' | 'iam:GetAccountPasswordPolicy';

/** The grant as a policy document; exported for tests. */
export function selfServiceDocument(userArn: string, action: SelfServiceAction, resource: string): string {
  return JSON.stringify({
    Version: '2012-10-17',
    Statement: [{ Sid: 'AllowUsersToChangePassword', Effect: 'Allow', Principal: { AWS: userArn }, Action: action, Resource: resource }],
  });
}

/**
 * The resource-based policies to add to a check: the grant when the policy allows users to
 * change their passwords and the caller is an IAM user; none otherwise.
 */
export function selfServiceGrant(
  caller: Caller,
  policy: PasswordPolicy | undefined,
  action: SelfServiceAction,
  resource: string,
): readonly CompiledPolicy[] | undefined {
  const user = caller.user;
  if (user === undefined || policy?.allowUsersToChangePassword !== true) return undefined;
  const text = selfServiceDocument(user.arn, action, resource);
  const compiled = compiledPolicy(`account-password-policy/${action}`, 'resource', 'resource', text);
  return compiled === undefined ? undefined : [compiled];
}
