// The per-aggregate repositories a StoreTx exposes. Names are looked up case-insensitively
// within an account; every method is one atomic step of the surrounding transaction.
import type {
  AccessKey,
  AccessKeyLastUsed,
  AccessKeyStatus,
  Account,
  Group,
  InlinePolicy,
  InstanceProfile,
  ManagedPolicy,
  PolicyOwnerKind,
  PolicyVersion,
  Role,
  RoleLastUsed,
  User,
} from '../domain/entities.js';

/** `after` is a `nextAfter` from the previous page: an opaque printable-ASCII string. */
export interface PageRequest {
  readonly after?: string;
  /** At least 1. */
  readonly limit: number;
}

/** `nextAfter` is present exactly when more items follow (AWS IsTruncated). */
export interface Page<T> {
  readonly items: readonly T[];
  readonly nextAfter?: string;
}

export interface AccountListRequest extends PageRequest {
  readonly accountId: string;
  /** A case-sensitive prefix of the path, as AWS's PathPrefix. */
  readonly pathPrefix?: string;
  /** Only names containing this, ignoring ASCII case as names clash (the console's search; no AWS input). */
  readonly nameContains?: string;
}

/** A user, group or role that can hold policies. */
export interface PolicyOwner {
  readonly accountId: string;
  readonly kind: PolicyOwnerKind;
  readonly name: string;
}

export interface AccountRepository {
  get(id: string): Promise<Account | undefined>;
  /** Throws EntityAlreadyExistsError('account'). */
  insert(account: Account): Promise<void>;
  /** Replaces the password policy and settings. */
  update(account: Account): Promise<boolean>;
  /** All accounts, by id. */
  list(page: PageRequest): Promise<Page<Account>>;
}

/** Account aliases are unique across all accounts, like AWS's. */
export interface AliasRepository {
  list(accountId: string): Promise<readonly string[]>;
  /** Throws EntityAlreadyExistsError('account-alias') when any account has the alias. */
  insert(accountId: string, alias: string): Promise<void>;
  delete(accountId: string, alias: string): Promise<boolean>;
  /** The account that owns `alias` (console sign-in by alias). */
  findAccount(alias: string): Promise<string | undefined>;
}

/**
 * Shared by users, groups, roles and instance profiles. update() finds the row by id and may
 * rename it (EntityAlreadyExistsError on a clash); delete() throws ConstraintViolationError
 * while other rows still reference the entity (AWS's DeleteConflict: check that first).
 */
export interface NamedEntityRepository<T> {
  get(accountId: string, name: string): Promise<T | undefined>;
  getById(accountId: string, id: string): Promise<T | undefined>;
  insert(entity: T): Promise<void>;
  update(entity: T): Promise<boolean>;
  delete(accountId: string, name: string): Promise<boolean>;
  list(request: AccountListRequest): Promise<Page<T>>;
  count(accountId: string): Promise<number>;
}

export type UserRepository = NamedEntityRepository<User>;

export interface GroupRepository extends NamedEntityRepository<Group> {
  readonly members: GroupMemberRepository;
}

export interface GroupMemberRepository {
  /** False when nothing changed: already a member, or either name is unknown. */
  addUser(accountId: string, groupName: string, userName: string): Promise<boolean>;
  removeUser(accountId: string, groupName: string, userName: string): Promise<boolean>;
  listUsers(accountId: string, groupName: string, page: PageRequest): Promise<Page<User>>;
  listGroupsForUser(accountId: string, userName: string, page: PageRequest): Promise<Page<Group>>;
  countGroupsForUser(accountId: string, userName: string): Promise<number>;
  /** Each user's groups by name, as listGroupsForUser, for many users (by id) in one read. */
  listGroupsForUsers(userIds: readonly string[]): Promise<ReadonlyMap<string, readonly Group[]>>;
}

export interface RoleRepository extends NamedEntityRepository<Role> {
  recordLastUsed(accountId: string, roleName: string, use: RoleLastUsed): Promise<boolean>;
}

