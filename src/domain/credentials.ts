// The credentials IAM keeps for users (and the root user) besides access keys: console
// passwords, MFA devices, signing certificates, SSH keys and service-specific credentials.
// Secrets arrive hashed or sealed by the services; storage never sees plaintext.
import type { Tag } from './entities.js';

/** AWS's statusType, shared by every credential that can be switched off. */
export type CredentialStatus = 'Active' | 'Inactive';

/** A console password (CreateLoginProfile); `userName` null is the account root user's. */
export interface LoginProfile {
  readonly accountId: string;
  readonly userName: string | null;
  /** Opaque KDF output (scrypt with its parameters and salt), made by the service. */
  readonly passwordHash: string;
  readonly createDate: Date;
  readonly passwordResetRequired: boolean;
  /** For the password policy's MaxPasswordAge and the credential report. */
  readonly passwordLastChanged: Date;
  /**
   * Last sign-in with this password. For IAM users GetUser's PasswordLastUsed is
   * User.passwordLastUsed (it outlives the profile); the root user has only this one.
   */
  readonly passwordLastUsed?: Date;
  /** Failed sign-ins since the last success, for lockout. */
  readonly failedAttempts: number;
  readonly lockedUntil?: Date;
}

/** A previous password, kept for the policy's PasswordReusePrevention. */
export interface PasswordHistoryEntry {
  readonly passwordHash: string;
  readonly setDate: Date;
}

/** Only virtual devices are created by Keyward; the others exist so listings keep their shape. */
export type MfaDeviceType = 'virtual' | 'hardware' | 'u2f';

/** Who a device is enabled for: a user, or the root user (`userName` null). */
export interface MfaAssignment {
  readonly userName: string | null;
  readonly enableDate: Date;
}

export interface MfaDevice {
  readonly accountId: string;
  /** `arn:aws:iam::ACCOUNT:mfa/PATH/NAME` for virtual devices; unique per account. */
  readonly serialNumber: string;
  readonly type: MfaDeviceType;
  readonly name: string;
  readonly path: string;
  /** The TOTP seed, encrypted by the service. */
  readonly sealedSeed: string;
  readonly createDate: Date;
  readonly tags: readonly Tag[];
  /** Absent while the device is unassigned (ListVirtualMFADevices' AssignmentStatus). */
  readonly assignment?: MfaAssignment;
  /**
   * The newest TOTP time step accepted (unix seconds / 30): a code at or before it is a
   * replay. Moves only forward, through acceptTimeStep.
   */
  readonly lastAcceptedStep?: number;
  /**
   * Codes tried since the last accepted one, and the end of the lock they caused; only
   * Store.chargeMfaAttempt and acceptTimeStep change them. Absent: none.
   */
  readonly codeFailures?: { readonly failedAttempts: number; readonly lockedUntil?: Date };
}

/** An X.509 signing certificate of a user or (`userName` null) of the root user. */
export interface SigningCertificate {
  readonly accountId: string;
  readonly certificateId: string;
  readonly userName: string | null;
  /** PEM, as uploaded. */
  readonly body: string;
  readonly status: CredentialStatus;
  readonly uploadDate: Date;
}

/** An SSH public key for CodeCommit; only IAM users have them. */
export interface SshPublicKey {
  readonly accountId: string;
  /** APKA... */
  readonly sshPublicKeyId: string;
  readonly userName: string;
  /** The key in OpenSSH format; the service converts to PEM on request. */
  readonly body: string;
  readonly fingerprint: string;
  readonly status: CredentialStatus;
  readonly uploadDate: Date;
}

/** CodeCommit/Keyspaces passwords and Bedrock API keys (CreateServiceSpecificCredential). */
export interface ServiceSpecificCredential {
  readonly accountId: string;
  /** ACCA... */
  readonly serviceSpecificCredentialId: string;
  readonly userName: string;
  readonly serviceName: string;
  readonly serviceUserName?: string;
  /** Bedrock API keys carry an alias instead of a user name. */
  readonly serviceCredentialAlias?: string;
  /** ServicePassword or ServiceCredentialSecret, encrypted by the service. */
  readonly sealedSecret: string;
  readonly status: CredentialStatus;
  readonly createDate: Date;
  /** Set when the credential was created with CredentialAgeDays. */
  readonly expirationDate?: Date;
}
