// The framework-independent view of an HTTP request that SigV4 verification reads,
// and the header/query look-ups every step shares.

import { percentDecode, percentDecodeToBytes, uriEncodeBytes } from './uri-encode.js';

/**
 * Header values as the server received them, names lower-cased. A list keeps
 * repeated headers apart (Node's `req.headersDistinct`); a string is one value.
 */
export type SigV4Headers = Readonly<Record<string, string | readonly string[] | undefined>>;

export interface SigV4Request {
  readonly method: string;
  /** The raw path as sent on the wire (still percent-encoded), without the query. */
  readonly path: string;
  /** The raw query string without the leading `?` (empty string when none). */
  readonly query: string;
  readonly headers: SigV4Headers;
  readonly body: Buffer | string;
  /** The body's SHA-256 (hex) when the body itself is not at hand (a request forwarded for verification). */
  readonly bodyHash?: string;
}

/** Every value of a header, in arrival order. */
export function headerValues(headers: SigV4Headers, name: string): readonly string[] {
  const value = headers[name];
  if (value === undefined) return [];
  return typeof value === 'string' ? [value] : value;
}

/** The first value of a header, as AWS reads `Authorization` and `X-Amz-Date`. */
export function firstHeader(headers: SigV4Headers, name: string): string | undefined {
  return headerValues(headers, name)[0];
}

export interface QueryParam {
  /** Decoded name and value, for reading `X-Amz-*` parameters. */
  readonly name: string;
  readonly value: string;
  /** Name and value re-encoded from their bytes, for the canonical query string. */
  readonly encodedName: string;
  readonly encodedValue: string;
}

/** Split a raw query string into parameters; `+` means space, as form encoding says. */
export function parseQuery(raw: string): readonly QueryParam[] {
  const params: QueryParam[] = [];
  for (const piece of raw.split('&')) {
    if (piece === '') continue;
    const eq = piece.indexOf('=');
    const rawName = eq === -1 ? piece : piece.slice(0, eq);
    const rawValue = eq === -1 ? '' : piece.slice(eq + 1);
    const nameBytes = percentDecodeToBytes(rawName, { plusAsSpace: true });
    const valueBytes = percentDecodeToBytes(rawValue, { plusAsSpace: true });
    params.push({
      name: percentDecode(rawName, { plusAsSpace: true }),
      value: percentDecode(rawValue, { plusAsSpace: true }),
      encodedName: uriEncodeBytes(nameBytes),
      encodedValue: uriEncodeBytes(valueBytes),
    });
  }
  return params;
}

/** The first value of a query parameter (AWS uses the first of duplicates). */
export function firstQueryValue(params: readonly QueryParam[], name: string): string | undefined {
  return params.find((param) => param.name === name)?.value;
}
