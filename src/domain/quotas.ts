// AWS's IAM and STS quotas as named constants, each with where AWS states it. Adjustable
// quotas use AWS's default, not the raised maximum. Sizes of policies count non-whitespace
// characters ("IAM does not count white space when calculating the size of a policy").
// Source unless noted: "IAM and AWS STS quotas", IAM User Guide, reference_iam-quotas.

// --- Objects per account ("IAM object quotas"; adjustable ones at their default) ---
export const USERS_PER_ACCOUNT = 5000;
export const GROUPS_PER_ACCOUNT = 300; // adjustable, max 500
export const ROLES_PER_ACCOUNT = 1000; // adjustable, max 5000
export const CUSTOMER_MANAGED_POLICIES_PER_ACCOUNT = 1500; // adjustable, max 5000
export const INSTANCE_PROFILES_PER_ACCOUNT = 1000; // adjustable, max 5000
export const SERVER_CERTIFICATES_PER_ACCOUNT = 20; // adjustable, max 1000
/** "Virtual MFA devices (assigned or unassigned): equal to the user quota for the account". */
export const VIRTUAL_MFA_DEVICES_PER_ACCOUNT = USERS_PER_ACCOUNT;
export const SAML_PROVIDERS_PER_ACCOUNT = 100;
export const OIDC_PROVIDERS_PER_ACCOUNT = 100;
export const ALIASES_PER_ACCOUNT = 1;
/** GetAccountSummary `PolicyVersionsInUseQuota` (API reference example response). */
export const POLICY_VERSIONS_IN_USE_PER_ACCOUNT = 10000;

// --- Per entity ---
export const MANAGED_POLICIES_PER_USER = 10; // adjustable, max 20
export const MANAGED_POLICIES_PER_ROLE = 10; // adjustable, max 20
export const MANAGED_POLICIES_PER_GROUP = 10;
export const GROUPS_PER_USER = 10;
export const ACCESS_KEYS_PER_USER = 2;
export const ACCESS_KEYS_PER_ROOT_USER = 2;
export const SIGNING_CERTIFICATES_PER_USER = 2;
export const SSH_PUBLIC_KEYS_PER_USER = 5;
export const MFA_DEVICES_PER_USER = 8;
export const MFA_DEVICES_PER_ROOT_USER = 8;
export const LOGIN_PROFILES_PER_USER = 1;
export const PERMISSIONS_BOUNDARIES_PER_ENTITY = 1;
export const ROLES_PER_INSTANCE_PROFILE = 1;
export const VERSIONS_PER_MANAGED_POLICY = 5;
/** Users, roles, customer managed policies, instance profiles, OIDC/SAML providers, certificates, virtual MFA. */
export const TAGS_PER_RESOURCE = 50;
export const IDPS_PER_SAML_PROVIDER = 10;
export const KEYS_PER_SAML_PROVIDER = 10;

// --- Policy sizes, in non-whitespace characters ("IAM and STS character quotas") ---
/** Aggregate of all inline policies embedded in one user (GetAccountSummary `UserPolicySizeQuota`). */
export const USER_INLINE_POLICIES_SIZE = 2048;
/** Aggregate of all inline policies embedded in one group (`GroupPolicySizeQuota`). */
export const GROUP_INLINE_POLICIES_SIZE = 5120;
/** Aggregate of all inline policies embedded in one role (`RolePolicySizeQuota`). */
export const ROLE_INLINE_POLICIES_SIZE = 10240;
/** One managed policy version (`PolicySizeQuota`). */
export const MANAGED_POLICY_SIZE = 6144;
/** Role trust policy (`AssumeRolePolicySizeQuota`); adjustable, max 4096. */
export const ROLE_TRUST_POLICY_SIZE = 2048;

