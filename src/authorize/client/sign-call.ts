// SigV4 for the client's own calls to Keyward (scope service `keyward`): the canonical request
// and key derivation are the server's own (auth/sigv4), so the client needs no AWS SDK.

import { buildCanonicalRequest, buildStringToSign, sha256Hex } from '../../auth/sigv4/canonical-request.js';
import { parseQuery } from '../../auth/sigv4/request.js';
import { formatAmzDate } from '../../auth/sigv4/request-time.js';
import { deriveSigningKey, signString } from '../../auth/sigv4/signing-key.js';

export interface KeywardCredentials {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly sessionToken?: string;
}

export interface CallToSign {
  readonly method: string;
  /** Origin of the Keyward endpoint: `http://127.0.0.1:4566`. */
  readonly url: URL;
  readonly body: string;
  readonly contentType?: string;
}

/** The last derived key per secret: it changes once a day, and deriving it is four HMACs per call. */
const keys = new Map<string, { readonly id: string; readonly key: Buffer }>();

function signingKey(secret: string, date: string, region: string, service: string): Buffer {
  const id = `${date}/${region}/${service}`;
  const hit = keys.get(secret);
  if (hit !== undefined && hit.id === id) return hit.key;
  const key = deriveSigningKey(secret, date, region, service);
  if (keys.size >= 100) keys.clear();
  keys.set(secret, { id, key });
  return key;
}

/** The headers to send (Host is set by fetch to the same value). */
export function signCall(call: CallToSign, credentials: KeywardCredentials, options: { region: string; now: Date; service?: string }): Record<string, string> {
  const amzDate = formatAmzDate(options.now);
  const date = amzDate.slice(0, 8);
  const service = options.service ?? 'keyward';
  const payloadHash = sha256Hex(call.body);
  const headers: Record<string, string> = {
    host: call.url.host,
    'x-amz-date': amzDate,
    'x-amz-content-sha256': payloadHash,
    ...(call.contentType !== undefined && { 'content-type': call.contentType }),
    ...(credentials.sessionToken !== undefined && { 'x-amz-security-token': credentials.sessionToken }),
  };
  const signedHeaders = Object.keys(headers).sort();
  const canonical = buildCanonicalRequest({
    method: call.method,
    path: call.url.pathname,
    params: parseQuery(call.url.search.replace(/^\?/, '')),
    headers,
    signedHeaders,
    payloadHash,
  });
  const scope = `${date}/${options.region}/${service}/aws4_request`;
  const signature = signString(signingKey(credentials.secretAccessKey, date, options.region, service), buildStringToSign(amzDate, scope, canonical));
  const { host: _host, ...rest } = headers;
  return {
    ...rest,
    authorization: `AWS4-HMAC-SHA256 Credential=${credentials.accessKeyId}/${scope}, SignedHeaders=${signedHeaders.join(';')}, Signature=${signature}`,
  };
}
