// IAM login profiles (console passwords): Create/Get/Update/DeleteLoginProfile, ChangePassword
// and the account password policy actions. Passwords are hashed, never logged or returned.
// Without UserName the caller's own user is meant; for the root user, its own password (AWS
// needs an AssumeRoot session for that, which Keyward does not have, so root credentials do).

import type { LoginProfile } from '../../../domain/credentials.js';
import { rootArn, userArn } from '../../../domain/arn.js';
import { optBool, optStr, str } from '../../input.js';
import type { AuthCheck, OperationTable, ServiceContext } from '../../operation.js';
import { changePasswordOperation } from './change-password.js';
import { missingPassword } from './errors.js';
import { mustGetProfile, mustHaveNoProfile, wireLoginProfile, withoutLockout } from './profile-lookup.js';
import { passwordPolicyOperations } from '../account/password-policy.js';
import { setPassword, type PasswordOwner } from './password-set.js';
import { resourceTagKeys } from '../tag-keys.js';
import { targetUserName } from '../users/operations.js';

/** The profile's owner: UserName, else the calling user, else (root credentials) the root user. */
function targetOwner(input: Parameters<typeof targetUserName>[0], ctx: ServiceContext): PasswordOwner {
  return { accountId: ctx.accountId, userName: targetUserName(input, ctx) ?? null };
}

/** The user's real ARN and tags, or the path-less ARN when it does not exist; the root user's ARN for root. */
async function ownerCheck(ctx: ServiceContext, owner: PasswordOwner): Promise<AuthCheck[]> {
  const name = owner.userName;
  if (name === null) return [{ resource: rootArn(ctx.accountId) }];
  const user = await ctx.store.read((tx) => tx.users.get(ctx.accountId, name));
  return [{ resource: user?.arn ?? userArn(ctx.accountId, '/', name), keys: resourceTagKeys(user?.tags) }];
}

export const loginProfileOperations: OperationTable = {
  CreateLoginProfile: {
    checks: (input, ctx) => ownerCheck(ctx, targetOwner(input, ctx)),
    async run(input, ctx) {
      const owner = targetOwner(input, ctx);
      const password = optStr(input, 'Password');
      if (password === undefined) throw missingPassword();
      const passwordResetRequired = optBool(input, 'PasswordResetRequired') ?? false;
      const profile = await setPassword(ctx.store, owner, password, ctx.now, {
        precheck: async (tx) => {
          await mustHaveNoProfile(tx, owner);
        },
        apply: async (tx, passwordHash) => {
          const found = await mustHaveNoProfile(tx, owner);
          const created: LoginProfile = {
            accountId: ctx.accountId,
            userName: found.userName,
            passwordHash,
            createDate: ctx.now,
            passwordResetRequired,
            passwordLastChanged: ctx.now,
            failedAttempts: 0,
          };
          await tx.loginProfiles.insert(created);
          return created;
        },
      });
      return { LoginProfile: wireLoginProfile(profile) };
    },
  },

  GetLoginProfile: {
    checks: (input, ctx) => ownerCheck(ctx, targetOwner(input, ctx)),
    async run(input, ctx) {
      const owner = targetOwner(input, ctx);
      const profile = await ctx.store.read((tx) => mustGetProfile(tx, owner));
      return { LoginProfile: wireLoginProfile(profile) };
    },
  },

  UpdateLoginProfile: {
    checks: (input, ctx) => ownerCheck(ctx, { accountId: ctx.accountId, userName: str(input, 'UserName') }),
    async run(input, ctx) {
      const owner: PasswordOwner = { accountId: ctx.accountId, userName: str(input, 'UserName') };
      const password = optStr(input, 'Password');
      const reset = optBool(input, 'PasswordResetRequired');
      if (password === undefined) {
        await ctx.store.write(async (tx) => {
          const profile = await mustGetProfile(tx, owner);
          if (reset !== undefined) await tx.loginProfiles.update({ ...profile, passwordResetRequired: reset });
        });
        return undefined;
      }
      await setPassword(ctx.store, owner, password, ctx.now, {
        precheck: async (tx) => {
          await mustGetProfile(tx, owner);
        },
        // An administrator's new password also lifts a lockout.
        apply: async (tx, passwordHash) => {
          const profile = await mustGetProfile(tx, owner);
          await tx.loginProfiles.update({
            ...withoutLockout(profile),
            passwordHash,
            passwordLastChanged: ctx.now,
            passwordResetRequired: reset ?? profile.passwordResetRequired,
          });
        },
      });
      return undefined;
    },
  },

  DeleteLoginProfile: {
    checks: (input, ctx) => ownerCheck(ctx, targetOwner(input, ctx)),
    async run(input, ctx) {
      const owner = targetOwner(input, ctx);
      // The password history stays: reuse prevention still applies to a re-created profile.
      await ctx.store.write(async (tx) => {
        await mustGetProfile(tx, owner);
        await tx.loginProfiles.delete(owner.accountId, owner.userName);
      });
      return undefined;
    },
  },

  ChangePassword: changePasswordOperation,
  ...passwordPolicyOperations,
};
