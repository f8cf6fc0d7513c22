// Extracts the signature parameters from the `Authorization` header or a presigned
// query string, in AWS's rule order and with AWS's IncompleteSignature wording.

import {
  incompleteSignature,
  isSigV4Error,
  missingAuthenticationToken,
  signatureDoesNotMatch,
  type SigV4Error,
} from './errors.js';
import { ALGORITHM } from './canonical-request.js';
import { firstHeader, firstQueryValue, type QueryParam, type SigV4Headers } from './request.js';

export interface AuthParams {
  readonly kind: 'header' | 'presigned';
  /** `AKID/YYYYMMDD/region/service/aws4_request`, not yet validated. */
  readonly credential: string;
  readonly signature: string;
  /** Lower-cased and sorted, as the canonical request lists them. */
  readonly signedHeaders: readonly string[];
  /** The raw request-time text from `X-Amz-Date` (header or query) or `Date`. */
  readonly requestTime: string;
  /** Where the request time came from; only the `Date` header may be an HTTP-date. */
  readonly requestTimeSource: 'x-amz-date' | 'date' | 'query';
  readonly securityToken?: string;
  /** Raw `X-Amz-Expires`, presigned requests only. */
  readonly expires?: string;
}

function splitSignedHeaders(value: string): string[] {
  return value
    .split(';')
    .map((name) => name.trim().toLowerCase())
    .filter((name) => name !== '')
    .sort();
}

/** Echoes of the header keep its shape but never the signature value. */
function redactSignature(header: string): string {
  return header.replace(/(Signature=)[^,\s]*/g, '$1<redacted>');
}

function fromHeader(authorization: string, headers: SigV4Headers): AuthParams | SigV4Error {
  const trimmed = authorization.trim();
  const space = trimmed.indexOf(' ');
  const algorithm = space === -1 ? trimmed : trimmed.slice(0, space);
  if (algorithm !== ALGORITHM) {
    return incompleteSignature(`Unsupported AWS 'algorithm': '${algorithm}'.`);
  }
  const fields = new Map<string, string>();
  const rest = space === -1 ? '' : trimmed.slice(space + 1);
  for (const rawField of rest.split(',')) {
    const field = rawField.trim();
    if (field === '') continue;
    const eq = field.indexOf('=');
    if (eq === -1) {
      return incompleteSignature(
        `'${redactSignature(field)}' not a valid key=value pair (missing equal-sign) in Authorization header: ` +
          `'${redactSignature(trimmed)}'`,
      );
    }
    // AWS keeps the last value of a repeated field.
    fields.set(field.slice(0, eq), field.slice(eq + 1));
  }

  const missing: string[] = [];
  const credential = fields.get('Credential');
  const signature = fields.get('Signature');
  const signedHeaders = fields.get('SignedHeaders');
  if (credential === undefined) missing.push("Authorization header requires 'Credential' parameter.");
  if (signature === undefined) missing.push("Authorization header requires 'Signature' parameter.");
  if (signedHeaders === undefined) missing.push("Authorization header requires 'SignedHeaders' parameter.");
  const amzDate = firstHeader(headers, 'x-amz-date');
  const httpDate = firstHeader(headers, 'date');
  if (amzDate === undefined && httpDate === undefined) {
    missing.push("Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header.");
  }
  if (credential === undefined || signature === undefined || signedHeaders === undefined || missing.length > 0) {
    return incompleteSignature(`${missing.join(' ')} Authorization=${algorithm}`);
  }
  const securityToken = firstHeader(headers, 'x-amz-security-token');
  return {
    kind: 'header',
    credential,
    signature,
    signedHeaders: splitSignedHeaders(signedHeaders),
    requestTime: amzDate ?? httpDate ?? '',
    requestTimeSource: amzDate !== undefined ? 'x-amz-date' : 'date',
    ...(securityToken !== undefined ? { securityToken } : {}),
  };
}

function fromQuery(algorithm: string, params: readonly QueryParam[], headers: SigV4Headers): AuthParams | SigV4Error {
  if (algorithm !== ALGORITHM) return missingAuthenticationToken();
  const credential = firstQueryValue(params, 'X-Amz-Credential');
  const signature = firstQueryValue(params, 'X-Amz-Signature');
  const signedHeaders = firstQueryValue(params, 'X-Amz-SignedHeaders');
  const requestTime = firstQueryValue(params, 'X-Amz-Date');
  const missing: string[] = [];
  if (credential === undefined) missing.push("AWS query-string parameters must include 'X-Amz-Credential'.");
  if (signature === undefined) missing.push("AWS query-string parameters must include 'X-Amz-Signature'.");
  if (signedHeaders === undefined) missing.push("AWS query-string parameters must include 'X-Amz-SignedHeaders'.");
  if (requestTime === undefined) missing.push("AWS query-string parameters must include 'X-Amz-Date'.");
  if (credential === undefined || signature === undefined || signedHeaders === undefined || requestTime === undefined) {
    return incompleteSignature(`${missing.join(' ')} Re-examine the query-string parameters.`);
  }
  const securityToken = firstQueryValue(params, 'X-Amz-Security-Token') ?? firstHeader(headers, 'x-amz-security-token');
  const expires = firstQueryValue(params, 'X-Amz-Expires');
  return {
    kind: 'presigned',
    credential,
    signature,
    signedHeaders: splitSignedHeaders(signedHeaders),
    requestTime,
    requestTimeSource: 'query',
    ...(securityToken !== undefined ? { securityToken } : {}),
    ...(expires !== undefined ? { expires } : {}),
  };
}

/**
 * Signature parameters from exactly one of the `Authorization` header and the
 * `X-Amz-Algorithm` query parameter, with `host` required among the signed headers.
 */
export function parseAuthorization(headers: SigV4Headers, params: readonly QueryParam[]): AuthParams | SigV4Error {
  const authorization = firstHeader(headers, 'authorization');
  const queryAlgorithm = firstQueryValue(params, 'X-Amz-Algorithm');
  let parsed: AuthParams | SigV4Error;
  if (authorization !== undefined && queryAlgorithm !== undefined) {
    return signatureDoesNotMatch();
  } else if (authorization !== undefined) {
    parsed = fromHeader(authorization, headers);
  } else if (queryAlgorithm !== undefined) {
    parsed = fromQuery(queryAlgorithm, params, headers);
  } else {
    return missingAuthenticationToken();
  }
  if (isSigV4Error(parsed)) return parsed;
  if (!parsed.signedHeaders.includes('host') && !parsed.signedHeaders.includes(':authority')) {
    return signatureDoesNotMatch("'Host' or ':authority' must be a 'SignedHeader' in the AWS Authorization.");
  }
  return parsed;
}
