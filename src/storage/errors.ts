// Errors the Store port throws. Services map them to AWS errors; nothing above storage ever
// sees a driver's own error codes.

/** What kind of thing already exists, as named in the port. */
export type EntityKind =
  | 'account'
  | 'account-alias'
  | 'user'
  | 'group'
  | 'role'
  | 'managed-policy'
  | 'policy-version'
  | 'access-key'
  | 'instance-profile'
  | 'login-profile'
  | 'mfa-device'
  | 'signing-certificate'
  | 'ssh-public-key'
  | 'service-specific-credential'
  | 'oidc-provider'
  | 'saml-provider'
  | 'server-certificate'
  | 'service-last-accessed-job'
  | 'service-definition'
  | 'events-connection'
  | 'events-api-destination'
  | 'policy-generation'
  | 'analyzer'
  | 'analyzer-archive-rule';

/** An insert or rename would break a uniqueness rule (names compare case-insensitively). */
export class EntityAlreadyExistsError extends Error {
  override readonly name = 'EntityAlreadyExistsError';

  constructor(
    readonly entity: EntityKind,
    /** The name, id or alias that clashed, as the caller spelled it. */
    readonly key: string,
  ) {
    super(`${entity} "${key}" already exists`);
  }
}

/**
 * A write broke a rule the schema enforces that the service layer should have checked first:
 * deleting an entity that others still reference (AWS answers DeleteConflict), or pointing
 * at an entity that does not exist. Inside write() the transaction is then unusable: rethrow.
 */
export class ConstraintViolationError extends Error {
  override readonly name = 'ConstraintViolationError';

  constructor(
    readonly constraint: 'unique' | 'foreign-key',
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/**
 * Concurrent writers kept conflicting and the backend gave up retrying. Nothing was written;
 * AWS's nearest answer is ConcurrentModification (409).
 */
export class TransactionConflictError extends Error {
  override readonly name = 'TransactionConflictError';

  constructor(attempts: number, options?: { cause?: unknown }) {
    super(`transaction kept conflicting with concurrent writes after ${attempts} attempts`, options);
  }
}

/**
 * A conflict a transaction may survive if run again from the start: PostgreSQL's
 * serialization_failure and deadlock_detected, as raised by a statement or a commit.
 */
export function isTransactionConflict(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === '40001' || code === '40P01';
}
