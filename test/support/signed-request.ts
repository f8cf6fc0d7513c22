// Hand-signed HTTP calls for end-to-end tests: SigV4 with the AWS SDK's own signer
// (@smithy/signature-v4), sent with fetch, so tests can tamper between signing and sending.

import { buildQueryString } from '@smithy/core/protocols';
import { Hash } from '@smithy/core/serde';
import { SignatureV4 } from '@smithy/signature-v4';
import type { HttpRequest, SourceData } from '@smithy/types';

class Sha256 extends Hash {
  constructor(secret?: SourceData) {
    super('sha256', secret);
  }
}

export interface Credentials {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly sessionToken?: string;
}

export interface SignParams {
  readonly credentials: Credentials;
  readonly region?: string;
  readonly service?: string;
  /** The signer's clock; shift it to test the skew window. */
  readonly signingDate: Date;
  /** false: no `x-amz-content-sha256` header, so the server hashes the body itself. */
  readonly applyChecksum?: boolean;
  /** Sign with `x-amz-content-sha256: UNSIGNED-PAYLOAD`, leaving the body out of the signature. */
  readonly unsignedPayload?: boolean;
}

/** A request ready for fetch; every field may be altered before `send`. */
export interface WireRequest {
  url: string;
  method: string;
  headers: Record<string, string>;
  body?: string | Uint8Array;
}

export interface WireResponse {
  readonly status: number;
  readonly headers: Headers;
  readonly text: string;
}

export const FORM_CONTENT_TYPE = 'application/x-www-form-urlencoded; charset=utf-8';

/** A form body from ordered pairs (repeats allowed), encoded as the SDKs do. */
export function formBody(params: Record<string, string> | ReadonlyArray<readonly [string, string]>): string {
  const pairs = Array.isArray(params) ? params : Object.entries(params);
  return pairs.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join('&');
}

function signer(params: SignParams): SignatureV4 {
  return new SignatureV4({
    credentials: params.credentials,
    region: params.region ?? 'us-east-1',
    service: params.service ?? 'iam',
    sha256: Sha256,
    applyChecksum: params.applyChecksum ?? true,
  });
}

function toWire(baseUrl: string, signed: HttpRequest): WireRequest {
  const query = buildQueryString(signed.query ?? {});
  const headers: Record<string, string> = {};
  // fetch sets Host itself, to the same `host:port` that was signed.
  for (const [name, value] of Object.entries(signed.headers)) if (name.toLowerCase() !== 'host') headers[name] = value;
  const body: unknown = signed.body;
  return {
    url: `${baseUrl}${signed.path}${query === '' ? '' : `?${query}`}`,
    method: signed.method,
    headers,
    ...(typeof body === 'string' || body instanceof Uint8Array ? { body } : {}),
  };
}

function unsigned(baseUrl: string, method: string, query: Record<string, string>, body: string | Uint8Array | undefined): HttpRequest {
  const { host, hostname } = new URL(baseUrl);
  return {
    method,
    protocol: 'http:',
    hostname,
    path: '/',
    query,
    // The port is part of the Host header fetch will send, so it is signed too.
    headers: { host, ...(body !== undefined && { 'content-type': FORM_CONTENT_TYPE }) },
    ...(body !== undefined && { body }),
  };
}

/** A POST with a form body, signed in the Authorization header. */
export async function signPost(baseUrl: string, body: string | Uint8Array, params: SignParams): Promise<WireRequest> {
  const request = unsigned(baseUrl, 'POST', {}, body);
  if (params.unsignedPayload === true) request.headers['x-amz-content-sha256'] = 'UNSIGNED-PAYLOAD';
  const signed = await signer(params).sign(request, { signingDate: params.signingDate });
  return toWire(baseUrl, signed);
}

/** A GET with its parameters in the query string, signed in the Authorization header. */
export async function signGet(baseUrl: string, query: Record<string, string>, params: SignParams): Promise<WireRequest> {
  const signed = await signer(params).sign(unsigned(baseUrl, 'GET', query, undefined), { signingDate: params.signingDate });
  return toWire(baseUrl, signed);
}

/** A presigned GET URL (signature in the query string). */
export async function presignGet(
  baseUrl: string,
  query: Record<string, string>,
  params: SignParams & { readonly expiresIn: number },
): Promise<string> {
  const signed = await signer(params).presign(unsigned(baseUrl, 'GET', query, undefined), {
    signingDate: params.signingDate,
    expiresIn: params.expiresIn,
  });
  return toWire(baseUrl, signed).url;
}

export async function send(request: WireRequest): Promise<WireResponse> {
  const res = await fetch(request.url, {
    method: request.method,
    headers: request.headers,
    ...(request.body !== undefined && { body: request.body }),
  });
  return { status: res.status, headers: res.headers, text: await res.text() };
}
