// SigV4 failures against the real server over HTTP: requests signed by the SDK's signer,
// then broken on purpose, must get AWS's code, status, wording and XML shape.

import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { UpdateAccessKeyCommand } from '@aws-sdk/client-iam';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACCOUNT_ID, ROOT_KEY } from '../support/server.js';
import { expectAwsError, expectNoSecret, IAM_XMLNS, STS_XMLNS } from '../support/error-response.js';
import { createUserWithKey, startNode, type KeywardNode } from '../support/keyward-node.js';
import {
  formBody,
  presignGet,
  send,
  signGet,
  signPost,
  type Credentials,
  type SignParams,
  type WireRequest,
  type WireResponse,
} from '../support/signed-request.js';

// The server's clock is frozen so AWS's skew messages can be compared exactly.
const NOW = new Date(Math.floor(Date.now() / 1000) * 1000);
const MINUTE = 60_000;
const LIST_USERS = formBody({ Action: 'ListUsers', Version: '2010-05-08' });
const SIGNATURE_MISMATCH =
  'The request signature we calculated does not match the signature you provided. ' +
  'Check your AWS Secret Access Key and signing method. Consult the service documentation for details.';
const INVALID_TOKEN = 'The security token included in the request is invalid.';

let node: KeywardNode;
let dataDir: string;
let user: Credentials;
const secrets: string[] = [ROOT_KEY.secretAccessKey];

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'keyward-sigv4-'));
  node = await startNode({ dataDir, clock: () => NOW });
  user = await createUserWithKey(node, 'signer');
  secrets.push(user.secretAccessKey);
});
afterAll(async () => {
  await node.stop();
  await rm(dataDir, { recursive: true, force: true });
});

function amz(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z').replace(/[-:]/g, '');
}

function at(offsetMs: number): Date {
  return new Date(NOW.getTime() + offsetMs);
}

/** Sends and checks, on every response, that no known secret leaks. */
async function sendChecked(request: WireRequest | string): Promise<WireResponse> {
  const res = typeof request === 'string' ? await send({ url: request, method: 'GET', headers: {} }) : await send(request);
  for (const secret of secrets) expectNoSecret(res, secret);
  return res;
}

function post(body: string, params: Partial<SignParams> = {}): Promise<WireRequest> {
  return signPost(node.url, body, { credentials: ROOT_KEY, signingDate: NOW, ...params });
}

describe('valid signatures', () => {
  it('accepts a header-signed POST and GET from the root key', async () => {
    const viaPost = await sendChecked(await post(LIST_USERS));
    expect(viaPost.status).toBe(200);
    expect(viaPost.text).toContain(`<ListUsersResponse xmlns="${IAM_XMLNS}">`);
    expect(viaPost.headers.get('x-amzn-requestid')).toMatch(/^[0-9a-f-]{36}$/);
    const viaGet = await sendChecked(await signGet(node.url, { Action: 'ListUsers', Version: '2010-05-08' }, { credentials: ROOT_KEY, signingDate: NOW }));
    expect(viaGet.status).toBe(200);
    expect(viaGet.text).toContain('<UserName>signer</UserName>');
  });

  it('accepts requests signed up to 15 minutes either side of the server clock', async () => {
    for (const offset of [-14 * MINUTE, 14 * MINUTE]) {
      expect((await sendChecked(await post(LIST_USERS, { signingDate: at(offset) }))).status).toBe(200);
    }
  });

  it('accepts a scope for any region, as IAM is global (eu-west-3)', async () => {
    expect((await sendChecked(await post(LIST_USERS, { region: 'eu-west-3' }))).status).toBe(200);
    const sts = await sendChecked(
      await post(formBody({ Action: 'GetCallerIdentity', Version: '2011-06-15' }), { region: 'eu-west-3', service: 'sts', credentials: user }),
    );
    expect(sts.status).toBe(200);
    expect(sts.text).toContain(`<Arn>arn:aws:iam::${ACCOUNT_ID}:user/signer</Arn>`);
  });

  it('routes on the service in the credential scope', async () => {
    const body = formBody({ Action: 'GetCallerIdentity', Version: '2011-06-15' });
    const sts = await sendChecked(await post(body, { service: 'sts' }));
    expect(sts.status).toBe(200);
    expect(sts.text).toContain(`<GetCallerIdentityResponse xmlns="${STS_XMLNS}">`);
    expect(sts.text).toContain(`<Arn>arn:aws:iam::${ACCOUNT_ID}:root</Arn>`);
    // The same body scoped to iam reaches IAM, which has no such operation.
    expectAwsError(await sendChecked(await post(body, { service: 'iam' })), {
      status: 400,
      code: 'InvalidAction',
      message: 'Could not find operation GetCallerIdentity for version 2011-06-15',
    });
    // STS errors carry STS's namespace.
    const wrong = { accessKeyId: ROOT_KEY.accessKeyId, secretAccessKey: 'not-the-secret' };
    expectAwsError(await sendChecked(await post(body, { service: 'sts', credentials: wrong })), {
      status: 403,
      code: 'SignatureDoesNotMatch',
      message: SIGNATURE_MISMATCH,
      xmlns: STS_XMLNS,
    });
  });
});

