// Verifies the JWT of an AssumeRoleWithWebIdentity call against one IAM OIDC provider: issuer,
// audience (client ids), signature with the issuer's published keys, and the time claims with
// AWS's five minutes of clock skew. Returns a result, never throws for a bad token.
import {
  createLocalJWKSet,
  decodeJwt,
  decodeProtectedHeader,
  errors,
  jwtVerify,
  type JSONWebKeySet,
  type JWTPayload,
  type JWTVerifyOptions,
  type ProtectedHeaderParameters,
} from 'jose';
import { JwksFetchError } from './fetch-json.js';
import { issuerBaseUrl, issuerMatchesProvider } from './issuer.js';
import { defaultFetchJwks, type FetchJwks } from './jwks-fetcher.js';
import { webIdentityFailures, type WebIdentityFailure } from './web-identity-failure.js';

/** AWS: "Tokens must be signed using either RSA keys (RS256, RS384, or RS512) or ECDSA keys (ES256, ES384, or ES512)." */
export const WEB_IDENTITY_ALGORITHMS: readonly string[] = ['RS256', 'RS384', 'RS512', 'ES256', 'ES384', 'ES512'];

/** IAM accepts a JWT up to five minutes past its `exp` to allow for clock skew (IAM User Guide, OIDC federation). */
export const WEB_IDENTITY_CLOCK_TOLERANCE_SECONDS = 300;

export interface VerifyWebIdentityTokenOptions {
  /** The provider's URL as IAM stores it (`host/path`, no scheme); `https://` in front is tolerated. */
  readonly providerUrl: string;
  /** The provider's client ids: one of them must be in the token's `aud`. */
  readonly clientIds: readonly string[];
  /** The provider's certificate thumbprints, for an issuer whose TLS certificate is not publicly trusted. */
  readonly thumbprints?: readonly string[];
  /** Key-set source; defaults to OIDC discovery over the network with a shared cache. */
  readonly fetchJwks?: FetchJwks;
  readonly now: Date;
  /** Accept an `http://` issuer (local development only; AWS requires https). */
  readonly allowHttpIssuer?: boolean;
  readonly clockToleranceSeconds?: number;
}

export interface VerifiedWebIdentity {
  readonly ok: true;
  /** The verified claims, as the issuer wrote them. */
  readonly claims: JWTPayload;
  /** `sub`: STS's SubjectFromWebIdentityToken. */
  readonly subject: string;
  /** The client id that matched: STS's Audience. */
  readonly audience: string;
  /** `iss` exactly as in the token: STS's Provider. */
  readonly issuer: string;
  /** `amr`, when the token has one. */
  readonly amr?: readonly string[];
}

export type WebIdentityResult = VerifiedWebIdentity | WebIdentityFailure;

type KeyOutcome =
  | { readonly kind: 'verified'; readonly claims: JWTPayload }
  | { readonly kind: 'no-key' }
  | { readonly kind: 'failed'; readonly failure: WebIdentityFailure };

const TIME_CLAIMS = ['exp', 'nbf', 'iat'] as const;

function audiences(claims: JWTPayload): readonly string[] | undefined {
  const { aud } = claims;
  if (typeof aud === 'string') return [aud];
  if (Array.isArray(aud) && aud.every((value) => typeof value === 'string')) return aud;
  return undefined;
}

function stringList(value: unknown): readonly string[] | undefined {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value) && value.every((item) => typeof item === 'string')) return value as string[];
  return undefined;
}

/** Maps what jose throws after a key was chosen onto STS's answers. */
function keyFailure(error: unknown, claims: JWTPayload, now: Date): KeyOutcome {
  if (error instanceof errors.JWKSNoMatchingKey) return { kind: 'no-key' };
  if (error instanceof errors.JWSSignatureVerificationFailed) return { kind: 'failed', failure: webIdentityFailures.signature() };
  if (error instanceof errors.JWTExpired) {
    const exp = typeof claims.exp === 'number' ? claims.exp : 0;
    return { kind: 'failed', failure: webIdentityFailures.expired(Math.floor(now.getTime() / 1000), exp) };
  }
  if (error instanceof errors.JWTClaimValidationFailed) {
    const failure = error.claim === 'nbf' ? webIdentityFailures.notYetValid() : webIdentityFailures.malformed();
    return { kind: 'failed', failure };
  }
  if (error instanceof errors.JWSInvalid || error instanceof errors.JWTInvalid) {
    return { kind: 'failed', failure: webIdentityFailures.malformed() };
  }
  // An unusable key set or key (wrong type, not public, unsupported curve).
  return { kind: 'failed', failure: webIdentityFailures.verificationKey() };
}

