// The Store port: what the IAM and STS services may ask of storage. Every IAM action runs as
// one read() or write() transaction; each repository method is one atomic step inside it.
import type { RootAccountRepository } from './root-account-repositories.js';
import type { ConsoleExplanationRepository } from './console-explanation-repositories.js';
import type { AuditRepository } from './audit-repositories.js';
import type { AnalyzerRepository } from './analyzer-repositories.js';
import type { EventsRepository } from './events-repositories.js';
import type { ServiceAccessEvent } from '../domain/access-advisor.js';
import type {
  AccessKeyLastUsed,
  RoleLastUsed,
} from '../domain/entities.js';
import type {
  LoginProfileRepository,
  MfaDeviceRepository,
  ServiceSpecificCredentialRepository,
  SigningCertificateRepository,
  SshPublicKeyRepository,
} from './credential-repositories.js';
import type { ServiceDefinitionRepository } from './authorize-repositories.js';
import type { PolicyGenerationRepository } from './policy-generation-repositories.js';
import type { OidcProviderRepository, SamlProviderRepository, ServerCertificateRepository } from './provider-repositories.js';
import type {
  CredentialReportRepository,
  ServiceAccessRepository,
  ServiceLastAccessedJobRepository,
} from './report-repositories.js';
import type {
  AccessKeyRepository,
  AccountRepository,
  AliasRepository,
  GroupRepository,
  InlinePolicyRepository,
  InstanceProfileRepository,
  PolicyRepository,
  RoleRepository,
  UserRepository,
} from './repositories.js';

/**
 * Contract shared by every backend (the conformance suite checks it):
 * - not found is `undefined` (or `false` from update/delete), never an error;
 * - a uniqueness clash throws EntityAlreadyExistsError; names clash case-insensitively;
 * - lists are ordered by lower-cased name, as AWS orders them, and paginate by `after`.
 */
export interface Store {
  /** Runs `fn` against one consistent snapshot. */
  read<T>(fn: (tx: StoreTx) => Promise<T>): Promise<T>;
  /**
   * Runs `fn` atomically: all of its writes or none, serializable with respect to other
   * writes. `fn` may run more than once (a backend retries on serialization failures), so
   * it must only await store calls and have no other side effects. Do not nest write() calls.
   * If a store call throws inside `fn`, let it propagate: the transaction is rolled back.
   */
  write<T>(fn: (tx: StoreTx) => Promise<T>): Promise<T>;
  /**
   * A write() for the audit trail's own batches (buffered events, digests, pruning): ordered
   * with every other write (chain heads must never interleave), but no cache holds what it
   * writes, so it does not move generation() nor tell other nodes.
   */
  writeTrail<T>(fn: (tx: StoreTx) => Promise<T>): Promise<T>;
  /** Cheap single-row update for every request an access key signs; no-op if the key is gone. */
  recordAccessKeyUse(accessKeyId: string, use: AccessKeyLastUsed): Promise<void>;
  /**
   * Cheap single-row update when a role is assumed or its session acts, by the role's id (a
   * role deleted and recreated under its name is another role); no-op if gone.
   */
  recordRoleUse(accountId: string, roleId: string, use: RoleLastUsed): Promise<void>;
  /**
   * Cheap update when a user (or the root user, `userName` null) signs in with a password:
   * User.passwordLastUsed and the login profile's passwordLastUsed; no-op if gone.
   */
  recordPasswordUse(accountId: string, userName: string | null, date: Date): Promise<void>;
  /** MfaDeviceRepository.acceptTimeStep outside a transaction (STS checks codes in read paths). */
  acceptMfaTimeStep(accountId: string, serialNumber: string, step: number): Promise<boolean>;
  /**
   * Takes one attempt at a device's code before it is checked (MfaDevice.codeFailures),
   * atomically across nodes: false while the device is locked (or gone); after a lock ends
   * counting restarts; the attempt that reaches `rule.maxFailures` locks the device's codes
   * for `rule.lockMs`. acceptMfaTimeStep clears the count.
   */
  chargeMfaAttempt(accountId: string, serialNumber: string, now: Date, rule: CodeLockRule): Promise<boolean>;
  /**
   * Records `value` in `scope` as used until `expiresAt` (a SAML assertion ID until its
   * assertion expires), atomically across nodes: true for the first use, false while an
   * earlier use is remembered. Forgets values whose time has passed.
   */
  claimOnce(scope: string, value: string, expiresAt: Date, now: Date): Promise<boolean>;
  /** ServiceAccessRepository.record outside a transaction, for every authorized call. */
  recordServiceAccess(event: ServiceAccessEvent): Promise<void>;
  /** The three kinds of use above, many at once, in one transaction (a usage buffer's flush). */
  recordUsage(batch: UsageBatch): Promise<void>;
  /**
   * Makes every use recorded so far through this Store visible to reads. The SQL stores write
   * uses at once (a no-op); a usage buffer (usage-buffer.ts) writes its pending ones.
   */
  flushUsage(): Promise<void>;
  /**
   * A number that moves whenever committed data may have changed: at once after every write()
   * through this store, and after other nodes' and processes' writes as syncGeneration learns
   * of them (on PostgreSQL also as their notifications arrive). Caches of stored state key
   * their entries on it. Uses recorded above do not move it.
   */
  generation(): number;
  /**
   * Resolves once every write committed anywhere before the call has moved generation(): a
   * request that waits for it first sees what any node committed before it arrived. On SQLite
   * one look at data_version; on PostgreSQL one coalesced round trip (change-listener.ts).
   */
  syncGeneration(): Promise<void>;
  /** Waits for running transactions, then releases connections. */
  close(): Promise<void>;
  /**
   * For readiness probes: answers one query (rejects when the store cannot) and says whether
   * the schema is at this build's latest migration and, on backends that hear other nodes'
   * writes (PostgreSQL), whether that listener is connected now.
   */
  health?(): Promise<StoreHealth>;
}