describe('rejected signatures', () => {
  it('wrong secret: SignatureDoesNotMatch 403', async () => {
    const wrong = { accessKeyId: ROOT_KEY.accessKeyId, secretAccessKey: 'wrong-secret-0123456789abcdefghijklmnop' };
    secrets.push(wrong.secretAccessKey);
    expectAwsError(await sendChecked(await post(LIST_USERS, { credentials: wrong })), {
      status: 403,
      code: 'SignatureDoesNotMatch',
      message: SIGNATURE_MISMATCH,
    });
  });

  it('an UNSIGNED-PAYLOAD request is refused, so a seen request cannot be replayed with another body', async () => {
    const request = await post(LIST_USERS, { unsignedPayload: true });
    expectAwsError(await sendChecked(request), { status: 403, code: 'SignatureDoesNotMatch', message: SIGNATURE_MISMATCH });
    request.body = formBody({ Action: 'CreateUser', Version: '2010-05-08', UserName: 'replayed' });
    expectAwsError(await sendChecked(request), { status: 403, code: 'SignatureDoesNotMatch', message: SIGNATURE_MISMATCH });
  });

  it('a repeated parameter is refused, since the signature covers both values but only one would be used', async () => {
    const res = await sendChecked(await post(`${LIST_USERS}&PathPrefix=%2Fa%2F&PathPrefix=%2Fb%2F`));
    expectAwsError(res, { status: 400, code: 'ValidationError', message: 'The parameter PathPrefix appears more than once.' });
  });

  it('a credential scope dated another day: SignatureDoesNotMatch naming both dates', async () => {
    const request = await post(LIST_USERS);
    const today = amz(NOW).slice(0, 8);
    const yesterday = amz(at(-24 * 60 * MINUTE)).slice(0, 8);
    request.headers.authorization = request.headers.authorization!.replace(`/${today}/`, `/${yesterday}/`);
    expectAwsError(await sendChecked(request), {
      status: 403,
      code: 'SignatureDoesNotMatch',
      message:
        'Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: ' +
        `'${yesterday}' != '${today}', from '${amz(NOW)}'.`,
    });
  });

  it('a service other than iam or sts in the scope: SignatureDoesNotMatch', async () => {
    expectAwsError(await sendChecked(await post(LIST_USERS, { service: 's3' })), {
      status: 403,
      code: 'SignatureDoesNotMatch',
      message: "Credential should be scoped to correct service: 'iam'.",
    });
  });

  it('signed 20 minutes in the past: Signature expired', async () => {
    expectAwsError(await sendChecked(await post(LIST_USERS, { signingDate: at(-20 * MINUTE) })), {
      status: 403,
      code: 'SignatureDoesNotMatch',
      message: `Signature expired: ${amz(at(-20 * MINUTE))} is now earlier than ${amz(at(-15 * MINUTE))} (${amz(NOW)} - 15 min.)`,
    });
  });

  it('signed 20 minutes in the future: Signature not yet current', async () => {
    expectAwsError(await sendChecked(await post(LIST_USERS, { signingDate: at(20 * MINUTE) })), {
      status: 403,
      code: 'SignatureDoesNotMatch',
      message: `Signature not yet current: ${amz(at(20 * MINUTE))} is still later than ${amz(at(15 * MINUTE))} (${amz(NOW)} + 15 min.)`,
    });
  });

  it('a body changed after signing: SignatureDoesNotMatch, with or without x-amz-content-sha256', async () => {
    for (const applyChecksum of [true, false]) {
      const request = await post(LIST_USERS, { applyChecksum });
      expect('x-amz-content-sha256' in request.headers).toBe(applyChecksum);
      request.body = `${LIST_USERS}&MaxItems=1`;
      expectAwsError(await sendChecked(request), { status: 403, code: 'SignatureDoesNotMatch', message: SIGNATURE_MISMATCH });
    }
  });

  it('no Authorization header: MissingAuthenticationToken 403', async () => {
    const request = await post(LIST_USERS);
    delete request.headers.authorization;
    expectAwsError(await sendChecked(request), {
      status: 403,
      code: 'MissingAuthenticationToken',
      message: 'Request is missing Authentication Token',
    });
  });

  it('an Authorization header without Signature=: IncompleteSignature 400', async () => {
    const request = await post(LIST_USERS);
    request.headers.authorization = request.headers.authorization!.replace(/, Signature=[0-9a-f]+$/, '');
    expect(request.headers.authorization).not.toContain('Signature=');
    const error = expectAwsError(await sendChecked(request), { status: 400, code: 'IncompleteSignature' });
    // AWS goes on to echo the header after "Authorization="; only the part it always starts with is pinned.
    expect(error.message.startsWith("Authorization header requires 'Signature' parameter. Authorization=AWS4-HMAC-SHA256")).toBe(true);
  });

  it('an unknown access key: InvalidClientTokenId 403', async () => {
    const unknown = { accessKeyId: 'AKIAUNKNOWNKEY000001', secretAccessKey: ROOT_KEY.secretAccessKey };
    expectAwsError(await sendChecked(await post(LIST_USERS, { credentials: unknown })), {
      status: 403,
      code: 'InvalidClientTokenId',
      message: INVALID_TOKEN,
    });
  });

  it('an inactive key: InvalidClientTokenId 403 until it is activated again', async () => {
    const key = await createUserWithKey(node, 'dormant');
    secrets.push(key.secretAccessKey);
    const iam = node.iam();
    const whoAmI = formBody({ Action: 'GetCallerIdentity', Version: '2011-06-15' });
    expect((await sendChecked(await post(whoAmI, { service: 'sts', credentials: key }))).status).toBe(200);
    await iam.send(new UpdateAccessKeyCommand({ UserName: 'dormant', AccessKeyId: key.accessKeyId, Status: 'Inactive' }));
    expectAwsError(await sendChecked(await post(whoAmI, { service: 'sts', credentials: key })), {
      status: 403,
      code: 'InvalidClientTokenId',
      message: INVALID_TOKEN,
      xmlns: STS_XMLNS,
    });
    await iam.send(new UpdateAccessKeyCommand({ UserName: 'dormant', AccessKeyId: key.accessKeyId, Status: 'Active' }));
    expect((await sendChecked(await post(whoAmI, { service: 'sts', credentials: key }))).status).toBe(200);
  });
});

