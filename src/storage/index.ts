// The storage layer's public surface for services and the server: the Store port, its
// repository and error types, and openStore. Backends stay behind openStore.
export type { Store, StoreTx } from './ports.js';
export type {
  AccessKeyRepository,
  AccountListRequest,
  AccountRepository,
  AliasRepository,
  AttachedListRequest,
  AttachedPolicyDocument,
  AttachedPolicyRef,
  GroupMemberRepository,
  GroupRepository,
  InlinePolicyRepository,
  InstanceProfileRepository,
  InstanceProfileRoleRepository,
  NamedEntityRepository,
  Page,
  PageRequest,
  PolicyAttachmentRepository,
  PolicyEntityListRequest,
  PolicyEntityRef,
  PolicyListRequest,
  PolicyOwner,
  PolicyRepository,
  PolicyScope,
  PolicyUsage,
  PolicyVersionRepository,
  RoleRepository,
  UserRepository,
} from './repositories.js';
export type {
  LoginProfileRepository,
  MfaAssignmentStatus,
  MfaDeviceListRequest,
  MfaDeviceRepository,
  PasswordHistoryRepository,
  ServiceSpecificCredentialListRequest,
  ServiceSpecificCredentialRepository,
  SigningCertificateRepository,
  SshPublicKeyRepository,
  UserCredentialRepository,
} from './credential-repositories.js';
export type { OidcProviderRepository, SamlProviderRepository, ServerCertificateRepository } from './provider-repositories.js';
export type {
  CredentialReportRepository,
  ServiceAccessRepository,
  ServiceLastAccessedJobRepository,
} from './report-repositories.js';
export { ConstraintViolationError, EntityAlreadyExistsError, TransactionConflictError, type EntityKind } from './errors.js';
export { openStore, type StoreConfig } from './open-store.js';
