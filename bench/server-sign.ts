// A synchronous SigV4 signer for AWS Query POSTs (`POST /`, form body), written apart from
// src/auth so the benchmark checks the server against an independent implementation, and
// synchronous so autocannon's `setupRequest` hook can sign each request as it is built.

import { createHash, createHmac } from 'node:crypto';

export interface Credentials {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
}

export interface SignerOptions {
  readonly credentials: Credentials;
  /** `host:port` exactly as the Host header will carry it. */
  readonly host: string;
  readonly region?: string;
  readonly service?: string;
}

export const FORM_CONTENT_TYPE = 'application/x-www-form-urlencoded; charset=utf-8';

export type SignedHeaders = Record<'host' | 'content-type' | 'x-amz-date' | 'authorization', string>;

const hmac = (key: string | Buffer, data: string): Buffer => createHmac('sha256', key).update(data, 'utf8').digest();
const sha256 = (data: string): string => createHash('sha256').update(data, 'utf8').digest('hex');

/** `20250101T000000Z`: ISO 8601 basic format, as SigV4 wants it. */
export function amzDate(now: Date): string {
  return now.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
}

/** Returns `sign(body, now)`: the headers of a signed `POST /` with that form body. */
export function querySigner(options: SignerOptions): (body: string, now?: Date) => SignedHeaders {
  const region = options.region ?? 'us-east-1';
  const service = options.service ?? 'iam';
  const { accessKeyId, secretAccessKey } = options.credentials;
  // The signing key only changes with the day, so derive it once per day, as SDKs do.
  let keyDay = '';
  let signingKey: Buffer = Buffer.alloc(0);
  return (body, now = new Date()) => {
    const stamp = amzDate(now);
    const day = stamp.slice(0, 8);
    if (day !== keyDay) {
      signingKey = hmac(hmac(hmac(hmac(`AWS4${secretAccessKey}`, day), region), service), 'aws4_request');
      keyDay = day;
    }
    const signedHeaders = 'content-type;host;x-amz-date';
    const canonical = [
      'POST',
      '/',
      '',
      `content-type:${FORM_CONTENT_TYPE}`,
      `host:${options.host}`,
      `x-amz-date:${stamp}`,
      '',
      signedHeaders,
      sha256(body),
    ].join('\n');
    const scope = `${day}/${region}/${service}/aws4_request`;
    const signature = createHmac('sha256', signingKey)
      .update(['AWS4-HMAC-SHA256', stamp, scope, sha256(canonical)].join('\n'), 'utf8')
      .digest('hex');
    return {
      host: options.host,
      'content-type': FORM_CONTENT_TYPE,
      'x-amz-date': stamp,
      authorization: `AWS4-HMAC-SHA256 Credential=${accessKeyId}/${scope}, SignedHeaders=${signedHeaders}, Signature=${signature}`,
    };
  };
}

/** `Action=...&Version=2010-05-08&...`, with AWS's percent-encoding of values. */
export function queryBody(action: string, params: Readonly<Record<string, string>> = {}): string {
  const parts = [`Action=${action}`, 'Version=2010-05-08'];
  for (const [k, v] of Object.entries(params)) parts.push(`${encodeURIComponent(k)}=${encodeURIComponent(v)}`);
  return parts.join('&');
}