describe('presigned URLs', () => {
  const query = { Action: 'ListUsers', Version: '2010-05-08' };

  it('a presigned GET ListUsers works with the root key', async () => {
    const url = await presignGet(node.url, query, { credentials: ROOT_KEY, signingDate: NOW, expiresIn: 300 });
    expect(url).toContain('X-Amz-Signature=');
    const res = await sendChecked(url);
    expect(res.status).toBe(200);
    expect(res.text).toContain('<UserName>signer</UserName>');
  });

  it('an expired presigned URL: RequestExpired 400', async () => {
    const url = await presignGet(node.url, query, { credentials: ROOT_KEY, signingDate: at(-10 * MINUTE), expiresIn: 60 });
    expectAwsError(await sendChecked(url), { status: 400, code: 'RequestExpired', message: 'Request has expired.' });
  });

  it('a presigned URL with a changed parameter: SignatureDoesNotMatch 403', async () => {
    const url = await presignGet(node.url, query, { credentials: ROOT_KEY, signingDate: NOW, expiresIn: 300 });
    expectAwsError(await sendChecked(url.replace('Action=ListUsers', 'Action=ListRoles')), {
      status: 403,
      code: 'SignatureDoesNotMatch',
      message: SIGNATURE_MISMATCH,
    });
  });
});
