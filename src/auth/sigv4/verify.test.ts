// End-to-end verification of requests signed by the AWS SDK's own SigV4 signer:
// what must pass, and each way a request must fail.

import { describe, expect, it } from 'vitest';
import { SIGNATURE_MISMATCH_MESSAGE } from './errors.js';
import type { SigV4Request } from './request.js';
import { presignWithSdk, signWithSdk, type SdkCredentials, type UnsignedRequest } from './sdk-signer.case.js';
import { SigningKeyCache } from './signing-key.js';
import { verifySigV4, type LookupContext, type VerifyOptions } from './verify.js';

const KEY: SdkCredentials = { accessKeyId: 'AKIAKEYWARDTEST00001', secretAccessKey: 'kw/secret+key/for/tests/0123456789abcdef' };
const SIGNED_AT = new Date('2024-01-01T00:30:00Z');
const FORM = 'application/x-www-form-urlencoded; charset=utf-8';
const CREATE_USER: UnsignedRequest = {
  method: 'POST',
  headers: { 'content-type': FORM },
  body: 'Action=CreateUser&UserName=alice&Version=2010-05-08',
};

interface Account {
  readonly secretAccessKey: string;
  readonly userName: string;
}

function options(overrides: Partial<VerifyOptions<Account>> = {}): VerifyOptions<Account> & { lookups: LookupContext[] } {
  const lookups: LookupContext[] = [];
  return {
    now: () => SIGNED_AT,
    lookupSecret: async (accessKeyId, context) => {
      lookups.push(context);
      return accessKeyId === KEY.accessKeyId ? { secretAccessKey: KEY.secretAccessKey, userName: 'alice' } : undefined;
    },
    signingKeyCache: new SigningKeyCache(),
    lookups,
    ...overrides,
  };
}

const sign = (request: UnsignedRequest, more: { region?: string; service?: string; credentials?: SdkCredentials; applyChecksum?: boolean } = {}) =>
  signWithSdk(request, { credentials: more.credentials ?? KEY, signingDate: SIGNED_AT, ...more });

function withHeader(request: SigV4Request, name: string, value: string | undefined): SigV4Request {
  const headers = { ...request.headers };
  if (value === undefined) delete headers[name];
  else headers[name] = value;
  return { ...request, headers };
}

function authorizationOf(request: SigV4Request): string {
  const value = request.headers.authorization;
  if (typeof value !== 'string') throw new Error('request is not header-signed');
  return value;
}

