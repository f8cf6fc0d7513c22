// Repositories for console passwords, MFA devices and the per-user credentials other than
// access keys. A `userName` of null means the account root user where AWS allows one.
import type {
  CredentialStatus,
  LoginProfile,
  MfaDevice,
  MfaDeviceType,
  PasswordHistoryEntry,
  ServiceSpecificCredential,
  SigningCertificate,
  SshPublicKey,
} from '../domain/credentials.js';
import type { Page, PageRequest } from './repositories.js';

export interface LoginProfileRepository {
  get(accountId: string, userName: string | null): Promise<LoginProfile | undefined>;
  /** Throws EntityAlreadyExistsError('login-profile'), or ConstraintViolationError if the user is unknown. */
  insert(profile: LoginProfile): Promise<void>;
  /** Rewrites every field but createDate; false when there is no profile. */
  update(profile: LoginProfile): Promise<boolean>;
  /** Leaves the password history in place, as reuse prevention needs. */
  delete(accountId: string, userName: string | null): Promise<boolean>;
  readonly history: PasswordHistoryRepository;
}

/** Previous password hashes; a user's history goes when the user is deleted. */
export interface PasswordHistoryRepository {
  /** Appends `entry` and keeps only the newest `keep` (at least 1); false when the user is unknown. */
  add(accountId: string, userName: string | null, entry: PasswordHistoryEntry, keep: number): Promise<boolean>;
  /** Newest first, at most `limit`. */
  list(accountId: string, userName: string | null, limit: number): Promise<readonly PasswordHistoryEntry[]>;
  /** Returns how many entries were removed. */
  clear(accountId: string, userName: string | null): Promise<number>;
}

export type MfaAssignmentStatus = 'Assigned' | 'Unassigned' | 'Any';

export interface MfaDeviceListRequest extends PageRequest {
  readonly accountId: string;
  /** Default Any. */
  readonly assignmentStatus?: MfaAssignmentStatus;
  readonly type?: MfaDeviceType;
}

/** MFA devices, found by serial number (compared case-insensitively) within an account. */
export interface MfaDeviceRepository {
  get(accountId: string, serialNumber: string): Promise<MfaDevice | undefined>;
  /** Throws EntityAlreadyExistsError('mfa-device'), or ConstraintViolationError if the assigned user is unknown. */
  insert(device: MfaDevice): Promise<void>;
  /**
   * Rewrites tags and assignment (enable/deactivate); never lastAcceptedStep, which only
   * acceptTimeStep moves. Throws ConstraintViolationError if the assigned user is unknown.
   */
  update(device: MfaDevice): Promise<boolean>;
  /**
   * Atomic compare-and-set: records `step` as accepted only if it is later than the last
   * accepted one, so each TOTP code works once. False for a replay or an unknown device.
   */
  acceptTimeStep(accountId: string, serialNumber: string, step: number): Promise<boolean>;
  delete(accountId: string, serialNumber: string): Promise<boolean>;
  /** By lower-cased serial number (ListVirtualMFADevices). */
  list(request: MfaDeviceListRequest): Promise<Page<MfaDevice>>;
  /** Devices enabled for a user or the root user, oldest enable first (ListMFADevices). */
  listForUser(accountId: string, userName: string | null): Promise<readonly MfaDevice[]>;
  countForUser(accountId: string, userName: string | null): Promise<number>;
  /** AccountSummary's MFADevices (Any) and MFADevicesInUse (Assigned). */
  count(accountId: string, assignmentStatus?: MfaAssignmentStatus): Promise<number>;
}

/**
 * What signing certificates, SSH keys and service-specific credentials share: an id unique
 * across accounts, an owning user (followed through renames), a status.
 */
export interface UserCredentialRepository<T, Owner extends string | null = string> {
  get(accountId: string, id: string): Promise<T | undefined>;
  /** Throws EntityAlreadyExistsError on an id clash, or ConstraintViolationError if the user is unknown. */
  insert(credential: T): Promise<void>;
  /** Oldest first. */
  listForUser(accountId: string, userName: Owner): Promise<readonly T[]>;
  countForUser(accountId: string, userName: Owner): Promise<number>;
  updateStatus(accountId: string, id: string, status: CredentialStatus): Promise<boolean>;
  delete(accountId: string, id: string): Promise<boolean>;
}

/** Users' and the root user's (null) signing certificates. */
export interface SigningCertificateRepository extends UserCredentialRepository<SigningCertificate, string | null> {
  /** Any certificate in the account with exactly this body (AWS's DuplicateCertificate). */
  findByBody(accountId: string, body: string): Promise<SigningCertificate | undefined>;
}

export type SshPublicKeyRepository = UserCredentialRepository<SshPublicKey>;

export interface ServiceSpecificCredentialListRequest extends PageRequest {
  readonly accountId: string;
  readonly serviceName?: string;
}

export interface ServiceSpecificCredentialRepository extends UserCredentialRepository<ServiceSpecificCredential> {
  /** A user's credentials for one service, oldest first. */
  listForUserAndService(accountId: string, userName: string, serviceName: string): Promise<readonly ServiceSpecificCredential[]>;
  countForUserAndService(accountId: string, userName: string, serviceName: string): Promise<number>;
  /** Every user's (ListServiceSpecificCredentials AllUsers), by user name then id. */
  listAll(request: ServiceSpecificCredentialListRequest): Promise<Page<ServiceSpecificCredential>>;
  /** ResetServiceSpecificCredential. */
  updateSecret(accountId: string, id: string, sealedSecret: string): Promise<boolean>;
}
