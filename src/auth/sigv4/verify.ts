// SigV4 verification of one request, header-signed or presigned: parse, check the
// time window and credential scope, look up the secret, recompute, compare.

import { timingSafeEqual } from 'node:crypto';
import { canonicalRequestHash, sha256Hex, stringToSign } from './canonical-request.js';
import { invalidClientTokenId, isSigV4Error, signatureDoesNotMatch, type SigV4Error } from './errors.js';
import { parseAuthorization } from './parse-authorization.js';
import { firstHeader, firstQueryValue, parseQuery, type SigV4Request } from './request.js';
import {
  checkClockSkew,
  checkPresignedWindow,
  DEFAULT_MAX_SKEW_MS,
  formatAmzDate,
  parseExpires,
  parseRequestTime,
} from './request-time.js';
import { checkScope, parseCredential } from './scope.js';
import { SigningKeyCache, signString } from './signing-key.js';

export const UNSIGNED_PAYLOAD = 'UNSIGNED-PAYLOAD';

/** What `lookupSecret` must return at least; the caller may add anything else. */
export interface SecretRecord {
  readonly secretAccessKey: string;
}

/** Passed to `lookupSecret` so session keys (ASIA...) can be checked against their token. */
export interface LookupContext {
  readonly securityToken?: string;
  readonly region: string;
  readonly service: string;
}

export interface VerifyOptions<R extends SecretRecord> {
  /** The server clock, injected so tests can move it. */
  readonly now: () => Date;
  /** The secret for an access key id, or undefined when the key is unknown. May reject. */
  readonly lookupSecret: (accessKeyId: string, context: LookupContext) => Promise<R | undefined>;
  /** Services accepted in the credential scope (default `iam` and `sts`). */
  readonly services?: readonly string[];
  /** Regions accepted in the credential scope (default any well-formed name). */
  readonly regions?: readonly string[];
  /** Allowed clock skew in milliseconds (default 15 minutes, as AWS). */
  readonly maxSkewMs?: number;
  /** Accept `x-amz-content-sha256: UNSIGNED-PAYLOAD` (default true). */
  readonly allowUnsignedPayload?: boolean;
  /** Derived-key cache; a shared default is used when absent. */
  readonly signingKeyCache?: SigningKeyCache;
  /**
   * Declared payload hashes accepted as they are, besides a true SHA-256 and UNSIGNED-PAYLOAD
   * (the STREAMING-* modes, whose chunks the receiving service checks). Default none.
   */
  readonly payloadSentinels?: readonly string[];
  /** The payload hash a presigned request that declares none was signed with (S3: UNSIGNED-PAYLOAD); default the body's. */
  readonly presignedPayloadHash?: string;
  /** Canonical URI rules (default every service but S3's). */
  readonly uriEncoding?: 'double' | 's3';
}

export interface VerifiedRequest<R extends SecretRecord> {
  readonly accessKeyId: string;
  readonly region: string;
  readonly service: string;
  readonly signedHeaders: readonly string[];
  readonly securityToken?: string;
  readonly record: R;
  readonly requestTime: Date;
  readonly presigned: boolean;
  /** The verified signature: the seed of a STREAMING-* request's chunk signatures. */
  readonly signature: string;
  /** `date/region/service/aws4_request`. */
  readonly scope: string;
  /** `x-amz-content-sha256` (or its presigned query form) as declared, when declared. */
  readonly declaredPayloadHash?: string;
}

export type VerifyResult<R extends SecretRecord> =
  | { readonly ok: true; readonly value: VerifiedRequest<R> }
  | { readonly ok: false; readonly error: SigV4Error };

const defaultCache = new SigningKeyCache();
const HEX_SHA256 = /^[0-9a-fA-F]{64}$/;

function fail<R extends SecretRecord>(error: SigV4Error): VerifyResult<R> {
  return { ok: false, error };
}

function sameText(a: string, b: string): boolean {
  const left = Buffer.from(a, 'utf8');
  const right = Buffer.from(b, 'utf8');
  // Lengths are public (a SHA-256 hex digest is always 64 characters).
  return left.length === right.length && timingSafeEqual(left, right);
}

/**
 * Verify a request's SigV4 signature. Failures come back as AWS-shaped errors; only
 * a rejected `lookupSecret` makes this reject.
 */
