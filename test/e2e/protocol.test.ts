// The AWS Query protocol at the wire: unknown actions, missing
// parameters, GET requests, and junk input that must never become a 5xx.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { implementedOperations } from '../../src/services/registry.js';
import { ROOT_KEY, useTestServer } from '../support/server.js';
import { expectAwsError, parseErrorBody } from '../support/error-response.js';
import { formBody, send, signGet, signPost, type WireResponse } from '../support/signed-request.js';

const IAM_VERSION = '2010-05-08';

const t = useTestServer();

async function postSigned(body: string | Uint8Array, service = 'iam'): Promise<WireResponse> {
  return send(await signPost(t.server.url, body, { credentials: ROOT_KEY, signingDate: new Date(), service }));
}

/** Any answer: a 2xx, or an AWS-shaped error below 500. */
function expectNot5xx(res: WireResponse, what: string): void {
  expect(res.status, `${what} -> ${res.status} ${res.text}`).toBeLessThan(500);
  if (res.status >= 300) expect(parseErrorBody(res.text), `${what}: not an <ErrorResponse>: ${res.text}`).toBeDefined();
}

describe('actions', () => {
  it('an unknown Action: InvalidAction 400 with AWS wording', async () => {
    expectAwsError(await postSigned(formBody({ Action: 'ListUnicorns', Version: IAM_VERSION })), {
      status: 400,
      code: 'InvalidAction',
      message: `Could not find operation ListUnicorns for version ${IAM_VERSION}`,
    });
  });

  it('a known Action under the wrong or no Version: InvalidAction 400', async () => {
    expectAwsError(await postSigned(formBody({ Action: 'ListUsers', Version: '2011-06-15' })), {
      status: 400,
      code: 'InvalidAction',
      message: 'Could not find operation ListUsers for version 2011-06-15',
    });
    expectAwsError(await postSigned(formBody({ Action: 'ListUsers' })), {
      status: 400,
      code: 'InvalidAction',
      message: 'Could not find operation ListUsers for version NO_VERSION_SPECIFIED',
    });
  });

  it('a missing required parameter: ValidationError naming the member', async () => {
    expectAwsError(await postSigned(formBody({ Action: 'CreateUser', Version: IAM_VERSION })), {
      status: 400,
      code: 'ValidationError',
      message: "1 validation error detected: Value null at 'userName' failed to satisfy constraint: Member must not be null",
    });
    expectAwsError(await postSigned(formBody({ Action: 'UpdateAccessKey', Version: IAM_VERSION })), {
      status: 400,
      code: 'ValidationError',
      message:
        '2 validation errors detected: ' +
        "Value null at 'accessKeyId' failed to satisfy constraint: Member must not be null; " +
        "Value null at 'status' failed to satisfy constraint: Member must not be null",
    });
  });

  it('a GET with the parameters in the query string works', async () => {
    await postSigned(formBody({ Action: 'CreateUser', Version: IAM_VERSION, UserName: 'via-get', Path: '/get/' }));
    const res = await send(
      await signGet(t.server.url, { Action: 'ListUsers', Version: IAM_VERSION, PathPrefix: '/get/', MaxItems: '5' }, {
        credentials: ROOT_KEY,
        signingDate: new Date(),
      }),
    );
    expect(res.status).toBe(200);
    expect(res.text).toMatch(/<ListUsersResult>[\s\S]*<UserName>via-get<\/UserName>[\s\S]*<IsTruncated>false<\/IsTruncated>/);
  });
});

describe('answers', () => {
  it('carry the XML content type, the request id and the exact Content-Length, success or error', async () => {
    for (const body of [formBody({ Action: 'GetUser', Version: IAM_VERSION }), formBody({ Action: 'ListUnicorns', Version: IAM_VERSION })]) {
      const res = await postSigned(body);
      expect(res.headers.get('content-type')).toBe('text/xml');
      expect(res.headers.get('content-length')).toBe(String(Buffer.byteLength(res.text)));
      const requestId = res.headers.get('x-amzn-requestid');
      expect(requestId).toMatch(/^[0-9a-f-]{36}$/);
      expect(res.text).toContain(`<RequestId>${requestId}</RequestId>`);
    }
  });
});

