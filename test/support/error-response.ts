// Reads AWS Query error responses strictly (exact element order, nothing extra) and
// asserts their shape, status and request-id header in one place.

import { expect } from 'vitest';
import type { WireResponse } from './signed-request.js';

export const IAM_XMLNS = 'https://iam.amazonaws.com/doc/2010-05-08/';
export const STS_XMLNS = 'https://sts.amazonaws.com/doc/2011-06-15/';

export interface AwsErrorBody {
  readonly xmlns: string;
  readonly type: string;
  readonly code: string;
  readonly message: string;
  readonly requestId: string;
}

const ERROR_RESPONSE = new RegExp(
  String.raw`^(?:<\?xml[^>]*\?>\s*)?<ErrorResponse xmlns="([^"]+)">\s*<Error>\s*<Type>([^<]*)</Type>\s*` +
    String.raw`<Code>([^<]*)</Code>\s*<Message>([^<]*)</Message>\s*</Error>\s*<RequestId>([^<]*)</RequestId>\s*</ErrorResponse>\s*$`,
);

function unescapeXml(text: string): string {
  return text
    .replace(/&#x([0-9a-fA-F]+);/g, (_m, hex: string) => String.fromCodePoint(parseInt(hex, 16)))
    .replace(/&#(\d+);/g, (_m, dec: string) => String.fromCodePoint(Number(dec)))
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');
}

/** The fields of an `<ErrorResponse>`, or undefined when the body is not exactly that shape. */
export function parseErrorBody(xml: string): AwsErrorBody | undefined {
  const m = ERROR_RESPONSE.exec(xml);
  if (m === null) return undefined;
  const [, xmlns = '', type = '', code = '', message = '', requestId = ''] = m;
  return { xmlns, type, code, message: unescapeXml(message), requestId };
}

export interface ExpectedError {
  readonly status: number;
  readonly code: string;
  /** Exact message, or a pattern it must match. */
  readonly message?: string | RegExp;
  readonly xmlns?: string;
  readonly type?: 'Sender' | 'Receiver';
}

/** Asserts an AWS-shaped error and returns its fields. */
export function expectAwsError(res: WireResponse, expected: ExpectedError): AwsErrorBody {
  const body = parseErrorBody(res.text);
  expect(body, `not an AWS <ErrorResponse>: ${res.text}`).toBeDefined();
  const error = body!;
  expect({ status: res.status, code: error.code }).toEqual({ status: expected.status, code: expected.code });
  expect(error.type).toBe(expected.type ?? 'Sender');
  expect(error.xmlns).toBe(expected.xmlns ?? IAM_XMLNS);
  if (typeof expected.message === 'string') expect(error.message).toBe(expected.message);
  else if (expected.message !== undefined) expect(error.message).toMatch(expected.message);
  expect(res.headers.get('content-type')).toMatch(/^text\/xml/);
  expect(error.requestId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
  expect(res.headers.get('x-amzn-requestid')).toBe(error.requestId);
  return error;
}

/** Asserts that neither the body nor any header carries `secret`. */
export function expectNoSecret(res: WireResponse, secret: string): void {
  expect(res.text).not.toContain(secret);
  for (const [name, value] of res.headers) expect(`${name}: ${value}`).not.toContain(secret);
}