/** Instance profiles; `roleNames` is ignored by insert() and update(): use `roles`. */
export interface InstanceProfileRepository extends NamedEntityRepository<InstanceProfile> {
  readonly roles: InstanceProfileRoleRepository;
}

export interface InstanceProfileRoleRepository {
  /** False when nothing changed: the role is already in it, or either name is unknown. */
  add(accountId: string, profileName: string, roleName: string): Promise<boolean>;
  remove(accountId: string, profileName: string, roleName: string): Promise<boolean>;
  listProfilesForRole(accountId: string, roleName: string, page: PageRequest): Promise<Page<InstanceProfile>>;
  /** Each role's profiles by name, as listProfilesForRole, for many roles (by id) in one read. */
  listProfilesForRoles(roleIds: readonly string[]): Promise<ReadonlyMap<string, readonly InstanceProfile[]>>;
}

export type PolicyScope = 'All' | 'AWS' | 'Local';
export type PolicyUsage = 'PermissionsPolicy' | 'PermissionsBoundary';

export interface PolicyListRequest extends AccountListRequest {
  /** Local: the account's own; AWS: AWS managed; All (default): both. */
  readonly scope?: PolicyScope;
  /** Only policies attached (or used as a boundary, with `usage`) in the account. */
  readonly onlyAttached?: boolean;
  readonly usage?: PolicyUsage;
}

/**
 * Managed policies, found by ARN (AWS managed ones live under AWS_MANAGED_ACCOUNT).
 * Names are unique per account across paths.
 */
export interface PolicyRepository {
  get(arn: string): Promise<ManagedPolicy | undefined>;
  getByName(accountId: string, name: string): Promise<ManagedPolicy | undefined>;
  /** Insert its first version too, in the same write(). */
  insert(policy: ManagedPolicy): Promise<void>;
  /** Updates description, tags, updateDate, defaultVersionId and isAttachable. */
  update(policy: ManagedPolicy): Promise<boolean>;
  /** Deletes the policy with all its versions; throws ConstraintViolationError while attached. */
  delete(arn: string): Promise<boolean>;
  list(request: PolicyListRequest): Promise<Page<ManagedPolicy>>;
  /** Customer managed policies of the account (the quota). */
  count(accountId: string): Promise<number>;
  readonly versions: PolicyVersionRepository;
  readonly attachments: PolicyAttachmentRepository;
}

export interface PolicyVersionRepository {
  /** Newest first, as ListPolicyVersions. */
  list(policyArn: string, page: PageRequest): Promise<Page<PolicyVersion>>;
  get(policyArn: string, versionId: string): Promise<PolicyVersion | undefined>;
  /**
   * Stores a version ("vN"); `isDefault` is ignored (see setDefault). Throws
   * EntityAlreadyExistsError('policy-version') if the id exists; throws
   * ConstraintViolationError if the policy does not.
   */
  insert(version: PolicyVersion): Promise<void>;
  /** Refuses (false) to delete the default version: DeletePolicy does that. */
  delete(policyArn: string, versionId: string): Promise<boolean>;
  /** False when the policy or version is unknown. */
  setDefault(policyArn: string, versionId: string): Promise<boolean>;
  /** The id for the next CreatePolicyVersion: ids are never reused, even after deletes. */
  nextVersionId(policyArn: string): Promise<string | undefined>;
  count(policyArn: string): Promise<number>;
  /** Every version of each policy, newest first as list(), for many policies in one read. */
  listAllFor(policyArns: readonly string[]): Promise<ReadonlyMap<string, readonly PolicyVersion[]>>;
}

export interface AttachedPolicyRef {
  readonly policyName: string;
  readonly policyArn: string;
}

/** A managed policy's default version, as the authorizer needs it. */
export interface AttachedPolicyDocument extends AttachedPolicyRef {
  readonly versionId: string;
  readonly document: string;
}

export interface PolicyEntityRef {
  readonly kind: PolicyOwnerKind;
  readonly id: string;
  readonly name: string;
}

