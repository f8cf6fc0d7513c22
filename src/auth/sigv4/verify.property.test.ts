// Property: for random bodies, paths and query parameters, a request signed by the AWS
// SDK verifies, and changing any single body byte makes it fail.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { signWithSdk } from './sdk-signer.case.js';
import { SigningKeyCache } from './signing-key.js';
import { verifySigV4, type VerifyOptions } from './verify.js';

const KEY = { accessKeyId: 'AKIAPROPERTY00000001', secretAccessKey: 'property/secret+0123456789abcdefghijklmn' };
const SIGNED_AT = new Date('2024-06-01T12:00:00Z');

const OPTIONS: VerifyOptions<{ secretAccessKey: string }> = {
  now: () => SIGNED_AT,
  lookupSecret: async (id) => (id === KEY.accessKeyId ? { secretAccessKey: KEY.secretAccessKey } : undefined),
  signingKeyCache: new SigningKeyCache(),
};

// Path segments as a service would serialise them: percent-encoded once.
const segment = fc.oneof(fc.string({ unit: 'grapheme', maxLength: 8 }), fc.constantFrom('.', '..', ''));
const path = fc.array(segment, { maxLength: 5 }).map((parts) => `/${parts.map(encodeURIComponent).join('/')}`);
const queryName = fc
  .string({ unit: 'grapheme', minLength: 1, maxLength: 10 })
  .filter((name) => !name.toLowerCase().startsWith('x-amz-') && name !== '__proto__');
const query = fc.dictionary(
  queryName,
  fc.oneof(fc.string({ unit: 'grapheme', maxLength: 12 }), fc.array(fc.string({ maxLength: 6 }), { minLength: 1, maxLength: 3 })),
  { maxKeys: 5 },
);
const body = fc.uint8Array({ minLength: 1, maxLength: 256 });

describe('sign-then-verify', () => {
  it('verifies every SDK-signed request and rejects any single-byte body change', async () => {
    await fc.assert(
      fc.asyncProperty(
        path,
        query,
        body,
        fc.boolean(),
        fc.nat(),
        fc.integer({ min: 1, max: 255 }),
        async (requestPath, requestQuery, requestBody, applyChecksum, at, flip) => {
          const request = await signWithSdk(
            { method: 'POST', path: requestPath, query: requestQuery, body: requestBody, headers: { 'content-type': 'application/octet-stream' } },
            { credentials: KEY, signingDate: SIGNED_AT, applyChecksum },
          );
          const verified = await verifySigV4(request, OPTIONS);
          expect(verified.ok).toBe(true);

          const tampered = Buffer.from(requestBody);
          const index = at % tampered.length;
          tampered[index] = (tampered[index] ?? 0) ^ flip;
          const rejected = await verifySigV4({ ...request, body: tampered }, OPTIONS);
          expect(rejected).toMatchObject({ ok: false, error: { code: 'SignatureDoesNotMatch' } });
        },
      ),
      { numRuns: 200 },
    );
  });
});
