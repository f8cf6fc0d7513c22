// What a session token carries: everything a node needs to authenticate and authorize a
// request made with temporary credentials, so no node keeps a session table.

import type { Tag } from '../domain/entities.js';

/** AssumedRole: AssumeRole*; FederatedUser: GetFederationToken; User: GetSessionToken (a user or the root user). */
export type SessionKind = 'AssumedRole' | 'FederatedUser' | 'User';

export interface SessionRole {
  /** AROA... */
  readonly id: string;
  readonly name: string;
  readonly path: string;
  readonly arn: string;
}

/** The IAM user behind a session; absent for the root user. */
export interface SessionUser {
  /** AIDA... */
  readonly id: string;
  readonly name: string;
}

export interface SessionMfa {
  /** Seconds since the epoch when the MFA code was checked (aws:MultiFactorAuthAge). */
  readonly authTime: number;
  readonly serialNumber: string;
}

export interface SessionClaims {
  readonly kind: SessionKind;
  readonly accountId: string;
  /** ASIA...: the key id the token belongs to; a request signed with another id is refused. */
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  /** Seconds since the epoch (aws:TokenIssueTime). */
  readonly issuedAt: number;
  /** Seconds since the epoch. */
  readonly expiresAt: number;
  /** AssumedRole only. */
  readonly role?: SessionRole;
  /** RoleSessionName for role sessions, Name for federated users. */
  readonly sessionName?: string;
  /** The user of a User session or the user who called GetFederationToken; absent for the root user. */
  readonly user?: SessionUser;
  readonly sourceIdentity?: string;
  readonly mfa?: SessionMfa;
  /** Session tags (including inherited transitive ones), in the order given. */
  readonly tags: readonly Tag[];
  /** Keys of `tags` that pass on to sessions this one creates (role chaining). */
  readonly transitiveTagKeys: readonly string[];
  /** The inline session policy, as sent. */
  readonly policy?: string;
  /** Managed session policies, resolved to their current default version at request time. */
  readonly policyArns: readonly string[];
  /**
   * A console sign-in session (src/console/server): a User session that may do whatever its
   * user (or the root user) may, as an AWS console session can, without GetSessionToken's limits.
   */
  readonly console?: boolean;
}

/** True when the session was created with session policies, which then limit every request. */
export function hasSessionPolicies(claims: SessionClaims): boolean {
  return claims.policy !== undefined || claims.policyArns.length > 0;
}

/** Checks the shape of decrypted claims; the token is authenticated, this guards against version drift. */
export function isSessionClaims(value: unknown): value is SessionClaims {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  const str = (k: string): boolean => typeof v[k] === 'string';
  const optStr = (k: string): boolean => v[k] === undefined || typeof v[k] === 'string';
  const num = (k: string): boolean => typeof v[k] === 'number' && Number.isFinite(v[k]);
  return (
    (v.kind === 'AssumedRole' || v.kind === 'FederatedUser' || v.kind === 'User') &&
    str('accountId') &&
    str('accessKeyId') &&
    str('secretAccessKey') &&
    num('issuedAt') &&
    num('expiresAt') &&
    optStr('sessionName') &&
    optStr('sourceIdentity') &&
    optStr('policy') &&
    Array.isArray(v.tags) &&
    v.tags.every((t) => typeof t === 'object' && t !== null && typeof t.key === 'string' && typeof t.value === 'string') &&
    Array.isArray(v.transitiveTagKeys) &&
    v.transitiveTagKeys.every((k) => typeof k === 'string') &&
    Array.isArray(v.policyArns) &&
    v.policyArns.every((k) => typeof k === 'string') &&
    (v.kind !== 'AssumedRole' || (typeof v.role === 'object' && v.role !== null && typeof v.sessionName === 'string')) &&
    (v.kind !== 'FederatedUser' || typeof v.sessionName === 'string')
  );
}
