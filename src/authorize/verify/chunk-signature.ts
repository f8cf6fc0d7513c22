// aws-chunked bodies (STREAMING-AWS4-HMAC-SHA256-PAYLOAD[-TRAILER]): each chunk's signature is
// an HMAC, under the request's kSigning, over the previous signature and the chunk's hash; the
// trailer's over the previous signature and the trailing headers. What a service does with the
// StreamingCheck the decision API returns.

import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import type { StreamingCheck } from './verify-forwarded.js';

const EMPTY_SHA256 = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';
const sha256 = (data: Uint8Array | string): string => createHash('sha256').update(data).digest('hex');
const hmacHex = (keyHex: string, text: string): string => createHmac('sha256', Buffer.from(keyHex, 'hex')).update(text, 'utf8').digest('hex');

type Keyed = Pick<StreamingCheck, 'signingKey' | 'scope' | 'amzDate'>;

/** The signature chunk `data` must carry, given the previous one (the seed signature for the first). */
export function chunkSignature(check: Keyed, previousSignature: string, data: Uint8Array): string {
  if (check.signingKey === undefined) throw new Error('an unsigned streaming payload has no chunk signatures');
  const text = ['AWS4-HMAC-SHA256-PAYLOAD', check.amzDate, check.scope, previousSignature, EMPTY_SHA256, sha256(data)].join('\n');
  return hmacHex(check.signingKey, text);
}

/** The signature of the trailing headers (`name:value\n` each, as sent). */
export function trailerSignature(check: Keyed, previousSignature: string, trailingHeaders: string): string {
  if (check.signingKey === undefined) throw new Error('an unsigned streaming payload has no trailer signature');
  const text = ['AWS4-HMAC-SHA256-TRAILER', check.amzDate, check.scope, previousSignature, sha256(trailingHeaders)].join('\n');
  return hmacHex(check.signingKey, text);
}

export type DecodedBody = { readonly ok: true; readonly body: Buffer; readonly trailers: Readonly<Record<string, string>> } | { readonly ok: false; readonly message: string };

function same(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * Decodes a whole aws-chunked body held in memory, checking every chunk signature (and the
 * trailer's, and the decoded length). Large uploads should check chunk by chunk with chunkSignature.
 */
export function decodeAwsChunked(raw: Buffer, check: StreamingCheck): DecodedBody {
  const signed = check.seedSignature !== undefined;
  let previous = check.seedSignature ?? '';
  let at = 0;
  const parts: Buffer[] = [];
  const bad = (message: string): DecodedBody => ({ ok: false, message });
  for (;;) {
    const eol = raw.indexOf('\r\n', at);
    if (eol < 0) return bad('a chunk header is not terminated');
    const header = raw.subarray(at, eol).toString('latin1');
    const [sizeHex = '', ...extensions] = header.split(';');
    if (!/^[0-9a-fA-F]{1,8}$/.test(sizeHex)) return bad('a chunk size is not hexadecimal');
    const size = parseInt(sizeHex, 16);
    const data = raw.subarray(eol + 2, eol + 2 + size);
    if (data.length !== size) return bad('a chunk is shorter than its size');
    if (signed) {
      const sig = extensions.find((e) => e.startsWith('chunk-signature='))?.slice('chunk-signature='.length);
      if (sig === undefined || !same(sig, chunkSignature(check, previous, data))) return bad('a chunk signature does not match');
      previous = sig;
    }
    at = eol + 2 + size;
    if (size === 0) break;
    if (raw.subarray(at, at + 2).toString('latin1') !== '\r\n') return bad('a chunk is longer than its size');
    at += 2;
    parts.push(Buffer.from(data));
  }
  const body = Buffer.concat(parts);
  if (body.length !== check.decodedContentLength) return bad('the decoded length is not x-amz-decoded-content-length');
  const trailers: Record<string, string> = {};
  if (check.trailer !== undefined) {
    const text = raw.subarray(at).toString('latin1');
    const lines = text.split('\r\n').filter((l) => l !== '');
    const signatureLine = lines.find((l) => l.startsWith('x-amz-trailer-signature:'));
    const headerLines = lines.filter((l) => !l.startsWith('x-amz-trailer-signature:'));
    for (const line of headerLines) {
      const colon = line.indexOf(':');
      if (colon > 0) trailers[line.slice(0, colon).toLowerCase()] = line.slice(colon + 1);
    }
    if (trailers[check.trailer] === undefined) return bad(`the trailer ${check.trailer} is missing`);
    if (signed) {
      const sig = signatureLine?.slice('x-amz-trailer-signature:'.length) ?? '';
      const canonical = headerLines.map((l) => `${l}\n`).join('');
      if (!same(sig, trailerSignature(check, previous, canonical))) return bad('the trailer signature does not match');
    }
  } else if (raw.subarray(at).toString('latin1') !== '\r\n' && at !== raw.length) return bad('data follows the last chunk');
  return { ok: true, body, trailers };
}
