// The client request a platform service forwards for verification, as it received it, and
// its normalisation into what SigV4 verification reads.

import type { SigV4Headers, SigV4Request } from '../../auth/sigv4/index.js';

/** Headers as a map (a list keeps repeated headers apart) or as raw `[name, value]` pairs in arrival order. */
export type ForwardedHeaders = Readonly<Record<string, string | readonly string[]>> | readonly (readonly [string, string])[];

export interface ForwardedRequest {
  readonly method: string;
  /** The raw path as received, still percent-encoded, without the query. */
  readonly path: string;
  /** The raw query string without `?` (empty when none). */
  readonly query?: string;
  readonly headers: ForwardedHeaders;
  /** The body's SHA-256 in hex, when the service hashed it. */
  readonly payloadSha256?: string;
  /** The body itself (small bodies), base64. */
  readonly body?: string;
  /** The client's address as the service saw it (aws:SourceIp). */
  readonly sourceIp: string;
  /** Whether the client reached the service over TLS (aws:SecureTransport). */
  readonly secure: boolean;
}

/** Header names lower-cased, values kept in arrival order. */
export function normaliseHeaders(headers: ForwardedHeaders): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  const add = (name: string, value: string): void => {
    const key = name.toLowerCase();
    (out[key] ??= []).push(value);
  };
  if (Array.isArray(headers)) {
    for (const pair of headers as readonly (readonly [string, string])[]) add(pair[0], pair[1]);
  } else {
    for (const [name, value] of Object.entries(headers as Readonly<Record<string, string | readonly string[]>>)) {
      if (typeof value === 'string') add(name, value);
      else for (const v of value) add(name, v);
    }
  }
  return out;
}

export function firstValue(headers: SigV4Headers, name: string): string | undefined {
  const v = headers[name];
  return typeof v === 'string' ? v : v?.[0];
}

/**
 * The request SigV4 verification reads. Without a body or its hash, a hex `x-amz-content-sha256`
 * stands for the body (the service must then check that the body it reads has that hash:
 * the answer says so); otherwise the body is taken as empty.
 */
export function sigV4RequestOf(request: ForwardedRequest, headers: SigV4Headers): { request: SigV4Request; bodyUnchecked: boolean } {
  const base = { method: request.method.toUpperCase(), path: request.path === '' ? '/' : request.path, query: request.query ?? '', headers };
  if (request.body !== undefined) return { request: { ...base, body: Buffer.from(request.body, 'base64') }, bodyUnchecked: false };
  if (request.payloadSha256 !== undefined) return { request: { ...base, body: '', bodyHash: request.payloadSha256 }, bodyUnchecked: false };
  const declared = firstValue(headers, 'x-amz-content-sha256');
  if (declared !== undefined && /^[0-9a-fA-F]{64}$/.test(declared)) return { request: { ...base, body: '', bodyHash: declared }, bodyUnchecked: true };
  return { request: { ...base, body: '' }, bodyUnchecked: false };
}
