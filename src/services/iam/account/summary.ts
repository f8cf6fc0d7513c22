// GetAccountSummary's SummaryMap: what the account holds, counted from the store, next to the
// quotas Keyward enforces (ACCOUNT_SUMMARY_QUOTAS), with AWS's key names.

import { ACCOUNT_SUMMARY_QUOTAS } from '../../../domain/quotas.js';
import type { StoreTx } from '../../../storage/ports.js';
import { allPages } from './details-wire.js';

/** Managed policy attachments (customer and AWS managed) to the account's users, groups and roles. */
async function countAttachments(tx: StoreTx, accountId: string): Promise<number> {
  const attached = await allPages((page) => tx.policies.list({ accountId, scope: 'All', onlyAttached: true, ...page }));
  let total = 0;
  for (const policy of attached) total += await tx.policies.attachments.attachmentCount(accountId, policy.arn);
  return total;
}

/**
 * The SummaryMap, in the key order of the API reference. It has the 33 keys a real account
 * returns: AccountPasswordPresent is in the model's enum but AWS leaves it out of the map.
 */
export async function accountSummary(tx: StoreTx, accountId: string): Promise<Record<string, number>> {
  const q = ACCOUNT_SUMMARY_QUOTAS;
  const account = await tx.accounts.get(accountId);
  const rootKeys = await tx.accessKeys.countForUser(accountId, null);
  const mfaDevices = await tx.mfaDevices.count(accountId);
  const mfaDevicesInUse = await tx.mfaDevices.count(accountId, 'Assigned');
  const rootMfaEnabled = (await tx.mfaDevices.countForUser(accountId, null)) > 0 ? 1 : 0;
  const serverCertificates = await tx.serverCertificates.count(accountId);
  const rootSigningCertificates = (await tx.signingCertificates.countForUser(accountId, null)) > 0 ? 1 : 0;
  // AWS does not say which providers count; Keyward counts both kinds, SAML and OpenID Connect.
  const providers = (await tx.samlProviders.count(accountId)) + (await tx.oidcProviders.count(accountId));
  return {
    Users: await tx.users.count(accountId),
    UsersQuota: q.UsersQuota,
    Groups: await tx.groups.count(accountId),
    GroupsQuota: q.GroupsQuota,
    ServerCertificates: serverCertificates,
    ServerCertificatesQuota: q.ServerCertificatesQuota,
    UserPolicySizeQuota: q.UserPolicySizeQuota,
    GroupPolicySizeQuota: q.GroupPolicySizeQuota,
    GroupsPerUserQuota: q.GroupsPerUserQuota,
    SigningCertificatesPerUserQuota: q.SigningCertificatesPerUserQuota,
    AccessKeysPerUserQuota: q.AccessKeysPerUserQuota,
    MFADevices: mfaDevices,
    MFADevicesInUse: mfaDevicesInUse,
    AccountMFAEnabled: rootMfaEnabled,
    AccountAccessKeysPresent: rootKeys > 0 ? 1 : 0,
    AccountSigningCertificatesPresent: rootSigningCertificates,
    AttachedPoliciesPerGroupQuota: q.AttachedPoliciesPerGroupQuota,
    AttachedPoliciesPerRoleQuota: q.AttachedPoliciesPerRoleQuota,
    AttachedPoliciesPerUserQuota: q.AttachedPoliciesPerUserQuota,
    Policies: await tx.policies.count(accountId),
    PoliciesQuota: q.PoliciesQuota,
    PolicySizeQuota: q.PolicySizeQuota,
    // AWS does not define this count; like other emulators we count managed policy attachments
    // (customer and AWS managed) to users, groups and roles.
    PolicyVersionsInUse: await countAttachments(tx, accountId),
    PolicyVersionsInUseQuota: q.PolicyVersionsInUseQuota,
    VersionsPerPolicyQuota: q.VersionsPerPolicyQuota,
    // 1 = v1Token (global endpoint tokens valid only in default regions), 2 = v2Token.
    GlobalEndpointTokenVersion: account?.settings.globalEndpointTokenVersion === 'v2Token' ? 2 : 1,
    AssumeRolePolicySizeQuota: q.AssumeRolePolicySizeQuota,
    InstanceProfiles: await tx.instanceProfiles.count(accountId),
    InstanceProfilesQuota: q.InstanceProfilesQuota,
    Providers: providers,
    RolePolicySizeQuota: q.RolePolicySizeQuota,
    Roles: await tx.roles.count(accountId),
    RolesQuota: q.RolesQuota,
  };
}