export interface StoreHealth {
  readonly migrationsCurrent: boolean;
  /** `none` where the backend has no change listener (SQLite). */
  readonly changeListener: 'up' | 'down' | 'none';
}

export interface CodeLockRule {
  /** Consecutive wrong codes that lock the device's codes. */
  readonly maxFailures: number;
  readonly lockMs: number;
}

export interface UsageBatch {
  readonly accessKeys: readonly { readonly accessKeyId: string; readonly use: AccessKeyLastUsed }[];
  readonly roles: readonly { readonly accountId: string; readonly roleId: string; readonly use: RoleLastUsed }[];
  readonly serviceAccess: readonly ServiceAccessEvent[];
}

/** The repositories, valid only while the read() or write() callback runs. */
export interface StoreTx {
  readonly accounts: AccountRepository;
  readonly aliases: AliasRepository;
  readonly users: UserRepository;
  readonly groups: GroupRepository;
  readonly roles: RoleRepository;
  readonly policies: PolicyRepository;
  readonly inlinePolicies: InlinePolicyRepository;
  readonly accessKeys: AccessKeyRepository;
  readonly instanceProfiles: InstanceProfileRepository;
  readonly loginProfiles: LoginProfileRepository;
  readonly mfaDevices: MfaDeviceRepository;
  readonly signingCertificates: SigningCertificateRepository;
  readonly sshPublicKeys: SshPublicKeyRepository;
  readonly serviceSpecificCredentials: ServiceSpecificCredentialRepository;
  readonly oidcProviders: OidcProviderRepository;
  readonly samlProviders: SamlProviderRepository;
  readonly serverCertificates: ServerCertificateRepository;
  readonly serviceAccess: ServiceAccessRepository;
  readonly serviceLastAccessedJobs: ServiceLastAccessedJobRepository;
  /** Service definitions of the platform's own services (src/authorize/). */
  readonly serviceDefinitions: ServiceDefinitionRepository;
  readonly credentialReports: CredentialReportRepository;
  readonly audit: AuditRepository;
  readonly events: EventsRepository;
  /** Access Analyzer's policy generation jobs. */
  readonly policyGenerations: PolicyGenerationRepository;
  /** Root's console e-mail address and password reset tokens (src/console/server). */
  readonly rootAccount: RootAccountRepository;
  /** The console's explanations of denied calls, for its "why" page on any node. */
  readonly consoleExplanations: ConsoleExplanationRepository;
  /** IAM Access Analyzer's analyzers, archive rules and findings. */
  readonly analyzers: AnalyzerRepository;
  /**
   * Runs `fn` inside this transaction as one step: if it throws, what it wrote is undone and
   * the transaction stays usable, as if `fn` had been a write() of its own.
   */
  savepoint<T>(fn: () => Promise<T>): Promise<T>;
}
