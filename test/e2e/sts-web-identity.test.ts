// AssumeRoleWithWebIdentity end to end: a real OIDC issuer on loopback (HTTPS with a pinned
// self-signed certificate) signs tokens, the SDK sends them unsigned, and the session that
// comes back is used on the IAM and STS endpoints.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CreateOpenIDConnectProviderCommand,
  CreateRoleCommand,
  GetRoleCommand,
  ListUsersCommand,
  PutRolePolicyCommand,
} from '@aws-sdk/client-iam';
import { AssumeRoleWithWebIdentityCommand, GetCallerIdentityCommand, STSClient, type AssumeRoleWithWebIdentityCommandInput } from '@aws-sdk/client-sts';
import { certificateThumbprint } from '../../src/auth/oidc/index.js';
import { FIXTURE_CERT, startTestIssuer, type TestIssuer } from '../../src/auth/oidc/test-issuer.case.js';
import { ACCOUNT_ID, ROOT_KEY, useTestServer } from '../support/server.js';
import { expectAwsError, STS_XMLNS } from '../support/error-response.js';
import { formBody, send, signPost } from '../support/signed-request.js';

const t = useTestServer();
const iam = t.iam();
let idp: TestIssuer;
let providerArn: string;
beforeAll(async () => {
  idp = await startTestIssuer({ tls: true });
  const created = await iam.send(
    new CreateOpenIDConnectProviderCommand({
      Url: idp.issuer,
      ClientIDList: ['keyward-app', 'other-app'],
      ThumbprintList: [certificateThumbprint(FIXTURE_CERT)],
    }),
  );
  providerArn = created.OpenIDConnectProviderArn!;
  await role('web-reader', [trustStatement({ StringEquals: { [`${idp.providerUrl}:sub`]: 'alice', [`${idp.providerUrl}:aud`]: 'keyward-app' } })]);
  await role('web-tagged', [trustStatement(undefined, ['sts:AssumeRoleWithWebIdentity', 'sts:TagSession'])], {
    Effect: 'Allow',
    Action: 'iam:GetRole',
    Resource: '*',
    Condition: { StringEquals: { 'aws:PrincipalTag/team': 'red' } },
  });
  await role('web-untagged', [trustStatement()]);
});
afterAll(async () => {
  await idp.close();
});

/** The SDK sends AssumeRoleWithWebIdentity without signing it; no credentials are configured. */
const anonymousSts = (): STSClient => new STSClient({ endpoint: t.server.url, region: 'us-east-1', maxAttempts: 1 });

function trustStatement(condition?: object, actions: string[] = ['sts:AssumeRoleWithWebIdentity']): object {
  return { Effect: 'Allow', Principal: { Federated: providerArn }, Action: actions, ...(condition !== undefined && { Condition: condition }) };
}

/** A role trusting the provider, allowed iam:GetRole (or the given statement). */
async function role(name: string, trust: object[], permission: object = { Effect: 'Allow', Action: 'iam:GetRole', Resource: '*' }): Promise<void> {
  await iam.send(new CreateRoleCommand({ RoleName: name, AssumeRolePolicyDocument: JSON.stringify({ Version: '2012-10-17', Statement: trust }) }));
  await iam.send(new PutRolePolicyCommand({ RoleName: name, PolicyName: 'p', PolicyDocument: JSON.stringify({ Version: '2012-10-17', Statement: [permission] }) }));
}

const nowSeconds = (): number => Math.floor(Date.now() / 1000);

function token(claims: Record<string, unknown> = {}, issuer: TestIssuer = idp): Promise<string> {
  return issuer.sign({ sub: 'alice', aud: 'keyward-app', iat: nowSeconds(), exp: nowSeconds() + 600, ...claims });
}

function assume(webIdentityToken: string, extra: Partial<AssumeRoleWithWebIdentityCommandInput> = {}) {
  return anonymousSts().send(
    new AssumeRoleWithWebIdentityCommand({
      RoleArn: `arn:aws:iam::${ACCOUNT_ID}:role/web-reader`,
      RoleSessionName: 'alice-session',
      WebIdentityToken: webIdentityToken,
      ...extra,
    }),
  );
}

