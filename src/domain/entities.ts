// The IAM state Keyward keeps, as plain readonly values shared by services and storage.
// Field names follow the AWS API in camelCase; timestamps are Dates; no behaviour lives here.

/** The account that owns AWS managed policies (`arn:aws:iam::aws:policy/...`). */
export const AWS_MANAGED_ACCOUNT = 'aws';

export interface Tag {
  readonly key: string;
  readonly value: string;
}

/** UpdateAccountPasswordPolicy's settings; absent numbers mean "no limit". */
export interface PasswordPolicy {
  readonly minimumPasswordLength: number;
  readonly requireSymbols: boolean;
  readonly requireNumbers: boolean;
  readonly requireUppercaseCharacters: boolean;
  readonly requireLowercaseCharacters: boolean;
  readonly allowUsersToChangePassword: boolean;
  readonly maxPasswordAge?: number;
  readonly passwordReusePrevention?: number;
  readonly hardExpiry?: boolean;
}

/** Account-wide preferences that are not entities of their own. */
export interface AccountSettings {
  /** SetSecurityTokenServicePreferences: tokens from the global STS endpoint. */
  readonly globalEndpointTokenVersion?: 'v1Token' | 'v2Token';
}

export interface Account {
  /** 12 digits. */
  readonly id: string;
  readonly createdAt: Date;
  /** Absent until UpdateAccountPasswordPolicy; DeleteAccountPasswordPolicy removes it. */
  readonly passwordPolicy?: PasswordPolicy;
  readonly settings: AccountSettings;
}

export interface User {
  readonly accountId: string;
  /** AIDA... */
  readonly id: string;
  readonly name: string;
  readonly path: string;
  readonly arn: string;
  readonly createDate: Date;
  readonly permissionsBoundaryArn?: string;
  readonly tags: readonly Tag[];
  readonly passwordLastUsed?: Date;
}

export interface Group {
  readonly accountId: string;
  /** AGPA... */
  readonly id: string;
  readonly name: string;
  readonly path: string;
  readonly arn: string;
  readonly createDate: Date;
}

export interface RoleLastUsed {
  readonly date: Date;
  readonly region: string;
}

export interface Role {
  readonly accountId: string;
  /** AROA... */
  readonly id: string;
  readonly name: string;
  readonly path: string;
  readonly arn: string;
  readonly createDate: Date;
  /** The trust policy exactly as the caller sent it. */
  readonly assumeRolePolicyDocument: string;
  readonly description?: string;
  /** Seconds. */
  readonly maxSessionDuration: number;
  readonly permissionsBoundaryArn?: string;
  readonly tags: readonly Tag[];
  readonly lastUsed?: RoleLastUsed;
}

/**
 * A customer managed policy, or an AWS managed one when `accountId` is AWS_MANAGED_ACCOUNT.
 * Attachment and boundary usage counts are derived by queries, never stored.
 */
export interface ManagedPolicy {
  readonly accountId: string;
  /** ANPA... */
  readonly id: string;
  readonly name: string;
  readonly path: string;
  readonly arn: string;
  readonly createDate: Date;
  readonly updateDate: Date;
  readonly defaultVersionId: string;
  readonly description?: string;
  readonly tags: readonly Tag[];
  readonly isAttachable: boolean;
}

export interface PolicyVersion {
  readonly policyArn: string;
  /** "v1", "v2", ... */
  readonly versionId: string;
  /** Exactly as the caller sent it. */
  readonly document: string;
  readonly isDefault: boolean;
  readonly createDate: Date;
}

/** The identities that can hold inline policies and attach managed ones. */
export type PolicyOwnerKind = 'user' | 'group' | 'role';

export interface InlinePolicy {
  readonly accountId: string;
  readonly ownerKind: PolicyOwnerKind;
  readonly ownerName: string;
  readonly policyName: string;
  /** Exactly as the caller sent it. */
  readonly document: string;
}

export type AccessKeyStatus = 'Active' | 'Inactive';

export interface AccessKeyLastUsed {
  readonly date: Date;
  readonly service: string;
  readonly region: string;
}

export interface AccessKey {
  readonly accountId: string;
  /** AKIA... */
  readonly accessKeyId: string;
  /** null for the account root user's keys. */
  readonly userName: string | null;
  /** Encrypted by the caller; storage never sees the plaintext secret. */
  readonly secretCiphertext: string;
  readonly status: AccessKeyStatus;
  readonly createDate: Date;
  readonly lastUsed?: AccessKeyLastUsed;
}

export interface InstanceProfile {
  readonly accountId: string;
  /** AIPA... */
  readonly id: string;
  readonly name: string;
  readonly path: string;
  readonly arn: string;
  readonly createDate: Date;
  /** AWS allows at most one role per instance profile. */
  readonly roleNames: readonly string[];
  readonly tags: readonly Tag[];
}
