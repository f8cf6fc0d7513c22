import { createHash, createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { deriveSigningKey } from '../../auth/sigv4/index.js';
import { presignWithSdk, signWithSdk, type UnsignedRequest } from '../../auth/sigv4/sdk-signer.case.js';
import type { SigV4Request } from '../../auth/sigv4/request.js';
import { IamError } from '../../protocol/errors.js';
import type { CallerRecord, CredentialLookup } from '../../server/resolve-caller.js';
import { parseDefinitionText } from '../definition/parse-definition.js';
import type { ServiceDefinition } from '../definition/service-definition.js';
import { chunkSignature, decodeAwsChunked, trailerSignature } from './chunk-signature.js';
import { normaliseHeaders, type ForwardedRequest } from './forwarded-request.js';
import { STREAMING_SIGNED, STREAMING_SIGNED_TRAILER, verifyForwarded } from './verify-forwarded.js';

const NOTES_TEXT = readFileSync(new URL('../../../examples/notes-service/notes.service.json', import.meta.url), 'utf8');
const parsed = parseDefinitionText(NOTES_TEXT, { reserved: new Set() });
if (!parsed.ok) throw new Error('example definition is invalid');
const NOTES: ServiceDefinition = parsed.definition;
const STRICT: ServiceDefinition = { ...NOTES, Signing: { ...NOTES.Signing, UnsignedPayload: false } };

const KEY = { accessKeyId: 'AKIAFORWARDEDTEST001', secretAccessKey: 'forwarded-secret-0123456789' };
const NOW = new Date('2026-03-04T05:06:07Z');
const RECORD: CallerRecord = { ...KEY, accountId: '111122223333', userName: 'alice' };

/** An in-memory credential lookup: this unit has no store of its own (the e2e tests use a real one). */
const credentials: CredentialLookup = {
  lookup: async (id, options) => {
    if (id === 'ASIAEXPIREDSESSION01') throw new IamError('ExpiredToken', 'The security token included in the request is expired');
    return id === KEY.accessKeyId && options?.securityToken === undefined ? RECORD : undefined;
  },
};
const options = { now: NOW, generation: 1, credentials };

function forwarded(req: SigV4Request, extra: Partial<ForwardedRequest> = {}): ForwardedRequest {
  const body = typeof req.body === 'string' ? Buffer.from(req.body) : req.body;
  return {
    method: req.method,
    path: req.path,
    query: req.query,
    headers: req.headers as Record<string, string>,
    body: body.toString('base64'),
    sourceIp: '203.0.113.9',
    secure: true,
    ...extra,
  };
}

const get: UnsignedRequest = { method: 'GET', path: '/notes/alice/n1', hostname: 'notes.internal' };
const sign = (req: UnsignedRequest, o: { service?: string; date?: Date; credentials?: typeof KEY } = {}): Promise<SigV4Request> =>
  signWithSdk(req, { credentials: o.credentials ?? KEY, service: o.service ?? 'notes', signingDate: o.date ?? NOW });

describe('verifyForwarded', () => {
  it('accepts a header-signed request for the service and names the key', async () => {
    const r = await verifyForwarded(forwarded(await sign(get)), NOTES, options);
    expect(r).toMatchObject({ ok: true, value: { accessKeyId: KEY.accessKeyId, region: 'us-east-1', presigned: false, payload: { mode: 'verified' } } });
  });

  it("refuses a request signed for another service's scope", async () => {
    const r = await verifyForwarded(forwarded(await sign(get, { service: 'iam' })), NOTES, options);
    expect(r).toMatchObject({ ok: false, error: { code: 'SignatureDoesNotMatch', status: 403, message: "Credential should be scoped to correct service: 'notes'." } });
  });

  it('refuses a signed Host that is not one of the service hosts', async () => {
    const r = await verifyForwarded(forwarded(await sign({ ...get, hostname: 'other.internal' })), NOTES, options);
    expect(r).toMatchObject({ ok: false, error: { code: 'SignatureDoesNotMatch', detail: 'the signed Host "other.internal" is not a host of service notes' } });
  });

  it('refuses a tampered path, an unknown key and a malformed signature with AWS codes', async () => {
    const signed = await sign(get);
    expect(await verifyForwarded(forwarded({ ...signed, path: '/notes/bob/n1' }), NOTES, options)).toMatchObject({ ok: false, error: { code: 'SignatureDoesNotMatch' } });
    const stranger = await sign(get, { credentials: { ...KEY, accessKeyId: 'AKIAUNKNOWNKEY000001' } });
    expect(await verifyForwarded(forwarded(stranger), NOTES, options)).toMatchObject({ ok: false, error: { code: 'InvalidClientTokenId', status: 403 } });
    const broken = { ...signed, headers: { ...signed.headers, authorization: 'AWS4-HMAC-SHA256 Credential=x' } };
    expect(await verifyForwarded(forwarded(broken), NOTES, options)).toMatchObject({ ok: false, error: { code: 'IncompleteSignature', status: 400 } });
    const noAuth = { ...signed, headers: { host: 'notes.internal' } };
    expect(await verifyForwarded(forwarded(noAuth), NOTES, options)).toMatchObject({ ok: false, error: { code: 'MissingAuthenticationToken' } });
  });

  it('answers ExpiredToken for an expired session and refuses a request outside the clock window', async () => {
    const session = await signWithSdk(get, { credentials: { accessKeyId: 'ASIAEXPIREDSESSION01', secretAccessKey: 'x', sessionToken: 'tok' }, service: 'notes', signingDate: NOW });
    expect(await verifyForwarded(forwarded(session), NOTES, options)).toMatchObject({ ok: false, error: { code: 'ExpiredToken' } });
    const old = await sign(get, { date: new Date(NOW.getTime() - 20 * 60_000) });
    expect(await verifyForwarded(forwarded(old), NOTES, options)).toMatchObject({ ok: false, error: { code: 'SignatureDoesNotMatch' } });
  });

  it('accepts a presigned URL within X-Amz-Expires and answers RequestExpired after', async () => {
    const url = await presignWithSdk(get, { credentials: KEY, service: 'notes', signingDate: NOW, expiresIn: 3600 });
    expect(await verifyForwarded(forwarded(url), NOTES, options)).toMatchObject({ ok: true, value: { presigned: true } });
    const later = { ...options, now: new Date(NOW.getTime() + 3601_000) };
    expect(await verifyForwarded(forwarded(url), NOTES, later)).toMatchObject({ ok: false, error: { code: 'RequestExpired', status: 400 } });
  });

  it('checks the body, or its hash, against the signed hash', async () => {
    const put = await sign({ method: 'PUT', path: '/notes/alice/n1', hostname: 'notes.internal', body: 'hello' });
    expect(await verifyForwarded(forwarded(put), NOTES, options)).toMatchObject({ ok: true, value: { payload: { mode: 'verified' } } });
    const swapped = forwarded(put, { body: Buffer.from('HELLO').toString('base64') });
    expect(await verifyForwarded(swapped, NOTES, options)).toMatchObject({ ok: false, error: { code: 'SignatureDoesNotMatch' } });
    const hash = createHash('sha256').update('hello').digest('hex');
    const { body: _b, ...withoutBody } = forwarded(put);
    expect(await verifyForwarded({ ...withoutBody, payloadSha256: hash }, NOTES, options)).toMatchObject({ ok: true, value: { payload: { mode: 'verified' } } });
    // Neither body nor hash: the service is told which hash its body must have.
    expect(await verifyForwarded(withoutBody, NOTES, options)).toMatchObject({ ok: true, value: { payload: { mode: 'sha256', sha256: hash } } });
  });

  it('accepts UNSIGNED-PAYLOAD only where the definition allows it', async () => {
    const req = await sign({ ...get, method: 'PUT', headers: { 'x-amz-content-sha256': 'UNSIGNED-PAYLOAD' }, body: 'anything' });
    expect(await verifyForwarded(forwarded(req), NOTES, options)).toMatchObject({ ok: true, value: { payload: { mode: 'unsigned' } } });
    expect(await verifyForwarded(forwarded(req), STRICT, options)).toMatchObject({ ok: false, error: { code: 'SignatureDoesNotMatch' } });
  });

  it('answers a signed streaming upload with the seed signature and a scoped signing key that check its chunks', async () => {
    const content = Buffer.from('a'.repeat(70_000));
    const req = await sign({
      method: 'PUT',
      path: '/notes/alice/big',
      hostname: 'notes.internal',
      headers: { 'x-amz-content-sha256': STREAMING_SIGNED, 'x-amz-decoded-content-length': String(content.length), 'content-encoding': 'aws-chunked' },
    });
    const r = await verifyForwarded(forwarded(req), NOTES, options);
    expect(r.ok).toBe(true);
    if (!r.ok || r.value.payload.mode !== 'streaming') throw new Error('expected streaming');
    const check = r.value.payload.streaming;
    expect(check.seedSignature).toMatch(/Signature=|^[0-9a-f]{64}$/);
    expect(check.signingKey).toBe(deriveSigningKey(KEY.secretAccessKey, '20260304', 'us-east-1', 'notes').toString('hex'));
    expect(JSON.stringify(r)).not.toContain(KEY.secretAccessKey);
    expect(check.scope).toBe('20260304/us-east-1/notes/aws4_request');

    // The chunks as a client signs them, computed here from the spec with the secret itself.
    const kSigning = deriveSigningKey(KEY.secretAccessKey, '20260304', 'us-east-1', 'notes');
    const empty = createHash('sha256').update('').digest('hex');
    let previous = check.seedSignature ?? '';
    const parts: Buffer[] = [];
    for (const chunk of [content.subarray(0, 65536), content.subarray(65536), Buffer.alloc(0)]) {
      const sts = ['AWS4-HMAC-SHA256-PAYLOAD', check.amzDate, check.scope, previous, empty, createHash('sha256').update(chunk).digest('hex')].join('\n');
      previous = createHmac('sha256', kSigning).update(sts).digest('hex');
      expect(chunkSignature(check, parts.length === 0 ? (check.seedSignature ?? '') : previous, chunk)).toHaveLength(64);
      parts.push(Buffer.from(`${chunk.length.toString(16)};chunk-signature=${previous}\r\n`), chunk, Buffer.from('\r\n'));
    }
    const body = Buffer.concat(parts);
    const decoded = decodeAwsChunked(body, check);
    expect(decoded).toMatchObject({ ok: true });
    if (decoded.ok) expect(decoded.body.equals(content)).toBe(true);
    const tampered = Buffer.from(body);
    tampered[200] = 'b'.charCodeAt(0);
    expect(decodeAwsChunked(tampered, check)).toEqual({ ok: false, message: 'a chunk signature does not match' });
  });

  it('checks a signed trailer and requires x-amz-trailer and the decoded length', async () => {
    const headers = { 'x-amz-content-sha256': STREAMING_SIGNED_TRAILER, 'x-amz-decoded-content-length': '5', 'x-amz-trailer': 'x-amz-checksum-crc32' };
    const req = await sign({ method: 'PUT', path: '/notes/alice/t', hostname: 'notes.internal', headers });
    const r = await verifyForwarded(forwarded(req), NOTES, options);
    if (!r.ok || r.value.payload.mode !== 'streaming') throw new Error('expected streaming');
    const check = r.value.payload.streaming;
    expect(check.trailer).toBe('x-amz-checksum-crc32');
    const first = chunkSignature(check, check.seedSignature ?? '', Buffer.from('hello'));
    const last = chunkSignature(check, first, Buffer.alloc(0));
    const trailer = 'x-amz-checksum-crc32:NhCmhg==';
    const trailerSig = trailerSignature(check, last, `${trailer}\n`);
    const body = Buffer.from(`5;chunk-signature=${first}\r\nhello\r\n0;chunk-signature=${last}\r\n${trailer}\r\nx-amz-trailer-signature:${trailerSig}\r\n\r\n`);
    expect(decodeAwsChunked(body, check)).toMatchObject({ ok: true, trailers: { 'x-amz-checksum-crc32': 'NhCmhg==' } });
    const forged = Buffer.from(body.toString('latin1').replace('NhCmhg==', 'AAAAAA=='), 'latin1');
    expect(decodeAwsChunked(forged, check)).toEqual({ ok: false, message: 'the trailer signature does not match' });

    const { 'x-amz-trailer': _t, ...noTrailer } = headers;
    const bad = await sign({ method: 'PUT', path: '/notes/alice/t', hostname: 'notes.internal', headers: noTrailer });
    expect(await verifyForwarded(forwarded(bad), NOTES, options)).toMatchObject({ ok: false, error: { code: 'InvalidRequest' } });
    const { 'x-amz-decoded-content-length': _l, ...noLength } = headers;
    const bad2 = await sign({ method: 'PUT', path: '/notes/alice/t', hostname: 'notes.internal', headers: noLength });
    expect(await verifyForwarded(forwarded(bad2), NOTES, options)).toMatchObject({ ok: false, error: { code: 'MissingContentLength', status: 411 } });
  });

  it('S3-style services keep the path as sent and accept presigned URLs as UNSIGNED-PAYLOAD', async () => {
    const s3ish: ServiceDefinition = { ...NOTES, Signing: { ...NOTES.Signing, UriEncoding: 's3' } };
    // S3 clients sign `a//b/../c` as is; the double-encoding rules would normalise it away.
    const req = await signWithSdk(
      { method: 'GET', path: '/notes/a%20b//c', hostname: 'notes.internal', headers: { 'x-amz-content-sha256': 'UNSIGNED-PAYLOAD' } },
      { credentials: KEY, service: 'notes', signingDate: NOW },
    );
    // The SDK's signer double-encodes by default: an S3-style verifier sees the mismatch.
    const r = await verifyForwarded(forwarded(req), s3ish, options);
    expect(r.ok).toBe(false);
    expect((await verifyForwarded(forwarded(req), NOTES, options)).ok).toBe(true);
  });
});

describe('forwarded headers', () => {
  it('a map and the equivalent list of pairs normalise alike (property)', () => {
    const name = fc.stringMatching(/^[A-Za-z][A-Za-z0-9-]{0,10}$/);
    fc.assert(
      fc.property(fc.array(fc.tuple(name, fc.string({ maxLength: 20 })), { maxLength: 12 }), (pairs) => {
        const map: Record<string, string[]> = {};
        for (const [n, v] of pairs) (map[n.toLowerCase()] ??= []).push(v);
        expect(normaliseHeaders(pairs)).toEqual(normaliseHeaders(map));
        expect(normaliseHeaders(pairs)).toEqual(map);
      }),
    );
  });

  it('verification answers every garbled request without throwing (property)', async () => {
    const signed = await sign(get);
    await fc.assert(
      fc.asyncProperty(
        fc.dictionary(fc.constantFrom('authorization', 'x-amz-date', 'host', 'x-amz-content-sha256', 'x-amz-security-token'), fc.string({ maxLength: 120 })),
        fc.string({ maxLength: 40 }),
        async (garble, query) => {
          const r = await verifyForwarded(forwarded({ ...signed, query, headers: { ...signed.headers, ...garble } }), NOTES, options);
          if (!r.ok) expect(r.error.status).toBeGreaterThanOrEqual(400);
          else expect(r.value.accessKeyId).toBe(KEY.accessKeyId);
        },
      ),
      { numRuns: 200 },
    );
  });
});