describe('AssumeRoleWithWebIdentity', () => {
  it('exchanges a valid token for a role session usable on every endpoint', async () => {
    const out = await assume(await token());
    expect(out.Credentials?.AccessKeyId).toMatch(/^ASIA/);
    expect(out.Credentials?.Expiration?.getTime()).toBeGreaterThan(Date.now() + 3500_000);
    expect(out).toMatchObject({
      SubjectFromWebIdentityToken: 'alice',
      Audience: 'keyward-app',
      Provider: idp.issuer,
      AssumedRoleUser: { Arn: `arn:aws:sts::${ACCOUNT_ID}:assumed-role/web-reader/alice-session`, AssumedRoleId: expect.stringMatching(/^AROA[A-Z2-7]+:alice-session$/) },
    });
    const keys = {
      accessKeyId: out.Credentials!.AccessKeyId!,
      secretAccessKey: out.Credentials!.SecretAccessKey!,
      sessionToken: out.Credentials!.SessionToken!,
    };
    const me = await t.sts(keys).send(new GetCallerIdentityCommand({}));
    expect(me.Arn).toBe(`arn:aws:sts::${ACCOUNT_ID}:assumed-role/web-reader/alice-session`);
    expect(me.Account).toBe(ACCOUNT_ID);
    // The session has the role's permissions and nothing else.
    expect((await t.iam(keys).send(new GetRoleCommand({ RoleName: 'web-reader' }))).Role?.RoleName).toBe('web-reader');
    await expect(t.iam(keys).send(new ListUsersCommand({}))).rejects.toMatchObject({ name: 'AccessDenied' });
  });

  it('refuses an audience the trust policy does not allow, and one the provider does not know', async () => {
    await expect(assume(await token({ aud: 'other-app' }))).rejects.toMatchObject({
      name: 'AccessDenied',
      message: 'Not authorized to perform sts:AssumeRoleWithWebIdentity',
      $metadata: { httpStatusCode: 403 },
    });
    await expect(assume(await token({ aud: 'stranger-app' }))).rejects.toMatchObject({
      name: 'InvalidIdentityTokenException',
      message: 'Incorrect token audience',
      $metadata: { httpStatusCode: 400 },
    });
  });

  it('evaluates StringEquals on <provider>:sub', async () => {
    await expect(assume(await token({ sub: 'bob' }))).rejects.toMatchObject({ name: 'AccessDenied' });
    expect((await assume(await token({ sub: 'alice' }))).SubjectFromWebIdentityToken).toBe('alice');
  });

  it('refuses an expired token with ExpiredTokenException', async () => {
    const expired = await token({ iat: nowSeconds() - 3600, exp: nowSeconds() - 900 });
    await expect(assume(expired)).rejects.toMatchObject({
      name: 'ExpiredTokenException',
      message: expect.stringMatching(/^Token expired: current date\/time \d+ must be before the expiration date\/time \d+$/),
      $metadata: { httpStatusCode: 400 },
    });
  });

  it('refuses a token from an issuer with no provider in the role account', async () => {
    const stranger = await startTestIssuer({ tls: true });
    try {
      await expect(assume(await token({}, stranger))).rejects.toMatchObject({
        name: 'InvalidIdentityTokenException',
        message: `No OpenIDConnect provider found in your account for ${stranger.issuer}`,
      });
    } finally {
      await stranger.close();
    }
  });

  it('refuses a tampered token and a role that does not exist', async () => {
    const [header, , signature] = (await token()).split('.');
    const forged = Buffer.from(JSON.stringify({ iss: idp.issuer, sub: 'alice', aud: 'keyward-app', exp: nowSeconds() + 600 })).toString('base64url');
    await expect(assume(`${header}.${forged}.${signature}`)).rejects.toMatchObject({ name: 'InvalidIdentityTokenException' });
    await expect(assume(await token(), { RoleArn: `arn:aws:iam::${ACCOUNT_ID}:role/nobody` })).rejects.toMatchObject({
      name: 'AccessDenied',
      message: 'Not authorized to perform sts:AssumeRoleWithWebIdentity',
    });
  });

  it('passes session tags from the token; the trust policy must allow sts:TagSession', async () => {
    const tagged = await token({ 'https://aws.amazon.com/tags': { principal_tags: { team: ['red'] }, transitive_tag_keys: ['team'] } });
    await expect(assume(tagged, { RoleArn: `arn:aws:iam::${ACCOUNT_ID}:role/web-untagged` })).rejects.toMatchObject({ name: 'AccessDenied' });
    const out = await assume(tagged, { RoleArn: `arn:aws:iam::${ACCOUNT_ID}:role/web-tagged` });
    const keys = { accessKeyId: out.Credentials!.AccessKeyId!, secretAccessKey: out.Credentials!.SecretAccessKey!, sessionToken: out.Credentials!.SessionToken! };
    // The role policy allows GetRole only for principals tagged team=red: the session tag does it.
    expect((await t.iam(keys).send(new GetRoleCommand({ RoleName: 'web-tagged' }))).Role?.RoleName).toBe('web-tagged');
    const plain = await assume(await token(), { RoleArn: `arn:aws:iam::${ACCOUNT_ID}:role/web-untagged` });
    expect(plain.AssumedRoleUser?.Arn).toBe(`arn:aws:sts::${ACCOUNT_ID}:assumed-role/web-untagged/alice-session`);
  });

  it('narrows the session with a session policy and checks DurationSeconds against the role', async () => {
    const policy = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'iam:ListRoles', Resource: '*' }] });
    const out = await assume(await token(), { Policy: policy });
    expect(out.PackedPolicySize).toBeGreaterThan(0);
    const keys = { accessKeyId: out.Credentials!.AccessKeyId!, secretAccessKey: out.Credentials!.SecretAccessKey!, sessionToken: out.Credentials!.SessionToken! };
    await expect(t.iam(keys).send(new GetRoleCommand({ RoleName: 'web-reader' }))).rejects.toMatchObject({ name: 'AccessDenied' });
    await expect(assume(await token(), { Policy: '{"Statement":[{"Effect":"Allow"}]}' })).rejects.toMatchObject({ name: 'MalformedPolicyDocumentException' });
    await expect(assume(await token(), { DurationSeconds: 7200 })).rejects.toMatchObject({
      name: 'ValidationError',
      message: 'The requested DurationSeconds exceeds the MaxSessionDuration set for this role.',
    });
  });

  it('verifies a signature when the request carries one, and answers in the STS namespace', async () => {
    const body = formBody({
      Action: 'AssumeRoleWithWebIdentity',
      Version: '2011-06-15',
      RoleArn: `arn:aws:iam::${ACCOUNT_ID}:role/web-reader`,
      RoleSessionName: 'signed',
      WebIdentityToken: await token(),
    });
    const good = await signPost(t.server.url, body, { credentials: ROOT_KEY, service: 'sts', signingDate: new Date() });
    expect((await send(good)).status).toBe(200);
    const bad = await signPost(t.server.url, body, {
      credentials: { accessKeyId: ROOT_KEY.accessKeyId, secretAccessKey: 'wrong-secret' },
      service: 'sts',
      signingDate: new Date(),
    });
    expectAwsError(await send(bad), { status: 403, code: 'SignatureDoesNotMatch', xmlns: STS_XMLNS });
  });
});
