// The SigV4 canonical request and string to sign, byte for byte as AWS defines
// them for every service but S3 (normalised, double-encoded path).

import { createHash } from 'node:crypto';
import { headerValues, type QueryParam, type SigV4Headers } from './request.js';
import { percentDecodeToBytes, uriEncode, uriEncodeBytes } from './uri-encode.js';

export const ALGORITHM = 'AWS4-HMAC-SHA256';
export const EMPTY_SHA256 = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';

export function sha256Hex(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

/**
 * Canonical URI of a raw (already percent-encoded) path: drop empty and `.`
 * segments, resolve `..`, then URI-encode once more, which is the "encode twice"
 * rule from the client's point of view.
 */
export function canonicalUri(rawPath: string): string {
  const segments: string[] = [];
  for (const segment of rawPath.split('/')) {
    if (segment === '' || segment === '.') continue;
    if (segment === '..') {
      segments.pop();
      continue;
    }
    segments.push(segment);
  }
  const trailingSlash = segments.length > 0 && rawPath.endsWith('/');
  return uriEncode(`/${segments.join('/')}${trailingSlash ? '/' : ''}`, { keepSlash: true });
}

/**
 * S3's canonical URI: the path as sent, not normalised, each byte encoded once (what the
 * client's raw path decodes to, encoded again with S3's rules).
 */
export function canonicalUriS3(rawPath: string): string {
  return uriEncodeBytes(percentDecodeToBytes(rawPath === '' ? '/' : rawPath), { keepSlash: true });
}

/** Parameters sorted by encoded name, then encoded value, joined `name=value&...`. */
export function canonicalQueryString(params: readonly QueryParam[], options: { omit?: string } = {}): string {
  const pairs: Array<readonly [string, string]> = [];
  for (const param of params) {
    if (options.omit !== undefined && param.name === options.omit) continue;
    pairs.push([param.encodedName, param.encodedValue]);
  }
  pairs.sort(([nameA, valueA], [nameB, valueB]) =>
    nameA < nameB ? -1 : nameA > nameB ? 1 : valueA < valueB ? -1 : valueA > valueB ? 1 : 0,
  );
  return pairs.map(([name, value]) => `${name}=${value}`).join('&');
}

/** Anything canonicalHeaderValue would change: line breaks, tabs, runs of blanks, an edge blank. */
const NOT_CANONICAL = /[\r\n\t]|  |^ | $/;

/** One header's canonical value: each value trimmed, inner blanks collapsed, joined by commas. */
export function canonicalHeaderValue(values: readonly string[]): string {
  // Nearly every value is already canonical; the three rewrites are then skipped.
  if (values.length === 1 && !NOT_CANONICAL.test(values[0]!)) return values[0]!;
  return values
    .map((value) => value.replace(/[\r\n]/g, ' ').replace(/[ \t]+/g, ' ').replace(/^ | $/g, ''))
    .join(',');
}

/**
 * Header values arrive as Node gives them: one char per byte (latin1). Hashing
 * those bytes, not their UTF-8 re-encoding, is what the client signed. A value with
 * characters above U+00FF cannot be a byte string, so it is taken as text.
 */
function headerValueBytes(value: string): Buffer {
  return /[^\u0000-\u00ff]/.test(value) ? Buffer.from(value, 'utf8') : Buffer.from(value, 'latin1');
}

export interface CanonicalRequestInput {
  readonly method: string;
  readonly path: string;
  readonly params: readonly QueryParam[];
  readonly headers: SigV4Headers;
  /** Lower-cased names in canonical (sorted) order. */
  readonly signedHeaders: readonly string[];
  readonly payloadHash: string;
  /** Presigned requests leave `X-Amz-Signature` out of the canonical query. */
  readonly omitQueryParam?: string;
  /** `s3`: the path is neither normalised nor encoded twice (default: every other service's rules). */
  readonly uriEncoding?: 'double' | 's3';
}

/** The canonical request as bytes (header values may be non-ASCII). */
export function buildCanonicalRequest(input: CanonicalRequestInput): Buffer {
  const chunks: Buffer[] = [];
  const text = (value: string): void => {
    chunks.push(Buffer.from(value, 'utf8'));
  };
  text(`${input.method}\n`);
  text(`${input.uriEncoding === 's3' ? canonicalUriS3(input.path) : canonicalUri(input.path)}\n`);
  text(`${canonicalQueryString(input.params, { omit: input.omitQueryParam })}\n`);
  for (const name of input.signedHeaders) {
    text(`${name}:`);
    chunks.push(headerValueBytes(canonicalHeaderValue(headerValues(input.headers, name))));
    text('\n');
  }
  text(`\n${input.signedHeaders.join(';')}\n${input.payloadHash}`);
  return Buffer.concat(chunks);
}

/** `AWS4-HMAC-SHA256 \n date \n scope \n hex(sha256(canonical request))`. */
export function buildStringToSign(amzDate: string, credentialScope: string, canonicalRequest: Uint8Array): string {
  return stringToSign(amzDate, credentialScope, sha256Hex(canonicalRequest));
}

/** The string to sign from the canonical request's hex SHA-256 (canonicalRequestHash). */
export function stringToSign(amzDate: string, credentialScope: string, canonicalRequestHash: string): string {
  return `${ALGORITHM}\n${amzDate}\n${credentialScope}\n${canonicalRequestHash}`;
}

const NON_ASCII = /[^\u0000-\u007f]/;

/**
 * hex(SHA-256) of the canonical request: the same bytes as buildCanonicalRequest, hashed
 * from one string when every part is ASCII (UTF-8 and Latin-1 agree there), which is what
 * SDKs send; anything else goes through the byte-exact buildCanonicalRequest.
 */
export function canonicalRequestHash(input: CanonicalRequestInput): string {
  const uri = input.uriEncoding === 's3' ? canonicalUriS3(input.path) : canonicalUri(input.path);
  let text = `${input.method}\n${uri}\n${canonicalQueryString(input.params, { omit: input.omitQueryParam })}\n`;
  for (const name of input.signedHeaders) text += `${name}:${canonicalHeaderValue(headerValues(input.headers, name))}\n`;
  text += `\n${input.signedHeaders.join(';')}\n${input.payloadHash}`;
  return NON_ASCII.test(text) ? sha256Hex(buildCanonicalRequest(input)) : createHash('sha256').update(text, 'latin1').digest('hex');
}
