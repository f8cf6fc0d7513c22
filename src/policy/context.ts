// The request an authorization decision is made for: principal, action,
// resource and the context keys (lower-cased names, string or string-list values).

/** A context value: single-valued keys are strings, multi-valued keys (aws:TagKeys, ...) string arrays. */
export type ContextValue = string | readonly string[];

/** Context keys, looked up by lower-cased name (`aws:principaltag/team`). */
export type ContextKeys = ReadonlyMap<string, ContextValue>;

export type PrincipalType =
  | 'Root'
  | 'User'
  | 'AssumedRole'
  | 'FederatedUser'
  | 'WebIdentityUser'
  | 'SAMLUser'
  | 'Service'
  | 'Anonymous';

/** Who makes the request, as resource-based and trust policies see it (`Principal` matching). */
export interface RequestPrincipal {
  readonly type: PrincipalType;
  /** `arn:aws:iam::ACCT:root`, a user ARN, `arn:aws:sts::ACCT:assumed-role/R/S`, a federated-user ARN; empty for anonymous. */
  readonly arn: string;
  /** 12-digit account id; empty for anonymous and service principals. */
  readonly account: string;
  /** For AssumedRole: the role's ARN (`arn:aws:iam::ACCT:role/path/R`), which `Principal` may name instead of the session. */
  readonly roleArn?: string;
  /** For Service: `ec2.amazonaws.com`. */
  readonly service?: string;
  /** For WebIdentityUser / SAMLUser: the provider (`accounts.google.com`, `arn:aws:iam::ACCT:saml-provider/X`, `arn:aws:iam::ACCT:oidc-provider/X`). */
  readonly federatedProvider?: string;
  /** Canonical user id, for S3-style principals. */
  readonly canonicalUser?: string;
}

export interface RequestContext {
  readonly principal: RequestPrincipal;
  /** `service:Action` as the caller names it; matched case-insensitively. */
  readonly action: string;
  /** The target resource ARN (or `*` for actions with no resource). */
  readonly resource: string;
  /** Account that owns the resource; defaults to the ARN's account field, then to the principal's account. */
  readonly resourceAccount?: string;
  readonly keys: ContextKeys;
}

/** Builds a `ContextKeys` map from a plain record, lower-casing the names. */
export function contextKeys(record: Readonly<Record<string, ContextValue>>): ContextKeys {
  const map = new Map<string, ContextValue>();
  for (const [name, value] of Object.entries(record)) map.set(name.toLowerCase(), value);
  return map;
}
