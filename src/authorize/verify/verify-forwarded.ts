// Verifies a client request a platform service forwarded: SigV4 (header or presigned) with the
// service's own rules (its signing name in the credential scope, a signed Host that is one of its
// hosts, UNSIGNED-PAYLOAD only where allowed, S3 or standard URI encoding), the STREAMING-* modes
// answered with what the service needs to check each chunk, and AWS's error codes on failure.

import { deriveSigningKey, isSigV4Error, verifySigV4, SIGNATURE_MISMATCH_MESSAGE, type SigV4Headers } from '../../auth/sigv4/index.js';
import { IamError, type ErrorCode } from '../../protocol/errors.js';
import type { CallerRecord, CredentialLookup } from '../../server/resolve-caller.js';
import type { ServiceDefinition } from '../definition/service-definition.js';
import { firstValue, normaliseHeaders, sigV4RequestOf, type ForwardedRequest } from './forwarded-request.js';

export const UNSIGNED_PAYLOAD = 'UNSIGNED-PAYLOAD';
export const STREAMING_SIGNED = 'STREAMING-AWS4-HMAC-SHA256-PAYLOAD';
export const STREAMING_SIGNED_TRAILER = 'STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER';
export const STREAMING_UNSIGNED_TRAILER = 'STREAMING-UNSIGNED-PAYLOAD-TRAILER';

/** The failure a client expects from the service, AWS-shaped; `detail` is for the service's own log only. */
export interface VerifyFailure {
  /** A code of the one error catalogue (src/protocol/errors.ts). */
  readonly code: ErrorCode;
  readonly status: number;
  readonly message: string;
  readonly detail?: string;
}

/** What the service must still check about the body. */
export type PayloadCheck =
  /** The body (or the hash the service gave) matched the signed hash: nothing to do. */
  | { readonly mode: 'verified' }
  /** The body was not given: the service must check that it hashes to `sha256`. */
  | { readonly mode: 'sha256'; readonly sha256: string }
  /** UNSIGNED-PAYLOAD: the body is not covered by the signature. */
  | { readonly mode: 'unsigned' }
  /** aws-chunked: the service checks each chunk (and, for trailer modes, the trailer). */
  | { readonly mode: 'streaming'; readonly streaming: StreamingCheck };

export interface StreamingCheck {
  readonly contentSha256: string;
  /** The request's own signature, the previous signature of the first chunk; absent for the unsigned trailer mode. */
  readonly seedSignature?: string;
  /**
   * kSigning (hex) for this request's access key, day, region and this service only: chunk and
   * trailer signatures are HMACs under it. Never the secret access key; valid for no other service.
   */
  readonly signingKey?: string;
  /** `YYYYMMDD/region/service/aws4_request` and the request's X-Amz-Date, which every chunk's string to sign repeats. */
  readonly scope: string;
  readonly amzDate: string;
  readonly decodedContentLength: number;
  /** The trailing headers announced in `x-amz-trailer` (checksums). */
  readonly trailer?: string;
}

/** The verified credentials' owner: a CallerRecord without its secret, which goes no further than verification. */
export type VerifiedCredentials = Omit<CallerRecord, 'secretAccessKey'>;

export interface VerifiedClient {
  readonly credentials: VerifiedCredentials;
  readonly accessKeyId: string;
  readonly region: string;
  readonly presigned: boolean;
  readonly requestTime: Date;
  readonly payload: PayloadCheck;
}

export type VerifyOutcome = { readonly ok: true; readonly value: VerifiedClient } | { readonly ok: false; readonly error: VerifyFailure };

export interface VerifyForwardedOptions {
  readonly now: Date;
  readonly generation: number;
  readonly credentials: CredentialLookup;
}

const fail = (code: ErrorCode, status: number, message: string, detail?: string): VerifyOutcome => ({
  ok: false,
  error: { code, status, message, ...(detail !== undefined && { detail }) },
});

function amzDateOf(date: Date): string {
  return date.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}Z$/, 'Z');
}

