// Helpers for the authorization API's end-to-end tests: calls to Keyward signed with the AWS
// SDK's signer for service `keyward`, client requests to a platform service signed the same
// way for its signing name and host, and the forwarded form the decision API takes.

import { readFileSync } from 'node:fs';
import { buildQueryString } from '@smithy/core/protocols';
import { Hash } from '@smithy/core/serde';
import { SignatureV4 } from '@smithy/signature-v4';
import type { HttpRequest, SourceData } from '@smithy/types';
import type { ForwardedRequest } from '../../src/authorize/verify/forwarded-request.js';
import type { Credentials, WireResponse } from './signed-request.js';

class Sha256 extends Hash {
  constructor(secret?: SourceData) {
    super('sha256', secret);
  }
}

export const NOTES_DEFINITION: Record<string, unknown> = JSON.parse(
  readFileSync(new URL('../../examples/notes-service/notes.service.json', import.meta.url), 'utf8'),
) as Record<string, unknown>;

export const signer = (credentials: Credentials, service: string, region = 'us-east-1'): SignatureV4 =>
  new SignatureV4({ credentials, region, service, sha256: Sha256, applyChecksum: true });

/** A JSON call to the authorization API, signed by `credentials` for service `keyward`. */
export async function keywardCall(baseUrl: string, credentials: Credentials, method: string, path: string, body?: unknown): Promise<WireResponse & { json: unknown }> {
  const url = new URL(path, baseUrl);
  const text = body === undefined ? undefined : JSON.stringify(body);
  const request: HttpRequest = {
    method,
    protocol: 'http:',
    hostname: url.hostname,
    ...(url.port !== '' && { port: Number(url.port) }),
    path: url.pathname,
    query: {},
    headers: { host: url.host, ...(text !== undefined && { 'content-type': 'application/json' }) },
    ...(text !== undefined && { body: text }),
  };
  const signed = await signer(credentials, 'keyward').sign(request);
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(signed.headers)) if (k.toLowerCase() !== 'host') headers[k] = v;
  const res = await fetch(url, { method, headers, ...(text !== undefined && { body: text }) });
  const raw = await res.text();
  let json: unknown;
  try {
    json = raw === '' ? undefined : JSON.parse(raw);
  } catch {
    json = undefined;
  }
  return { status: res.status, headers: res.headers, text: raw, json };
}

export interface ClientRequestOptions {
  readonly method?: string;
  readonly path: string;
  readonly query?: Record<string, string>;
  readonly host?: string;
  readonly service?: string;
  readonly body?: string;
  readonly headers?: Record<string, string>;
  readonly signingDate?: Date;
}

function unsignedClientRequest(o: ClientRequestOptions): HttpRequest {
  const host = o.host ?? 'notes.internal';
  return {
    method: o.method ?? 'GET',
    protocol: 'https:',
    hostname: host,
    path: o.path,
    query: o.query ?? {},
    headers: { host, ...o.headers },
    ...(o.body !== undefined && { body: o.body }),
  };
}

function forwardedOf(signed: HttpRequest, sourceIp: string): ForwardedRequest {
  const body: unknown = signed.body;
  return {
    method: signed.method,
    path: signed.path,
    query: buildQueryString(signed.query ?? {}),
    headers: signed.headers,
    body: Buffer.from(typeof body === 'string' ? body : '').toString('base64'),
    sourceIp,
    secure: true,
  };
}

/** A client's request to the notes service, signed as an AWS SDK signs it, as the service received it. */
export async function clientRequest(credentials: Credentials, o: ClientRequestOptions, sourceIp = '198.51.100.7'): Promise<ForwardedRequest> {
  const signed = await signer(credentials, o.service ?? 'notes').sign(unsignedClientRequest(o), o.signingDate !== undefined ? { signingDate: o.signingDate } : {});
  return forwardedOf(signed, sourceIp);
}

/** The same, presigned (signature in the query string). */
export async function presignedClientRequest(credentials: Credentials, o: ClientRequestOptions & { expiresIn: number }): Promise<ForwardedRequest> {
  const signed = await signer(credentials, o.service ?? 'notes').presign(unsignedClientRequest(o), {
    expiresIn: o.expiresIn,
    ...(o.signingDate !== undefined && { signingDate: o.signingDate }),
  });
  return forwardedOf(signed, '198.51.100.7');
}

export const policyDoc = (...statements: object[]): string => JSON.stringify({ Version: '2012-10-17', Statement: statements });
