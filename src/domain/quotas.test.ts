// Pins the quota values to AWS's published numbers, so a change is a deliberate one.
import { describe, it, expect } from 'vitest';
import * as quotas from './quotas.js';

describe('IAM quotas', () => {
  it('match the "IAM and AWS STS quotas" page', () => {
    expect(quotas.USERS_PER_ACCOUNT).toBe(5000);
    expect(quotas.GROUPS_PER_ACCOUNT).toBe(300);
    expect(quotas.ROLES_PER_ACCOUNT).toBe(1000);
    expect(quotas.CUSTOMER_MANAGED_POLICIES_PER_ACCOUNT).toBe(1500);
    expect(quotas.MANAGED_POLICIES_PER_USER).toBe(10);
    expect(quotas.MANAGED_POLICIES_PER_ROLE).toBe(10);
    expect(quotas.MANAGED_POLICIES_PER_GROUP).toBe(10);
    expect(quotas.GROUPS_PER_USER).toBe(10);
    expect(quotas.ACCESS_KEYS_PER_USER).toBe(2);
    expect(quotas.VERSIONS_PER_MANAGED_POLICY).toBe(5);
    expect(quotas.USER_INLINE_POLICIES_SIZE).toBe(2048);
    expect(quotas.GROUP_INLINE_POLICIES_SIZE).toBe(5120);
    expect(quotas.ROLE_INLINE_POLICIES_SIZE).toBe(10240);
    expect(quotas.MANAGED_POLICY_SIZE).toBe(6144);
    expect(quotas.ROLE_TRUST_POLICY_SIZE).toBe(2048);
    expect(quotas.INSTANCE_PROFILES_PER_ACCOUNT).toBe(1000);
    expect(quotas.ROLES_PER_INSTANCE_PROFILE).toBe(1);
    expect(quotas.TAGS_PER_RESOURCE).toBe(50);
    expect(quotas.MFA_DEVICES_PER_USER).toBe(8);
    expect(quotas.SIGNING_CERTIFICATES_PER_USER).toBe(2);
    expect(quotas.SSH_PUBLIC_KEYS_PER_USER).toBe(5);
    expect(quotas.SERVER_CERTIFICATES_PER_ACCOUNT).toBe(20);
    expect(quotas.SAML_PROVIDERS_PER_ACCOUNT).toBe(100);
    expect(quotas.OIDC_PROVIDERS_PER_ACCOUNT).toBe(100);
    expect(quotas.ALIASES_PER_ACCOUNT).toBe(1);
    expect(quotas.SESSION_POLICY_PLAINTEXT_MAX).toBe(2048);
    expect(quotas.SESSION_POLICY_ARNS_MAX).toBe(10);
  });

  it('report in GetAccountSummary what is enforced', () => {
    expect(quotas.ACCOUNT_SUMMARY_QUOTAS).toMatchObject({
      UsersQuota: 5000,
      GroupsQuota: 300,
      PolicySizeQuota: 6144,
      AssumeRolePolicySizeQuota: 2048,
      PolicyVersionsInUseQuota: 10000,
      VersionsPerPolicyQuota: 5,
    });
    for (const value of Object.values(quotas.ACCOUNT_SUMMARY_QUOTAS)) {
      expect(Number.isInteger(value) && value > 0).toBe(true);
    }
  });
});
