// Authorization header and presigned-query parsing: every missing part, in AWS's
// wording and order.

import { describe, expect, it } from 'vitest';
import { parseAuthorization, type AuthParams } from './parse-authorization.js';
import { parseQuery } from './request.js';

const CREDENTIAL = 'Credential=AKID/20240101/us-east-1/iam/aws4_request';
const SIGNED = 'SignedHeaders=host;x-amz-date';
const SIGNATURE = `Signature=${'ab'.repeat(32)}`;
const DATE = { 'x-amz-date': '20240101T000000Z' };

function parseHeader(authorization: string, extra: Record<string, string> = DATE): ReturnType<typeof parseAuthorization> {
  return parseAuthorization({ host: 'h', ...extra, authorization }, []);
}

describe('parseAuthorization: header form', () => {
  it('reads all three fields, any spacing, and the date', () => {
    const parsed = parseHeader(`AWS4-HMAC-SHA256 ${CREDENTIAL},${SIGNED} ,  ${SIGNATURE}`) as AuthParams;
    expect(parsed).toEqual({
      kind: 'header',
      credential: 'AKID/20240101/us-east-1/iam/aws4_request',
      signature: 'ab'.repeat(32),
      signedHeaders: ['host', 'x-amz-date'],
      requestTime: '20240101T000000Z',
      requestTimeSource: 'x-amz-date',
    });
  });

  it('falls back to the Date header and picks up a session token', () => {
    const parsed = parseHeader(`AWS4-HMAC-SHA256 ${CREDENTIAL}, SignedHeaders=Host;Date, ${SIGNATURE}`, {
      date: 'Mon, 01 Jan 2024 00:00:00 GMT',
      'x-amz-security-token': 'token',
    }) as AuthParams;
    expect(parsed.requestTime).toBe('Mon, 01 Jan 2024 00:00:00 GMT');
    expect(parsed.requestTimeSource).toBe('date');
    expect(parsed.signedHeaders).toEqual(['date', 'host']);
    expect(parsed.securityToken).toBe('token');
  });

  it.each([
    [`${SIGNED}, ${SIGNATURE}`, "Authorization header requires 'Credential' parameter."],
    [`${CREDENTIAL}, ${SIGNED}`, "Authorization header requires 'Signature' parameter."],
    [`${CREDENTIAL}, ${SIGNATURE}`, "Authorization header requires 'SignedHeaders' parameter."],
    [
      '',
      "Authorization header requires 'Credential' parameter. Authorization header requires 'Signature' parameter. " +
        "Authorization header requires 'SignedHeaders' parameter.",
    ],
  ])('reports missing fields: %j', (fields, message) => {
    expect(parseHeader(`AWS4-HMAC-SHA256 ${fields}`)).toEqual({
      code: 'IncompleteSignature',
      status: 400,
      message: `${message} Authorization=AWS4-HMAC-SHA256`,
    });
  });

  it('reports a missing date with the other missing parts', () => {
    expect(parseHeader(`AWS4-HMAC-SHA256 ${CREDENTIAL}, ${SIGNED}`, {})).toMatchObject({
      message:
        "Authorization header requires 'Signature' parameter. Authorization header requires existence of either a " +
        "'X-Amz-Date' or a 'Date' header. Authorization=AWS4-HMAC-SHA256",
    });
  });

  it('rejects another algorithm', () => {
    expect(parseHeader('AWS AKID:c2lnbmF0dXJl')).toEqual({
      code: 'IncompleteSignature',
      status: 400,
      message: "Unsupported AWS 'algorithm': 'AWS'.",
    });
  });

  it('rejects a field without "=", without echoing the signature', () => {
    const error = parseHeader(`AWS4-HMAC-SHA256 ${CREDENTIAL}, ${SIGNED}, ${SIGNATURE}, junk`);
    expect(error).toEqual({
      code: 'IncompleteSignature',
      status: 400,
      message:
        "'junk' not a valid key=value pair (missing equal-sign) in Authorization header: " +
        `'AWS4-HMAC-SHA256 ${CREDENTIAL}, ${SIGNED}, Signature=<redacted>, junk'`,
    });
    expect(JSON.stringify(error)).not.toContain('ab'.repeat(32));
  });

  it('requires host among the signed headers', () => {
    expect(parseHeader(`AWS4-HMAC-SHA256 ${CREDENTIAL}, SignedHeaders=x-amz-date, ${SIGNATURE}`)).toEqual({
      code: 'SignatureDoesNotMatch',
      status: 403,
      message: "'Host' or ':authority' must be a 'SignedHeader' in the AWS Authorization.",
    });
  });
});

describe('parseAuthorization: presigned form', () => {
  const full =
    'X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKID%2F20240101%2Fus-east-1%2Fsts%2Faws4_request' +
    '&X-Amz-Date=20240101T000000Z&X-Amz-Expires=60&X-Amz-SignedHeaders=host&X-Amz-Signature=abc' +
    '&X-Amz-Security-Token=tok%2Ben';

  it('reads the X-Amz-* parameters, decoded', () => {
    expect(parseAuthorization({ host: 'h' }, parseQuery(full))).toEqual({
      kind: 'presigned',
      credential: 'AKID/20240101/us-east-1/sts/aws4_request',
      signature: 'abc',
      signedHeaders: ['host'],
      requestTime: '20240101T000000Z',
      requestTimeSource: 'query',
      securityToken: 'tok+en',
      expires: '60',
    });
  });

  it('lists every missing parameter', () => {
    expect(parseAuthorization({ host: 'h' }, parseQuery('X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Date=20240101T000000Z'))).toEqual({
      code: 'IncompleteSignature',
      status: 400,
      message:
        "AWS query-string parameters must include 'X-Amz-Credential'. AWS query-string parameters must include " +
        "'X-Amz-Signature'. AWS query-string parameters must include 'X-Amz-SignedHeaders'. " +
        'Re-examine the query-string parameters.',
    });
  });

  it('treats another X-Amz-Algorithm as no authentication at all', () => {
    expect(parseAuthorization({}, parseQuery('X-Amz-Algorithm=AWS4-ECDSA-P256-SHA256'))).toMatchObject({
      code: 'MissingAuthenticationToken',
    });
  });
});

describe('parseAuthorization: which form', () => {
  it('wants some authentication', () => {
    expect(parseAuthorization({ host: 'h' }, parseQuery('Action=ListUsers'))).toEqual({
      code: 'MissingAuthenticationToken',
      status: 403,
      message: 'Request is missing Authentication Token',
    });
  });

  it('refuses both a header and a presigned query', () => {
    const params = parseQuery('X-Amz-Algorithm=AWS4-HMAC-SHA256');
    expect(parseAuthorization({ authorization: `AWS4-HMAC-SHA256 ${CREDENTIAL}` }, params)).toMatchObject({
      code: 'SignatureDoesNotMatch',
      status: 403,
    });
  });
});
