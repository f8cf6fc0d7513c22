// Why a web identity token was refused: the STS error code and AWS's message, in one
// catalogue so the verifier and the STS action word every refusal the same way.
import type { ErrorCode } from '../../protocol/errors.js';

export type WebIdentityErrorCode = Extract<
  ErrorCode,
  'InvalidIdentityToken' | 'IDPRejectedClaim' | 'ExpiredTokenException' | 'IDPCommunicationError'
>;

export interface WebIdentityFailure {
  readonly ok: false;
  readonly code: WebIdentityErrorCode;
  readonly message: string;
}

function failure(code: WebIdentityErrorCode, message: string): WebIdentityFailure {
  return { ok: false, code, message };
}

/**
 * Messages marked "AWS" are AWS's wording as STS returns it (seen in SDK and CLI reports);
 * the others are Keyward's, for cases where AWS's wording is not public.
 */
export const webIdentityFailures = {
  /** Keyward: the token is not a compact JWS with JSON header and claims. */
  malformed: () => failure('InvalidIdentityToken', 'The web identity token is not a valid JWT'),
  /** AWS: no provider is registered for the token's `iss`. */
  unknownProvider: (issuer: string) =>
    failure('InvalidIdentityToken', `No OpenIDConnect provider found in your account for ${issuer}`),
  /** AWS (`aud`); the same wording for the other claims Keyward requires. */
  missingClaim: (claim: string) => failure('InvalidIdentityToken', `Missing a required claim: ${claim}`),
  /** AWS: no `aud` value is one of the provider's client ids. */
  audience: () => failure('InvalidIdentityToken', 'Incorrect token audience'),
  /** Keyward: `alg` is `none`, symmetric, or not one Keyward verifies. */
  algorithm: (alg: string) =>
    failure('InvalidIdentityToken', `The web identity token is signed with an unsupported algorithm: ${alg}`),
  /** AWS (the two spaces are AWS's): the JWKS could not be read or holds no key for the token. */
  verificationKey: () =>
    failure(
      'InvalidIdentityToken',
      "Couldn't retrieve verification key from your identity provider,  please reference AssumeRoleWithWebIdentity documentation for requirements",
    ),
  /** AWS: the issuer's TLS certificate is neither publicly trusted nor pinned by a thumbprint. */
  thumbprint: () =>
    failure('InvalidIdentityToken', "OpenIDConnect provider's HTTPS certificate doesn't match configured thumbprint"),
  /** Keyward: the issuer did not answer in time or refused the connection. */
  unreachable: () =>
    failure('IDPCommunicationError', 'The identity provider could not be reached to verify the web identity token'),
  /** Keyward: a key was found but the signature does not verify with it. */
  signature: () => failure('InvalidIdentityToken', 'The web identity token signature is not valid'),
  /** AWS: times are seconds since the epoch. */
  expired: (nowSeconds: number, expSeconds: number) =>
    failure(
      'ExpiredTokenException',
      `Token expired: current date/time ${nowSeconds} must be before the expiration date/time ${expSeconds}`,
    ),
  /** Keyward: `nbf` (or `iat`) lies in the future beyond the clock tolerance. */
  notYetValid: () => failure('IDPRejectedClaim', 'The web identity token is not valid yet'),
} as const;