// --- Name and value lengths, in characters ("IAM and STS character quotas") ---
export const PATH_MAX_LENGTH = 512;
export const USER_NAME_MAX_LENGTH = 64;
export const GROUP_NAME_MAX_LENGTH = 128;
/** With console Switch Role, path + role name must also fit in 64 (not enforced by the API). */
export const ROLE_NAME_MAX_LENGTH = 64;
export const POLICY_NAME_MAX_LENGTH = 128;
export const INSTANCE_PROFILE_NAME_MAX_LENGTH = 128;
export const TAG_KEY_MAX_LENGTH = 128;
export const TAG_VALUE_MAX_LENGTH = 256;
export const UNIQUE_ID_MAX_LENGTH = 128;
export const PASSWORD_MIN_LENGTH = 1;
export const PASSWORD_MAX_LENGTH = 128;
export const ACCOUNT_ALIAS_MIN_LENGTH = 3;
export const ACCOUNT_ALIAS_MAX_LENGTH = 63;
export const EXTERNAL_ID_MIN_LENGTH = 2;
export const EXTERNAL_ID_MAX_LENGTH = 1224;
export const ROLE_SESSION_NAME_MAX_LENGTH = 64;

// --- STS sessions (STS API reference: AssumeRole, GetSessionToken, GetFederationToken) ---
/**
 * Inline plus managed session policies, plaintext. AWS also packs policies, policy ARNs and
 * session tags into a binary form with an undocumented limit (PackedPolicyTooLarge); we
 * have only this plaintext limit to go on.
 */
export const SESSION_POLICY_PLAINTEXT_MAX = 2048;
export const SESSION_POLICY_ARNS_MAX = 10;
export const SESSION_TAGS_MAX = 50;
/** AssumeRoleWithSAML: base64-encoded SAML authentication response. */
export const SAML_RESPONSE_MAX_LENGTH = 100_000;
export const SESSION_DURATION_MIN_SECONDS = 900;
/** AssumeRole*: default DurationSeconds; also the cap for role chaining. */
export const ROLE_SESSION_DEFAULT_SECONDS = 3600;
/** A role's MaxSessionDuration ranges 1-12 hours; DurationSeconds cannot exceed it. */
export const ROLE_MAX_SESSION_DURATION_MIN_SECONDS = 3600;
export const ROLE_MAX_SESSION_DURATION_MAX_SECONDS = 43_200;
/** GetSessionToken / GetFederationToken: 15 minutes to 36 hours, default 12 hours. */
export const USER_SESSION_MAX_SECONDS = 129_600;
export const USER_SESSION_DEFAULT_SECONDS = 43_200;
/** Root user: GetSessionToken and GetFederationToken give at most 1 hour (longer asks get 1 hour, no error). */
export const ROOT_SESSION_MAX_SECONDS = 3600;

/**
 * The quota entries of GetAccountSummary's SummaryMap, keyed by AWS's names, so the service
 * returns exactly the limits it enforces.
 */
export const ACCOUNT_SUMMARY_QUOTAS = {
  UsersQuota: USERS_PER_ACCOUNT,
  GroupsQuota: GROUPS_PER_ACCOUNT,
  RolesQuota: ROLES_PER_ACCOUNT,
  PoliciesQuota: CUSTOMER_MANAGED_POLICIES_PER_ACCOUNT,
  InstanceProfilesQuota: INSTANCE_PROFILES_PER_ACCOUNT,
  ServerCertificatesQuota: SERVER_CERTIFICATES_PER_ACCOUNT,
  PolicyVersionsInUseQuota: POLICY_VERSIONS_IN_USE_PER_ACCOUNT,
  VersionsPerPolicyQuota: VERSIONS_PER_MANAGED_POLICY,
  AttachedPoliciesPerUserQuota: MANAGED_POLICIES_PER_USER,
  AttachedPoliciesPerRoleQuota: MANAGED_POLICIES_PER_ROLE,
  AttachedPoliciesPerGroupQuota: MANAGED_POLICIES_PER_GROUP,
  GroupsPerUserQuota: GROUPS_PER_USER,
  AccessKeysPerUserQuota: ACCESS_KEYS_PER_USER,
  SigningCertificatesPerUserQuota: SIGNING_CERTIFICATES_PER_USER,
  UserPolicySizeQuota: USER_INLINE_POLICIES_SIZE,
  GroupPolicySizeQuota: GROUP_INLINE_POLICIES_SIZE,
  RolePolicySizeQuota: ROLE_INLINE_POLICIES_SIZE,
  PolicySizeQuota: MANAGED_POLICY_SIZE,
  AssumeRolePolicySizeQuota: ROLE_TRUST_POLICY_SIZE,
} as const satisfies Record<string, number>;
