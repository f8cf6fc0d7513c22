// Why a SAML response was refused: the STS error code and AWS's message, plus Keyward's own
// reason for logs and tests (several causes share one AWS message).
import type { ErrorCode } from '../../protocol/errors.js';

export type SamlErrorCode = Extract<ErrorCode, 'InvalidIdentityToken' | 'IDPRejectedClaim' | 'ExpiredTokenException' | 'AccessDenied'>;

export interface SamlFailure {
  readonly ok: false;
  readonly code: SamlErrorCode;
  readonly message: string;
  /** Not sent to the caller. */
  readonly reason: string;
}

function failure(code: SamlErrorCode, message: string, reason: string): SamlFailure {
  return { ok: false, code, message, reason };
}

/** "AWS" marks AWS's wording (IAM User Guide, "Troubleshoot SAML federation", or STS replies); the rest is Keyward's. */
export const samlFailures = {
  /** Keyward: not base64, not XML, not a SAML 2.0 Response with one Assertion. */
  malformed: (reason: string) => failure('InvalidIdentityToken', 'Invalid SAML response', reason),
  /** Keyward: AWS can decrypt with the provider's private key; Keyward keeps none. */
  encrypted: () => failure('InvalidIdentityToken', 'Encrypted SAML assertions are not supported', 'EncryptedAssertion'),
  /** AWS. */
  signature: (reason: string) => failure('InvalidIdentityToken', 'Response signature invalid', reason),
  /** AWS (surfaced by STS as InvalidIdentityToken). */
  issuer: (reason: string) => failure('InvalidIdentityToken', 'Issuer not present in specified provider', reason),
  /** Keyward: the provider's metadata is past its validUntil. */
  providerExpired: () => failure('InvalidIdentityToken', 'The SAML provider metadata has expired', 'metadata validUntil passed'),
  /** Keyward: the IdP's Status is not Success. */
  rejected: (status: string) =>
    failure('IDPRejectedClaim', 'The identity provider reported that authentication failed', `status ${status}`),
  /** AWS (seen in STS replies for a NotOnOrAfter that passed). */
  expired: (reason: string) => failure('ExpiredTokenException', 'Response has expired', reason),
  /** AWS: the assertion's IssueInstant is more than five minutes old. */
  tooOld: () => failure('ExpiredTokenException', 'Token must be redeemed within 5 minutes of issuance', 'IssueInstant too old'),
  /** Keyward: the assertion's ID was accepted before (SAML 2.0 profiles: bearer assertions are used once). */
  replayed: () => failure('InvalidIdentityToken', 'The SAML assertion has already been used', 'assertion ID replayed'),
  /** Keyward: NotBefore or IssueInstant lies in the future beyond the clock skew. */
  notYetValid: (reason: string) => failure('InvalidIdentityToken', 'Response is not yet valid', reason),
  /** AWS. */
  audience: (reason: string) => failure('InvalidIdentityToken', 'Response does not contain the required audience.', reason),
  /** Keyward, worded like the audience message. */
  recipient: (reason: string) => failure('InvalidIdentityToken', 'Response does not contain the required recipient.', reason),
  /** AWS: no Subject with a NameID, or no role for this provider in the Role attribute. */
  notAuthorized: (reason: string) => failure('AccessDenied', 'Not authorized to perform sts:AssumeRoleWithSAML', reason),
  /** AWS. */
  sessionNameMissing: () =>
    failure('InvalidIdentityToken', 'RoleSessionName is required in AuthnResponse', 'no RoleSessionName attribute'),
  /** AWS. */
  sessionNameInvalid: () =>
    failure('InvalidIdentityToken', 'RoleSessionName in AuthnResponse must match [a-zA-Z_0-9+=,.@-]{2,64}', 'bad RoleSessionName'),
  /** AWS. */
  sourceIdentityInvalid: () =>
    failure(
      'InvalidIdentityToken',
      'Source Identity must match [a-zA-Z_0-9+=,.@-]{2,64} and not begin with "aws:"',
      'bad SourceIdentity',
    ),
  /** Keyward: the guide allows 900 to 43200 seconds. */
  sessionDurationInvalid: () =>
    failure('InvalidIdentityToken', 'SessionDuration in AuthnResponse must be an integer from 900 to 43200', 'bad SessionDuration'),
} as const;
