// Runs the published SigV4 vectors through each stage (canonical request, string to
// sign, signature) and through full verification.

import { describe, expect, it } from 'vitest';
import { buildCanonicalRequest, buildStringToSign, sha256Hex } from './canonical-request.js';
import { parseQuery } from './request.js';
import { deriveSigningKey, signString } from './signing-key.js';
import {
  EXAMPLE_ACCESS_KEY_ID,
  EXAMPLE_DATE,
  EXAMPLE_SECRET_ACCESS_KEY,
  EXAMPLE_TIME,
  SIGV4_TEST_VECTORS,
  type SigV4TestVector,
} from './test-vectors.js';
import { verifySigV4 } from './verify.js';

function canonicalOf(vector: SigV4TestVector): string {
  const { request } = vector;
  return buildCanonicalRequest({
    method: request.method,
    path: request.path,
    params: parseQuery(request.query),
    headers: request.headers,
    signedHeaders: vector.signedHeaders,
    payloadHash: sha256Hex(request.body),
    ...(vector.presigned ? { omitQueryParam: 'X-Amz-Signature' } : {}),
  }).toString('utf8');
}

function withAuthorization(vector: SigV4TestVector): Record<string, string | readonly string[]> {
  if (vector.presigned) return vector.request.headers;
  const credential = `${EXAMPLE_ACCESS_KEY_ID}/20150830/us-east-1/${vector.service}/aws4_request`;
  return {
    ...vector.request.headers,
    authorization:
      `AWS4-HMAC-SHA256 Credential=${credential}, ` +
      `SignedHeaders=${vector.signedHeaders.join(';')}, Signature=${vector.signature}`,
  };
}

describe('AWS SigV4 test suite vectors', () => {
  it('has the vectors it claims', () => {
    expect(SIGV4_TEST_VECTORS.length).toBeGreaterThanOrEqual(28);
    expect(new Set(SIGV4_TEST_VECTORS.map((v) => v.name)).size).toBe(SIGV4_TEST_VECTORS.length);
  });

  describe.each(SIGV4_TEST_VECTORS.map((vector) => [vector.name, vector] as const))('%s', (_name, vector) => {
    it('builds the published canonical request', () => {
      expect(canonicalOf(vector)).toBe(vector.canonicalRequest);
    });

    it('builds the published string to sign', () => {
      const scope = `20150830/us-east-1/${vector.service}/aws4_request`;
      expect(buildStringToSign(EXAMPLE_DATE, scope, Buffer.from(vector.canonicalRequest))).toBe(vector.stringToSign);
    });

    it('computes the published signature', () => {
      const key = deriveSigningKey(EXAMPLE_SECRET_ACCESS_KEY, '20150830', 'us-east-1', vector.service);
      expect(signString(key, vector.stringToSign)).toBe(vector.signature);
    });

    it('verifies the signed request', async () => {
      const result = await verifySigV4(
        { ...vector.request, headers: withAuthorization(vector) },
        {
          now: () => EXAMPLE_TIME,
          services: [vector.service],
          lookupSecret: async (id) => (id === EXAMPLE_ACCESS_KEY_ID ? { secretAccessKey: EXAMPLE_SECRET_ACCESS_KEY } : undefined),
        },
      );
      expect(result).toMatchObject({ ok: true, value: { accessKeyId: EXAMPLE_ACCESS_KEY_ID, presigned: vector.presigned } });
    });

    it('rejects the request under a different secret', async () => {
      const result = await verifySigV4(
        { ...vector.request, headers: withAuthorization(vector) },
        {
          now: () => EXAMPLE_TIME,
          services: [vector.service],
          lookupSecret: async () => ({ secretAccessKey: `${EXAMPLE_SECRET_ACCESS_KEY}x` }),
        },
      );
      expect(result).toMatchObject({ ok: false, error: { code: 'SignatureDoesNotMatch', status: 403 } });
    });
  });
});