export async function verifySigV4<R extends SecretRecord>(
  request: SigV4Request,
  options: VerifyOptions<R>,
): Promise<VerifyResult<R>> {
  const params = parseQuery(request.query);
  const auth = parseAuthorization(request.headers, params);
  if (isSigV4Error(auth)) return fail(auth);

  const requestTime = parseRequestTime(auth.requestTime, { allowHttpDate: auth.requestTimeSource === 'date' });
  if (isSigV4Error(requestTime)) return fail(requestTime);
  const now = options.now();
  const maxSkewMs = options.maxSkewMs ?? DEFAULT_MAX_SKEW_MS;
  if (auth.expires !== undefined) {
    const expires = parseExpires(auth.expires);
    if (typeof expires !== 'number') return fail(expires);
    const windowError = checkPresignedWindow(requestTime, expires, now, maxSkewMs);
    if (windowError !== undefined) return fail(windowError);
  } else {
    const skewError = checkClockSkew(requestTime, now, maxSkewMs);
    if (skewError !== undefined) return fail(skewError);
  }

  const scope = parseCredential(auth.credential);
  if (isSigV4Error(scope)) return fail(scope);
  const amzDate = formatAmzDate(requestTime);
  const scopeError = checkScope(scope, amzDate, {
    services: options.services ?? ['iam', 'sts'],
    ...(options.regions !== undefined ? { regions: options.regions } : {}),
  });
  if (scopeError !== undefined) return fail(scopeError);

  const record = await options.lookupSecret(scope.accessKeyId, {
    region: scope.region,
    service: scope.service,
    ...(auth.securityToken !== undefined ? { securityToken: auth.securityToken } : {}),
  });
  if (record === undefined) return fail(invalidClientTokenId());

  const bodyHash =
    request.bodyHash !== undefined ? request.bodyHash.toLowerCase() : sha256Hex(typeof request.body === 'string' ? Buffer.from(request.body, 'utf8') : request.body);
  const declaredHash =
    firstHeader(request.headers, 'x-amz-content-sha256') ??
    (auth.kind === 'presigned' ? firstQueryValue(params, 'X-Amz-Content-Sha256') : undefined);
  const canonicalHash = canonicalRequestHash({
    method: request.method,
    path: request.path,
    params,
    headers: request.headers,
    signedHeaders: auth.signedHeaders,
    payloadHash: declaredHash ?? (auth.kind === 'presigned' ? (options.presignedPayloadHash ?? bodyHash) : bodyHash),
    ...(auth.kind === 'presigned' ? { omitQueryParam: 'X-Amz-Signature' } : {}),
    ...(options.uriEncoding !== undefined && { uriEncoding: options.uriEncoding }),
  });
  const cache = options.signingKeyCache ?? defaultCache;
  // The record object stands for its key while the caller keeps it (the server caches them).
  const signingKey = cache.getFor(record, record.secretAccessKey, scope.date, scope.region, scope.service);
  const signature = signString(signingKey, stringToSign(amzDate, scope.scope, canonicalHash));
  if (!sameText(auth.signature, signature)) return fail(signatureDoesNotMatch());

  // A declared hash is signed, but the body is only covered if the hash is true.
  if (declaredHash !== undefined) {
    const unsignedOk = declaredHash === UNSIGNED_PAYLOAD && options.allowUnsignedPayload !== false;
    const matchesBody = HEX_SHA256.test(declaredHash) && declaredHash.toLowerCase() === bodyHash;
    const sentinelOk = options.payloadSentinels?.includes(declaredHash) === true;
    if (!unsignedOk && !matchesBody && !sentinelOk) return fail(signatureDoesNotMatch());
  }

  return {
    ok: true,
    value: {
      accessKeyId: scope.accessKeyId,
      region: scope.region,
      service: scope.service,
      signedHeaders: auth.signedHeaders,
      ...(auth.securityToken !== undefined ? { securityToken: auth.securityToken } : {}),
      record,
      requestTime,
      presigned: auth.kind === 'presigned',
      signature: auth.signature,
      scope: scope.scope,
      ...(declaredHash !== undefined && { declaredPayloadHash: declaredHash }),
    },
  };
}