export async function verifyForwarded(request: ForwardedRequest, service: ServiceDefinition, options: VerifyForwardedOptions): Promise<VerifyOutcome> {
  const headers: SigV4Headers = normaliseHeaders(request.headers);
  const signing = service.Signing;
  const { request: sigv4, bodyUnchecked } = sigV4RequestOf(request, headers);
  const sentinels = [STREAMING_SIGNED, STREAMING_SIGNED_TRAILER, ...(signing.UnsignedPayload ? [STREAMING_UNSIGNED_TRAILER] : [])];
  let verified;
  try {
    verified = await verifySigV4<CallerRecord>(sigv4, {
      now: () => options.now,
      services: [signing.Name],
      ...(signing.Regions !== undefined && { regions: signing.Regions }),
      allowUnsignedPayload: signing.UnsignedPayload,
      payloadSentinels: sentinels,
      uriEncoding: signing.UriEncoding,
      ...(signing.UriEncoding === 's3' && signing.UnsignedPayload && { presignedPayloadHash: UNSIGNED_PAYLOAD }),
      lookupSecret: (id, context) =>
        options.credentials.lookup(id, {
          now: options.now,
          generation: options.generation,
          ...(context.securityToken !== undefined && { securityToken: context.securityToken }),
        }),
    });
  } catch (error) {
    // An expired session token: the lookup says so with AWS's error.
    if (error instanceof IamError && error.code === 'ExpiredToken') return fail('ExpiredToken', error.status, error.message);
    throw error;
  }
  if (!verified.ok) return { ok: false, error: verified.error };
  const v = verified.value;

  // Bound to this service: the signed Host must be one of its hosts, so a request signed for one
  // service (or one deployment) cannot be replayed to another that shares the signing name rules.
  const host = firstValue(headers, 'host')?.toLowerCase();
  if (!v.signedHeaders.includes('host') || host === undefined) {
    return fail('SignatureDoesNotMatch', 403, SIGNATURE_MISMATCH_MESSAGE, 'the Host header is not signed');
  }
  if (!signing.Hosts.includes(host)) {
    return fail('SignatureDoesNotMatch', 403, SIGNATURE_MISMATCH_MESSAGE, `the signed Host ${JSON.stringify(host)} is not a host of service ${service.Name}`);
  }

  const declared = v.declaredPayloadHash;
  let payload: PayloadCheck;
  if (declared === STREAMING_SIGNED || declared === STREAMING_SIGNED_TRAILER || declared === STREAMING_UNSIGNED_TRAILER) {
    const streaming = streamingCheck(declared, headers, v.signature, v.scope, amzDateOf(v.requestTime), v.presigned);
    if (isSigV4Error(streaming) || 'code' in streaming) return { ok: false, error: streaming };
    const withKey =
      declared === STREAMING_UNSIGNED_TRAILER
        ? streaming
        : {
            ...streaming,
            signingKey: deriveSigningKey(v.record.secretAccessKey, v.scope.slice(0, 8), v.region, v.service).toString('hex'),
          };
    payload = { mode: 'streaming', streaming: withKey };
  } else if (declared === UNSIGNED_PAYLOAD || (v.presigned && declared === undefined && signing.UriEncoding === 's3' && signing.UnsignedPayload)) {
    payload = { mode: 'unsigned' };
  } else if (bodyUnchecked && declared !== undefined) {
    payload = { mode: 'sha256', sha256: declared.toLowerCase() };
  } else {
    payload = { mode: 'verified' };
  }
  return {
    ok: true,
    value: { credentials: withoutSecret(v.record), accessKeyId: v.accessKeyId, region: v.region, presigned: v.presigned, requestTime: v.requestTime, payload },
  };
}

function withoutSecret(record: CallerRecord): VerifiedCredentials {
  const { secretAccessKey: _secret, ...rest } = record;
  return rest;
}

function streamingCheck(
  mode: string,
  headers: SigV4Headers,
  signature: string,
  scope: string,
  amzDate: string,
  presigned: boolean,
): Omit<StreamingCheck, 'signingKey'> | VerifyFailure {
  if (presigned) return { code: 'InvalidRequest', status: 400, message: 'Streaming payloads cannot be used with presigned requests.' };
  const length = firstValue(headers, 'x-amz-decoded-content-length');
  if (length === undefined || !/^\d{1,15}$/.test(length)) {
    return { code: 'MissingContentLength', status: 411, message: 'You must provide the Content-Length HTTP header.' };
  }
  const trailer = firstValue(headers, 'x-amz-trailer');
  const wantsTrailer = mode !== STREAMING_SIGNED;
  if (wantsTrailer && (trailer === undefined || trailer.trim() === '')) {
    return { code: 'InvalidRequest', status: 400, message: 'x-amz-trailer is required for trailer payload modes.' };
  }
  return {
    contentSha256: mode,
    ...(mode !== STREAMING_UNSIGNED_TRAILER && { seedSignature: signature }),
    scope,
    amzDate,
    decodedContentLength: Number(length),
    ...(wantsTrailer && trailer !== undefined && { trailer: trailer.trim().toLowerCase() }),
  };
}
