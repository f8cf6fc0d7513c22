// Test helper (kept out of the build by the .case.ts suffix): signs requests with the
// AWS SDK's own SigV4 signer and turns them into what the server would receive.

import { buildQueryString } from '@smithy/core/protocols';
import { Hash } from '@smithy/core/serde';
import { SignatureV4 } from '@smithy/signature-v4';
import type { HttpRequest, QueryParameterBag, SourceData } from '@smithy/types';
import type { SigV4Request } from './request.js';

class Sha256 extends Hash {
  constructor(secret?: SourceData) {
    super('sha256', secret);
  }
}

export interface SdkCredentials {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly sessionToken?: string;
}

export interface UnsignedRequest {
  readonly method: string;
  /** Path as the SDK holds it: already percent-encoded. */
  readonly path?: string;
  readonly query?: QueryParameterBag;
  readonly headers?: Record<string, string>;
  readonly body?: string | Uint8Array;
  readonly hostname?: string;
}

export interface SignOptions {
  readonly credentials: SdkCredentials;
  readonly region?: string;
  readonly service?: string;
  readonly signingDate: Date;
  /** false: do not add `x-amz-content-sha256` (the SDK adds it by default). */
  readonly applyChecksum?: boolean;
}

function signer(options: SignOptions): SignatureV4 {
  return new SignatureV4({
    credentials: options.credentials,
    region: options.region ?? 'us-east-1',
    service: options.service ?? 'iam',
    sha256: Sha256,
    applyChecksum: options.applyChecksum ?? true,
  });
}

function toHttpRequest(request: UnsignedRequest): HttpRequest {
  const hostname = request.hostname ?? 'localhost';
  return {
    method: request.method,
    protocol: 'http:',
    hostname,
    path: request.path ?? '/',
    query: request.query ?? {},
    headers: { host: hostname, ...request.headers },
    body: request.body,
  };
}

/** What the server sees for an SDK request: raw path and query, lower-cased headers. */
export function asReceived(request: HttpRequest): SigV4Request {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(request.headers)) headers[name.toLowerCase()] = value;
  const body: unknown = request.body;
  return {
    method: request.method,
    path: request.path,
    query: buildQueryString(request.query ?? {}),
    headers,
    body: body === undefined ? '' : typeof body === 'string' ? body : Buffer.from(body as Uint8Array),
  };
}

export async function signWithSdk(request: UnsignedRequest, options: SignOptions): Promise<SigV4Request> {
  const signed = await signer(options).sign(toHttpRequest(request), { signingDate: options.signingDate });
  return asReceived(signed);
}

export async function presignWithSdk(
  request: UnsignedRequest,
  options: SignOptions & { readonly expiresIn?: number },
): Promise<SigV4Request> {
  const signed = await signer(options).presign(toHttpRequest(request), {
    signingDate: options.signingDate,
    ...(options.expiresIn !== undefined ? { expiresIn: options.expiresIn } : {}),
  });
  return asReceived(signed);
}