describe('verifySigV4 accepts SDK-signed requests', () => {
  it('header-signed POST with a form body, returning the caller record', async () => {
    const result = await verifySigV4(await sign(CREATE_USER), options());
    expect(result).toEqual({
      ok: true,
      value: expect.objectContaining({
        accessKeyId: KEY.accessKeyId,
        region: 'us-east-1',
        service: 'iam',
        record: { secretAccessKey: KEY.secretAccessKey, userName: 'alice' },
        presigned: false,
        requestTime: SIGNED_AT,
      }),
    });
    if (result.ok) expect(result.value.signedHeaders).toEqual(expect.arrayContaining(['content-type', 'host', 'x-amz-date']));
  });

  it('without x-amz-content-sha256, hashing the body itself', async () => {
    const request = await sign(CREATE_USER, { applyChecksum: false });
    expect(request.headers['x-amz-content-sha256']).toBeUndefined();
    expect((await verifySigV4(request, options())).ok).toBe(true);
  });

  it('GET with a query string, in any region, for sts', async () => {
    const request = await sign(
      { method: 'GET', path: '/', query: { Action: 'GetCallerIdentity', Version: '2011-06-15', Tag: 'a b/c+d=é' } },
      { region: 'ap-southeast-2', service: 'sts' },
    );
    expect(request.query).toContain('Tag=a%20b%2Fc%2Bd%3D%C3%A9');
    const result = await verifySigV4(request, options());
    expect(result).toMatchObject({ ok: true, value: { region: 'ap-southeast-2', service: 'sts' } });
  });

  it('a path that needs double encoding', async () => {
    const request = await sign({ method: 'GET', path: '/some%20path/./a//b/../c' });
    expect((await verifySigV4(request, options())).ok).toBe(true);
  });

  it('a presigned URL, until it expires', async () => {
    const request = await presignWithSdk(
      { method: 'GET', query: { Action: 'GetCallerIdentity', Version: '2011-06-15' } },
      { credentials: KEY, service: 'sts', signingDate: SIGNED_AT, expiresIn: 900 },
    );
    expect(request.headers.authorization).toBeUndefined();
    const later = new Date(SIGNED_AT.getTime() + 900_000);
    expect(await verifySigV4(request, options({ now: () => later }))).toMatchObject({ ok: true, value: { presigned: true } });
    const tooLate = new Date(later.getTime() + 1000);
    expect(await verifySigV4(request, options({ now: () => tooLate }))).toEqual({
      ok: false,
      error: { code: 'RequestExpired', status: 400, message: 'Request has expired.' },
    });
  });

  it('a presigned URL with a session token', async () => {
    const credentials = { ...KEY, sessionToken: 'session/token+value==' };
    const request = await presignWithSdk({ method: 'GET' }, { credentials, service: 'sts', signingDate: SIGNED_AT });
    const opts = options();
    expect(await verifySigV4(request, opts)).toMatchObject({ ok: true, value: { securityToken: 'session/token+value==' } });
    expect(opts.lookups[0]?.securityToken).toBe('session/token+value==');
  });

  it('a session token header, handed to lookupSecret', async () => {
    const credentials = { ...KEY, sessionToken: 'FwoGZXIvYXdzE-token' };
    const opts = options();
    const result = await verifySigV4(await sign(CREATE_USER, { credentials }), opts);
    expect(result).toMatchObject({ ok: true, value: { securityToken: 'FwoGZXIvYXdzE-token' } });
    expect(opts.lookups).toEqual([{ region: 'us-east-1', service: 'iam', securityToken: 'FwoGZXIvYXdzE-token' }]);
  });

  it('UNSIGNED-PAYLOAD, unless the caller refuses it', async () => {
    const request = await sign({ ...CREATE_USER, headers: { ...CREATE_USER.headers, 'x-amz-content-sha256': 'UNSIGNED-PAYLOAD' } });
    expect((await verifySigV4(request, options())).ok).toBe(true);
    expect((await verifySigV4({ ...request, body: 'Action=DeleteUser' }, options())).ok).toBe(true);
    expect(await verifySigV4(request, options({ allowUnsignedPayload: false }))).toMatchObject({
      ok: false,
      error: { code: 'SignatureDoesNotMatch' },
    });
  });

  it('a change to a header that was not signed', async () => {
    const request = await sign(CREATE_USER);
    expect((await verifySigV4(withHeader(request, 'user-agent', 'curl/8'), options())).ok).toBe(true);
  });
});