async function verifyWithKeys(
  token: string,
  keySet: JSONWebKeySet,
  claims: JWTPayload,
  verifyOptions: JWTVerifyOptions,
  now: Date,
): Promise<KeyOutcome> {
  let keys: ReturnType<typeof createLocalJWKSet>;
  try {
    keys = createLocalJWKSet(keySet);
  } catch {
    return { kind: 'failed', failure: webIdentityFailures.verificationKey() };
  }
  try {
    return { kind: 'verified', claims: (await jwtVerify(token, keys, verifyOptions)).payload };
  } catch (error) {
    if (!(error instanceof errors.JWKSMultipleMatchingKeys)) return keyFailure(error, claims, now);
    // No `kid` and several keys fit: the token is good if one of them verifies it.
    for await (const key of error) {
      try {
        return { kind: 'verified', claims: (await jwtVerify(token, key, verifyOptions)).payload };
      } catch (inner) {
        if (!(inner instanceof errors.JWSSignatureVerificationFailed)) return keyFailure(inner, claims, now);
      }
    }
    return { kind: 'failed', failure: webIdentityFailures.signature() };
  }
}

function fetchFailure(error: unknown): WebIdentityFailure {
  if (error instanceof JwksFetchError) {
    if (error.kind === 'unreachable') return webIdentityFailures.unreachable();
    if (error.kind === 'untrusted-certificate') return webIdentityFailures.thumbprint();
  }
  return webIdentityFailures.verificationKey();
}

/** Checks everything that needs no key, in the order AWS reports it. */
function checkUnsignedParts(
  header: ProtectedHeaderParameters,
  claims: JWTPayload,
  options: VerifyWebIdentityTokenOptions,
): WebIdentityFailure | { readonly audience: string; readonly subject: string } {
  if (typeof claims.iss !== 'string' || claims.iss.length === 0) return webIdentityFailures.missingClaim('iss');
  if (!issuerMatchesProvider(claims.iss, options.providerUrl, { allowHttp: options.allowHttpIssuer === true })) {
    return webIdentityFailures.unknownProvider(claims.iss);
  }
  const alg = header.alg;
  if (typeof alg !== 'string' || !WEB_IDENTITY_ALGORITHMS.includes(alg)) {
    return webIdentityFailures.algorithm(typeof alg === 'string' ? alg : 'missing');
  }
  // AWS: "Timestamps in the token must be formatted as either an integer or a long integer."
  for (const claim of TIME_CLAIMS) {
    const value = claims[claim];
    if (value !== undefined && !(typeof value === 'number' && Number.isSafeInteger(value))) {
      return webIdentityFailures.malformed();
    }
  }
  if (claims.exp === undefined) return webIdentityFailures.missingClaim('exp');
  if (claims.aud === undefined) return webIdentityFailures.missingClaim('aud');
  const tokenAudiences = audiences(claims);
  if (tokenAudiences === undefined) return webIdentityFailures.malformed();
  const audience = tokenAudiences.find((value) => options.clientIds.includes(value));
  if (audience === undefined) return webIdentityFailures.audience();
  if (typeof claims.sub !== 'string' || claims.sub.length === 0) return webIdentityFailures.missingClaim('sub');
  return { audience, subject: claims.sub };
}

/**
 * Verifies `token` for the provider in `options`. The caller finds the provider first (by the
 * token's issuer, see readTokenIssuer) and answers `unknownProvider` itself when there is none.
 */
export async function verifyWebIdentityToken(
  token: string,
  options: VerifyWebIdentityTokenOptions,
): Promise<WebIdentityResult> {
  let header: ProtectedHeaderParameters;
  let claims: JWTPayload;
  try {
    header = decodeProtectedHeader(token);
    claims = decodeJwt(token);
  } catch {
    return webIdentityFailures.malformed();
  }
  const unsigned = checkUnsignedParts(header, claims, options);
  if ('ok' in unsigned) return unsigned;

  const issuer = claims.iss as string;
  const fetchJwks = options.fetchJwks ?? defaultFetchJwks;
  const thumbprints = options.thumbprints ?? [];
  const tolerance = options.clockToleranceSeconds ?? WEB_IDENTITY_CLOCK_TOLERANCE_SECONDS;
  const verifyOptions: JWTVerifyOptions = {
    algorithms: [...WEB_IDENTITY_ALGORITHMS],
    currentDate: options.now,
    clockTolerance: tolerance,
  };

  let outcome: KeyOutcome = { kind: 'no-key' };
  for (const refresh of [false, true]) {
    let keySet: JSONWebKeySet;
    try {
      keySet = await fetchJwks(issuerBaseUrl(issuer), { thumbprints, refresh });
    } catch (error) {
      return fetchFailure(error);
    }
    outcome = await verifyWithKeys(token, keySet, claims, verifyOptions, options.now);
    // Only a key the cached set lacks is worth a second look: the issuer may have rotated keys.
    if (outcome.kind !== 'no-key') break;
  }
  if (outcome.kind === 'no-key') return webIdentityFailures.verificationKey();
  if (outcome.kind === 'failed') return outcome.failure;

  const verified = outcome.claims;
  const nowSeconds = Math.floor(options.now.getTime() / 1000);
  if (typeof verified.iat === 'number' && verified.iat > nowSeconds + tolerance) return webIdentityFailures.notYetValid();
  const amr = stringList(verified.amr);
  return {
    ok: true,
    claims: verified,
    subject: unsigned.subject,
    audience: unsigned.audience,
    issuer,
    ...(amr === undefined ? {} : { amr }),
  };
}
