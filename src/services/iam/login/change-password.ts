// ChangePassword: an IAM user replaces its own console password, proving the old one. Checked
// against the user's own ARN; the password policy's AllowUsersToChangePassword grants it too.
// Expiry is not checked: AWS lets a user with iam:ChangePassword renew an expired password
// through the API even under HardExpiry.

import { verifyPassword } from '../../../auth/password/hash.js';
import { isLocked } from '../../../auth/password/lockout.js';
import type { User } from '../../../domain/entities.js';
import { str } from '../../input.js';
import type { AuthCheck, Operation, ServiceContext } from '../../operation.js';
import { notAnIamUser, tooManyPasswordAttempts, wrongOldPassword } from './errors.js';
import { mustGetProfile, recordFailedAttempt, withoutLockout } from './profile-lookup.js';
import { selfServiceGrant } from './password-self-service.js';
import { setPassword, type PasswordOwner } from './password-set.js';
import { resourceTagKeys } from '../tag-keys.js';

/** Only IAM users (with their keys or a GetSessionToken session) have a password of their own to change. */
function callerUser(ctx: ServiceContext): User {
  const user = ctx.caller.user;
  if (user === undefined) throw notAnIamUser();
  return user;
}

export const changePasswordOperation: Operation = {
  async checks(_input, ctx) {
    const signer = callerUser(ctx);
    const { user, policy } = await ctx.store.read(async (tx) => ({
      user: (await tx.users.get(ctx.accountId, signer.name)) ?? signer,
      policy: (await tx.accounts.get(ctx.accountId))?.passwordPolicy,
    }));
    const check: AuthCheck = { resource: user.arn, keys: resourceTagKeys(user.tags) };
    const grant = selfServiceGrant(ctx.caller, policy, 'iam:ChangePassword', user.arn);
    return [grant === undefined ? check : { ...check, resourcePolicies: grant }];
  },

  async run(input, ctx) {
    const owner: PasswordOwner = { accountId: ctx.accountId, userName: callerUser(ctx).name };
    const profile = await ctx.store.read((tx) => mustGetProfile(tx, owner));
    if (isLocked(profile, ctx.now)) throw tooManyPasswordAttempts();
    if (!(await verifyPassword(str(input, 'OldPassword'), profile.passwordHash))) {
      await recordFailedAttempt(ctx.store, owner, ctx.now);
      throw wrongOldPassword();
    }
    await setPassword(ctx.store, owner, str(input, 'NewPassword'), ctx.now, {
      precheck: async (tx) => {
        await mustGetProfile(tx, owner);
      },
      apply: async (tx, passwordHash) => {
        const current = await mustGetProfile(tx, owner);
        // Someone set another password since OldPassword was checked: it proves nothing now.
        if (current.passwordHash !== profile.passwordHash) throw wrongOldPassword();
        await tx.loginProfiles.update({
          ...withoutLockout(current),
          passwordHash,
          passwordLastChanged: ctx.now,
          passwordResetRequired: false,
        });
      },
    });
    return undefined;
  },
};