describe('verifySigV4 rejects', () => {
  const mismatch = { ok: false, error: { code: 'SignatureDoesNotMatch', status: 403, message: SIGNATURE_MISMATCH_MESSAGE } };

  it('a signature made with another secret', async () => {
    const request = await sign(CREATE_USER, { credentials: { ...KEY, secretAccessKey: 'not-the-secret' } });
    expect(await verifySigV4(request, options())).toEqual(mismatch);
  });

  it('a tampered body (with and without x-amz-content-sha256)', async () => {
    for (const applyChecksum of [true, false]) {
      const request = await sign(CREATE_USER, { applyChecksum });
      const tampered = { ...request, body: String(request.body).replace('alice', 'mallory') };
      expect(await verifySigV4(tampered, options())).toEqual(mismatch);
    }
  });

  it('a tampered signed header', async () => {
    const request = await sign(CREATE_USER);
    expect(await verifySigV4(withHeader(request, 'content-type', 'text/plain'), options())).toEqual(mismatch);
  });

  it('a tampered query parameter and a tampered path', async () => {
    const request = await sign({ method: 'GET', path: '/a', query: { Action: 'ListUsers' } });
    expect(await verifySigV4({ ...request, query: 'Action=ListRoles' }, options())).toEqual(mismatch);
    expect(await verifySigV4({ ...request, path: '/b' }, options())).toEqual(mismatch);
  });

  it('a credential scope whose date is not the request day', async () => {
    const request = await sign(CREATE_USER);
    const forged = authorizationOf(request).replace('/20240101/', '/20231231/');
    expect(await verifySigV4(withHeader(request, 'authorization', forged), options())).toEqual({
      ok: false,
      error: {
        code: 'SignatureDoesNotMatch',
        status: 403,
        message:
          "Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '20231231' != '20240101', from '20240101T003000Z'.",
      },
    });
  });

  it('a service other than iam or sts', async () => {
    const request = await sign(CREATE_USER, { service: 's3' });
    expect(await verifySigV4(request, options())).toMatchObject({
      ok: false,
      error: { code: 'SignatureDoesNotMatch', message: "Credential should be scoped to correct service: 'iam'." },
    });
  });

  it('a clock 15+ minutes behind or ahead of the server (injected clock)', async () => {
    const request = await sign(CREATE_USER);
    const behind = new Date(SIGNED_AT.getTime() + 16 * 60_000);
    const ahead = new Date(SIGNED_AT.getTime() - 16 * 60_000);
    expect(await verifySigV4(request, options({ now: () => behind }))).toEqual({
      ok: false,
      error: {
        code: 'SignatureDoesNotMatch',
        status: 403,
        message: 'Signature expired: 20240101T003000Z is now earlier than 20240101T003100Z (20240101T004600Z - 15 min.)',
      },
    });
    expect(await verifySigV4(request, options({ now: () => ahead }))).toEqual({
      ok: false,
      error: {
        code: 'SignatureDoesNotMatch',
        status: 403,
        message: 'Signature not yet current: 20240101T003000Z is still later than 20240101T002900Z (20240101T001400Z + 15 min.)',
      },
    });
  });

  it('a request without any authentication', async () => {
    const request = withHeader(await sign(CREATE_USER), 'authorization', undefined);
    expect(await verifySigV4(request, options())).toEqual({
      ok: false,
      error: { code: 'MissingAuthenticationToken', status: 403, message: 'Request is missing Authentication Token' },
    });
  });

  it.each(['Credential', 'SignedHeaders', 'Signature'])('an Authorization header without %s', async (field) => {
    const request = await sign(CREATE_USER);
    const without = authorizationOf(request)
      .replace(new RegExp(`${field}=[^,]*,? ?`), '')
      .replace(/, $/, '');
    const result = await verifySigV4(withHeader(request, 'authorization', without), options());
    expect(result).toEqual({
      ok: false,
      error: {
        code: 'IncompleteSignature',
        status: 400,
        message: `Authorization header requires '${field}' parameter. Authorization=AWS4-HMAC-SHA256`,
      },
    });
  });

  it('an Authorization header without a date header', async () => {
    const request = withHeader(await sign(CREATE_USER), 'x-amz-date', undefined);
    expect(await verifySigV4(request, options())).toMatchObject({
      ok: false,
      error: {
        code: 'IncompleteSignature',
        message: "Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header. Authorization=AWS4-HMAC-SHA256",
      },
    });
  });

  it('an unknown access key id', async () => {
    const request = await sign(CREATE_USER, { credentials: { ...KEY, accessKeyId: 'AKIAUNKNOWN000000000' } });
    expect(await verifySigV4(request, options())).toEqual({
      ok: false,
      error: { code: 'InvalidClientTokenId', status: 403, message: 'The security token included in the request is invalid.' },
    });
  });

  it('a presigned X-Amz-Expires outside 1..604800', async () => {
    const request = await presignWithSdk({ method: 'GET' }, { credentials: KEY, signingDate: SIGNED_AT, expiresIn: 604800 });
    expect((await verifySigV4(request, options())).ok).toBe(true);
    for (const [value, message] of [
      ['604801', 'X-Amz-Expires must be less than a week (in seconds) that is 604800'],
      ['0', 'X-Amz-Expires must be a positive number of seconds'],
    ] as const) {
      const changed = { ...request, query: request.query.replace('X-Amz-Expires=604800', `X-Amz-Expires=${value}`) };
      expect(await verifySigV4(changed, options())).toEqual({ ok: false, error: { code: 'IncompleteSignature', status: 400, message } });
    }
  });

  it('never puts the secret or the expected signature in a message', async () => {
    const request = await sign(CREATE_USER, { credentials: { ...KEY, secretAccessKey: 'wrong' } });
    const result = await verifySigV4(request, options());
    expect(JSON.stringify(result)).not.toContain(KEY.secretAccessKey);
    const good = await sign(CREATE_USER);
    const goodSignature = /Signature=([0-9a-f]{64})/.exec(authorizationOf(good))?.[1] ?? 'missing';
    expect(JSON.stringify(result)).not.toContain(goodSignature);
  });
});