export interface PolicyEntityListRequest extends PageRequest {
  readonly kinds?: readonly PolicyOwnerKind[];
  readonly pathPrefix?: string;
  /** PermissionsPolicy (default): attached; PermissionsBoundary: set as the boundary. */
  readonly usage?: PolicyUsage;
}

export interface AttachedListRequest extends PageRequest {
  readonly pathPrefix?: string;
}

/** Managed policies attached to users, groups and roles, counted per account. */
export interface PolicyAttachmentRepository {
  /** False when nothing changed: already attached, or the owner or policy is unknown. */
  attach(owner: PolicyOwner, policyArn: string): Promise<boolean>;
  detach(owner: PolicyOwner, policyArn: string): Promise<boolean>;
  /** By policy name, as ListAttached*Policies; `pathPrefix` filters the policy's path. */
  listAttached(owner: PolicyOwner, request: AttachedListRequest): Promise<Page<AttachedPolicyRef>>;
  /** All attached policies with their default documents, for authorization. */
  listAttachedDocuments(owner: PolicyOwner): Promise<readonly AttachedPolicyDocument[]>;
  countAttached(owner: PolicyOwner): Promise<number>;
  /** Groups, then roles, then users, each by name. */
  listEntities(accountId: string, policyArn: string, request: PolicyEntityListRequest): Promise<Page<PolicyEntityRef>>;
  attachmentCount(accountId: string, policyArn: string): Promise<number>;
  boundaryUsageCount(accountId: string, policyArn: string): Promise<number>;
  /** Both counts for many policies in one read (unknown ARNs count 0). */
  usageCounts(accountId: string, policyArns: readonly string[]): Promise<ReadonlyMap<string, PolicyUsageCounts>>;
  /** Each owner's attached policies by name, as listAttached, for many owners (by id) of one kind. */
  listAttachedFor(kind: PolicyOwnerKind, ownerIds: readonly string[]): Promise<ReadonlyMap<string, readonly AttachedPolicyRef[]>>;
}

export interface PolicyUsageCounts {
  /** Users, groups and roles of the account the policy is attached to. */
  readonly attachmentCount: number;
  /** Users and roles of the account that have it as their permissions boundary. */
  readonly boundaryUsageCount: number;
}

/** Inline policies; their names compare case-insensitively per owner. */
export interface InlinePolicyRepository {
  /** Creates or replaces; false when the owner is unknown. */
  put(policy: InlinePolicy): Promise<boolean>;
  get(owner: PolicyOwner, policyName: string): Promise<InlinePolicy | undefined>;
  delete(owner: PolicyOwner, policyName: string): Promise<boolean>;
  listNames(owner: PolicyOwner, page: PageRequest): Promise<Page<string>>;
  /** Every inline policy of the owner, by name, for authorization. */
  listAll(owner: PolicyOwner): Promise<readonly InlinePolicy[]>;
  /** Each owner's inline policies by name, as listAll, for many owners (by id) of one kind. */
  listAllFor(kind: PolicyOwnerKind, ownerIds: readonly string[]): Promise<ReadonlyMap<string, readonly InlinePolicy[]>>;
  /** Sum of the documents' sizes as IAM counts them (no white space), for the quota. */
  totalSize(owner: PolicyOwner): Promise<number>;
}

export interface AccessKeyRepository {
  /** Access key ids are unique across accounts. */
  get(accessKeyId: string): Promise<AccessKey | undefined>;
  /** Throws EntityAlreadyExistsError('access-key'), or ConstraintViolationError if the user is unknown. */
  insert(key: AccessKey): Promise<void>;
  /** A user's keys, or the root user's with `userName` null, oldest first. */
  listForUser(accountId: string, userName: string | null): Promise<readonly AccessKey[]>;
  countForUser(accountId: string, userName: string | null): Promise<number>;
  updateStatus(accessKeyId: string, status: AccessKeyStatus): Promise<boolean>;
  recordLastUsed(accessKeyId: string, use: AccessKeyLastUsed): Promise<boolean>;
  delete(accessKeyId: string): Promise<boolean>;
}