describe('junk input', () => {
  const list = (extra: string): string => `Action=ListUsers&Version=${IAM_VERSION}&${extra}`;
  const tagUser = (extra: string): string => `Action=TagUser&Version=${IAM_VERSION}&UserName=via-get&${extra}`;
  const cases: Array<readonly [string, string | Uint8Array]> = [
    ['binary bytes', Buffer.from([0x00, 0xff, 0xfe, 0x41, 0x3d, 0x26, 0x80, 0x0a, 0x1b, 0xc3, 0x28])],
    ['binary after a valid action', Buffer.concat([Buffer.from(list('')), Buffer.from([0xff, 0x00, 0xc0, 0x3d, 0x3d])])],
    ['invalid percent escapes', list('Marker=%FF%FE%zz%')],
    ['empty body', ''],
    ['only separators', '&&&==&='],
    ['Tags.member.999999.Key', tagUser('Tags.member.999999.Key=a&Tags.member.999999.Value=b')],
    ['a huge member index', tagUser('Tags.member.99999999999999999999999.Key=a&Tags.member.99999999999999999999999.Value=b')],
    ['member index 0 and negative', tagUser('Tags.member.0.Key=a&Tags.member.-1.Value=b')],
    ['a non-numeric member index', tagUser('Tags.member.one.Key=a&Tags.member.1e3.Value=b')],
    ['a list given as a scalar', tagUser('Tags=plain')],
    ['a scalar given as a list', list('PathPrefix.member.1=/a/')],
    ['a deeply nested key', tagUser(`Tags${'.member.1'.repeat(200)}.Key=a`)],
    ['repeated keys', tagUser('UserName=other&Tags.member.1.Key=a&Tags.member.1.Key=b&Tags.member.1.Value=c')],
    ['repeated Action', `Action=ListUsers&Action=DeleteUser&Version=${IAM_VERSION}&Version=2011-06-15`],
    ['MaxItems not a number', list('MaxItems=abc')],
    ['MaxItems out of range', list('MaxItems=1e309')],
    ['MaxItems negative', list('MaxItems=-5')],
    ['a 200 kB value', list(`Marker=${'x'.repeat(200_000)}`)],
    ['unicode and control characters', tagUser(`Tags.member.1.Key=${encodeURIComponent('\u0000\u202e\ud83d\ude00')}&Tags.member.1.Value=%00`)],
  ];

  it.each(cases)('%s: never a 5xx', async (name, body) => {
    expectNot5xx(await postSigned(body), name);
  });

  it('a request over the body limit is refused without a 5xx', async () => {
    const res = await postSigned(list(`Marker=${'x'.repeat(1_100_000)}`));
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
  });
});

describe('random form bodies (fast-check)', () => {
  const iamActions = implementedOperations('iam');
  const stsActions = implementedOperations('sts');
  const memberKey = fc
    .tuple(fc.constantFrom('Tags', 'TagKeys'), fc.oneof(fc.integer({ min: -2, max: 12 }), fc.constant(2 ** 40)), fc.constantFrom('.Key', '.Value', ''))
    .map(([list, n, field]) => `${list}.member.${n}${field}`);
  const key = fc.oneof(
    fc.constantFrom('UserName', 'NewUserName', 'Path', 'NewPath', 'PathPrefix', 'AccessKeyId', 'Status', 'Marker', 'MaxItems', 'PermissionsBoundary', 'Action', 'Version'),
    memberKey,
    fc.string({ maxLength: 16 }),
  );
  const value = fc.oneof(
    fc.string({ maxLength: 40 }),
    fc.string({ maxLength: 20, unit: 'binary' }),
    fc.integer().map(String),
    fc.constantFrom('', 'Active', 'Inactive', '/', '/a/b/', 'via-get', 'arn:aws:iam::aws:policy/ReadOnlyAccess'),
  );
  const body = fc.record({
    service: fc.constantFrom('iam', 'sts'),
    action: fc.oneof(fc.constantFrom(...iamActions, ...stsActions), fc.string({ maxLength: 12 })),
    version: fc.constantFrom(IAM_VERSION, '2011-06-15', ''),
    rest: fc.array(fc.tuple(key, value), { maxLength: 8 }),
  });

  it('signed random bodies are answered without a 5xx', async () => {
    await fc.assert(
      fc.asyncProperty(body, async ({ service, action, version, rest }) => {
        const text = formBody([['Action', action], ['Version', version], ...rest]);
        expectNot5xx(await postSigned(text, service), text);
      }),
      { numRuns: 60 },
    );
  });
});
