// The account password policy: Get/Update/DeleteAccountPasswordPolicy. All three are
// wildcard-only in the Service Authorization Reference (resource `*`, no condition keys).

import { UPDATE_PASSWORD_POLICY_DEFAULTS } from '../../../auth/password/policy.js';
import type { Account, PasswordPolicy } from '../../../domain/entities.js';
import type { WireObject } from '../../../protocol/wire-value.js';
import type { StoreTx } from '../../../storage/ports.js';
import { optBool, optInt } from '../../input.js';
import type { AuthCheck, OperationTable } from '../../operation.js';
import { noPasswordPolicy, noPasswordPolicyToDelete } from '../login/errors.js';
import { selfServiceGrant } from '../login/password-self-service.js';

const ANY: readonly AuthCheck[] = [{ resource: '*' }];

/** AWS's PasswordPolicy shape, in its member order; ExpirePasswords is derived from MaxPasswordAge. */
export function wirePasswordPolicy(policy: PasswordPolicy): WireObject {
  const maxAge = policy.maxPasswordAge ?? 0;
  return {
    MinimumPasswordLength: policy.minimumPasswordLength,
    RequireSymbols: policy.requireSymbols,
    RequireNumbers: policy.requireNumbers,
    RequireUppercaseCharacters: policy.requireUppercaseCharacters,
    RequireLowercaseCharacters: policy.requireLowercaseCharacters,
    AllowUsersToChangePassword: policy.allowUsersToChangePassword,
    ExpirePasswords: maxAge > 0,
    ...(maxAge > 0 && { MaxPasswordAge: maxAge }),
    ...(policy.passwordReusePrevention !== undefined && { PasswordReusePrevention: policy.passwordReusePrevention }),
    ...(policy.hardExpiry !== undefined && { HardExpiry: policy.hardExpiry }),
  };
}

/**
 * UpdateAccountPasswordPolicy replaces the whole policy: every parameter left out takes its
 * default (the API reference: "does not support partial updates"). The model already checked
 * the ranges (length 6-128, age 1-1095 days, reuse 1-24).
 */
export function policyFromInput(input: WireObject): PasswordPolicy {
  const d = UPDATE_PASSWORD_POLICY_DEFAULTS;
  const maxPasswordAge = optInt(input, 'MaxPasswordAge');
  const passwordReusePrevention = optInt(input, 'PasswordReusePrevention');
  return {
    minimumPasswordLength: optInt(input, 'MinimumPasswordLength') ?? d.minimumPasswordLength,
    requireSymbols: optBool(input, 'RequireSymbols') ?? d.requireSymbols,
    requireNumbers: optBool(input, 'RequireNumbers') ?? d.requireNumbers,
    requireUppercaseCharacters: optBool(input, 'RequireUppercaseCharacters') ?? d.requireUppercaseCharacters,
    requireLowercaseCharacters: optBool(input, 'RequireLowercaseCharacters') ?? d.requireLowercaseCharacters,
    allowUsersToChangePassword: optBool(input, 'AllowUsersToChangePassword') ?? d.allowUsersToChangePassword,
    ...(maxPasswordAge !== undefined && { maxPasswordAge }),
    ...(passwordReusePrevention !== undefined && { passwordReusePrevention }),
    hardExpiry: optBool(input, 'HardExpiry') ?? d.hardExpiry ?? false,
  };
}

async function mustGetAccount(tx: StoreTx, accountId: string): Promise<Account> {
  const account = await tx.accounts.get(accountId);
  // The server creates the caller's account before any request can be signed for it.
  if (account === undefined) throw noPasswordPolicy(accountId);
  return account;
}

export const passwordPolicyOperations: OperationTable = {
  GetAccountPasswordPolicy: {
    async checks(_input, ctx) {
      const policy = await ctx.store.read(async (tx) => (await tx.accounts.get(ctx.accountId))?.passwordPolicy);
      const grant = selfServiceGrant(ctx.caller, policy, 'iam:GetAccountPasswordPolicy', '*');
      return grant === undefined ? ANY : [{ resource: '*', resourcePolicies: grant }];
    },
    async run(_input, ctx) {
      const policy = await ctx.store.read(async (tx) => (await tx.accounts.get(ctx.accountId))?.passwordPolicy);
      if (policy === undefined) throw noPasswordPolicy(ctx.accountId);
      return { PasswordPolicy: wirePasswordPolicy(policy) };
    },
  },

  UpdateAccountPasswordPolicy: {
    checks: () => ANY,
    async run(input, ctx) {
      const passwordPolicy = policyFromInput(input);
      await ctx.store.write(async (tx) => {
        const account = await mustGetAccount(tx, ctx.accountId);
        await tx.accounts.update({ ...account, passwordPolicy });
      });
      return undefined;
    },
  },

  DeleteAccountPasswordPolicy: {
    checks: () => ANY,
    async run(_input, ctx) {
      await ctx.store.write(async (tx) => {
        const account = await mustGetAccount(tx, ctx.accountId);
        if (account.passwordPolicy === undefined) throw noPasswordPolicyToDelete();
        const { passwordPolicy: _removed, ...rest } = account;
        await tx.accounts.update(rest);
      });
      return undefined;
    },
  },
};
