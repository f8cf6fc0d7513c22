// Outbound web identity federation end to end: the account enables it, a user or role session
// asks GetWebIdentityToken for a JWT, and an external verifier (jose) checks it against the
// discovery document and JWKS this server publishes at the issuer URL.

import { beforeAll, describe, expect, it } from 'vitest';
import { createRemoteJWKSet, decodeProtectedHeader, jwtVerify } from 'jose';
import {
  CreateRoleCommand,
  DisableOutboundWebIdentityFederationCommand,
  EnableOutboundWebIdentityFederationCommand,
  GetOutboundWebIdentityFederationInfoCommand,
  GetUserCommand,
  PutRolePolicyCommand,
  TagUserCommand,
} from '@aws-sdk/client-iam';
import { AssumeRoleCommand, GetWebIdentityTokenCommand, type GetWebIdentityTokenCommandInput } from '@aws-sdk/client-sts';
import { userWithPolicy, type Credentials } from '../support/credential-fixtures.js';
import { ACCOUNT_ID, useTestServer, type TestServer } from '../support/server.js';

const NAMESPACE = 'https://sts.amazonaws.com/';
const AUDIENCE = 'https://api.example.com';
const userArn = (name: string): string => `arn:aws:iam::${ACCOUNT_ID}:user/${name}`;

const t = useTestServer();
let worker: Credentials; // may get tokens for any audience
let narrow: Credentials; // only for AUDIENCE, for at most 300 seconds

beforeAll(async () => {
  worker = await userWithPolicy(t, 'worker', [{ Effect: 'Allow', Action: ['sts:GetWebIdentityToken', 'sts:AssumeRole'], Resource: '*' }]);
  await t.iam().send(new TagUserCommand({ UserName: 'worker', Tags: [{ Key: 'team', Value: 'data' }] }));
  narrow = await userWithPolicy(t, 'narrow', [
    {
      Effect: 'Allow',
      Action: 'sts:GetWebIdentityToken',
      Resource: '*',
      Condition: { 'ForAllValues:StringEquals': { 'sts:IdentityTokenAudience': AUDIENCE }, NumericLessThanEquals: { 'sts:DurationSeconds': '300' } },
    },
  ]);
  // Enabled for the tests of this server; switching it on and off is tested on servers of their own.
  await t.iam().send(new EnableOutboundWebIdentityFederationCommand({}));
});

const token = (credentials: Credentials, input: Partial<GetWebIdentityTokenCommandInput> = {}, server: TestServer = t) =>
  server.sts(credentials).send(new GetWebIdentityTokenCommand({ Audience: [AUDIENCE], SigningAlgorithm: 'ES384', ...input }));

const disabled = {
  name: 'OutboundWebIdentityFederationDisabledException',
  $metadata: { httpStatusCode: 403 },
  message:
    'The outbound web identity federation feature is not enabled for this account. To use this feature, you must first enable it through the AWS Management Console or API.',
};

/** What an external service does: discovery from the issuer, then the JWKS it names. */
async function verify(jwt: string, issuer: string, audience = AUDIENCE) {
  const discovery = (await (await fetch(`${issuer}/.well-known/openid-configuration`)).json()) as { issuer: string; jwks_uri: string };
  expect(discovery.issuer).toBe(issuer);
  return jwtVerify(jwt, createRemoteJWKSet(new URL(discovery.jwks_uri)), { issuer, audience });
}

describe('GetWebIdentityToken', () => {
  it('issues an ES384 token that verifies against the issuer this server publishes', async () => {
    const { IssuerIdentifier: issuer } = await t.iam().send(new GetOutboundWebIdentityFederationInfoCommand({}));
    const before = Math.floor(Date.now() / 1000);
    const out = await token(worker, { DurationSeconds: 600, Tags: [{ Key: 'job', Value: '42' }] });
    const { payload, protectedHeader } = await verify(out.WebIdentityToken!, issuer!);
    expect(protectedHeader).toMatchObject({ alg: 'ES384', typ: 'JWT', kid: expect.any(String) });
    const { User } = await t.iam().send(new GetUserCommand({ UserName: 'worker' }));
    expect(payload).toMatchObject({
      iss: issuer,
      aud: AUDIENCE,
      sub: User!.Arn,
      jti: expect.stringMatching(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/),
      [NAMESPACE]: {
        aws_account: ACCOUNT_ID,
        source_region: 'us-east-1',
        principal_id: userArn('worker'),
        principal_tags: { team: 'data' },
        request_tags: { job: '42' },
      },
    });
    expect(payload.exp! - payload.iat!).toBe(600);
    expect(payload.iat!).toBeGreaterThanOrEqual(before);
    expect(out.Expiration!.getTime()).toBe(payload.exp! * 1000);
  });

  it('signs RS256 as well, with several audiences and 300 seconds by default', async () => {
    const { IssuerIdentifier: issuer } = await t.iam().send(new GetOutboundWebIdentityFederationInfoCommand({}));
    const out = await token(worker, { SigningAlgorithm: 'RS256', Audience: [AUDIENCE, 'other-app'] });
    expect(decodeProtectedHeader(out.WebIdentityToken!).alg).toBe('RS256');
    const { payload } = await verify(out.WebIdentityToken!, issuer!, 'other-app');
    expect(payload.aud).toEqual([AUDIENCE, 'other-app']);
    expect(payload.exp! - payload.iat!).toBe(300);
    const jwks = (await (await fetch(`${issuer}/.well-known/jwks.json`)).json()) as { keys: { alg: string; kty: string; d?: string }[] };
    expect(jwks.keys.map((k) => `${k.alg}/${k.kty}`).sort()).toEqual(['ES384/EC', 'RS256/RSA']);
    expect(jwks.keys.every((k) => k.d === undefined)).toBe(true);
  });

  it('a forged or altered token does not verify', async () => {
    const { IssuerIdentifier: issuer } = await t.iam().send(new GetOutboundWebIdentityFederationInfoCommand({}));
    const jwt = (await token(worker)).WebIdentityToken!;
    const [header, body, signature] = jwt.split('.');
    const claims = JSON.parse(Buffer.from(body!, 'base64url').toString()) as Record<string, unknown>;
    const altered = Buffer.from(JSON.stringify({ ...claims, sub: userArn('admin') })).toString('base64url');
    await expect(verify(`${header}.${altered}.${signature}`, issuer!)).rejects.toMatchObject({ code: 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED' });
  });

  it('a role session gets a token whose subject is the role', async () => {
    const { IssuerIdentifier: issuer } = await t.iam().send(new GetOutboundWebIdentityFederationInfoCommand({}));
    const trust = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${ACCOUNT_ID}:root` }, Action: 'sts:AssumeRole' }] };
    const { Role } = await t.iam().send(new CreateRoleCommand({ RoleName: 'exporter', Path: '/jobs/', AssumeRolePolicyDocument: JSON.stringify(trust) }));
    const allow = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'sts:GetWebIdentityToken', Resource: '*' }] };
    await t.iam().send(new PutRolePolicyCommand({ RoleName: 'exporter', PolicyName: 'tokens', PolicyDocument: JSON.stringify(allow) }));
    const { Credentials: c } = await t.sts(worker).send(new AssumeRoleCommand({ RoleArn: Role!.Arn, RoleSessionName: 'nightly', DurationSeconds: 900 }));
    const session = { accessKeyId: c!.AccessKeyId!, secretAccessKey: c!.SecretAccessKey!, sessionToken: c!.SessionToken! };
    const { payload } = await verify((await token(session)).WebIdentityToken!, issuer!);
    expect(payload.sub).toBe(`arn:aws:iam::${ACCOUNT_ID}:role/jobs/exporter`);
    expect(payload[NAMESPACE]).toMatchObject({ principal_id: `arn:aws:iam::${ACCOUNT_ID}:role/jobs/exporter` });
    // A token may not outlive the session that asked for it.
    await expect(token(session, { DurationSeconds: 3600 })).rejects.toMatchObject({
      name: 'SessionDurationEscalationException',
      $metadata: { httpStatusCode: 403 },
    });
  });

  it('is authorized with sts:IdentityTokenAudience and sts:DurationSeconds', async () => {
    expect((await token(narrow)).WebIdentityToken).toMatch(/^ey/);
    const denied = (message: string) => ({ name: 'AccessDenied', $metadata: { httpStatusCode: 403 }, message });
    const refusal = `User: ${userArn('narrow')} is not authorized to perform: sts:GetWebIdentityToken on resource: * because no identity-based policy allows the sts:GetWebIdentityToken action`;
    await expect(token(narrow, { Audience: [AUDIENCE, 'elsewhere'] })).rejects.toMatchObject(denied(refusal));
    await expect(token(narrow, { DurationSeconds: 900 })).rejects.toMatchObject(denied(refusal));
  });

  it('refuses an unknown signing algorithm and duplicate tag keys', async () => {
    await expect(token(worker, { SigningAlgorithm: 'HS256' })).rejects.toMatchObject({
      name: 'ValidationError',
      message: "1 validation error detected: Value 'HS256' at 'signingAlgorithm' failed to satisfy constraint: Member must satisfy enum value set: [RS256, ES384]",
    });
    await expect(token(worker, { Tags: [{ Key: 'a', Value: '1' }, { Key: 'A', Value: '2' }] })).rejects.toMatchObject({
      name: 'InvalidParameterValue',
      message: 'Duplicate tag keys found. Please note that Tag keys are case insensitive.',
    });
  });

  it('serves nothing for an issuer that does not exist', async () => {
    const res = await fetch(`${t.server.url}/outbound-federation/00000000-0000-4000-8000-000000000000/.well-known/jwks.json`);
    expect(res.status).toBe(404);
  });
});

/** A server of its own (the one above is enabled for the whole file) with a user that may ask for tokens. */
function ownServer(): { readonly server: TestServer; worker(): Credentials } {
  const server = useTestServer();
  let worker: Credentials | undefined;
  beforeAll(async () => {
    worker = await userWithPolicy(server, 'worker', [{ Effect: 'Allow', Action: 'sts:GetWebIdentityToken', Resource: '*' }]);
  });
  return { server, worker: () => worker! };
}

describe('before the account enables outbound federation', () => {
  const own = ownServer();
  it('answers OutboundWebIdentityFederationDisabledException until the account enables the feature', async () => {
    await expect(token(own.worker(), {}, own.server)).rejects.toMatchObject(disabled);
    const { IssuerIdentifier: issuer } = await own.server.iam().send(new EnableOutboundWebIdentityFederationCommand({}));
    expect(issuer).toMatch(new RegExp(`^${own.server.server.url}/outbound-federation/[0-9a-f-]{36}$`));
    const jwt = (await token(own.worker(), {}, own.server)).WebIdentityToken!;
    await expect(verify(jwt, issuer!)).resolves.toMatchObject({ payload: { sub: userArn('worker') } });
  });
});

describe('after the account disables outbound federation', () => {
  const own = ownServer();
  it('stops once disabled; the keys stay published so issued tokens can still be verified', async () => {
    const { IssuerIdentifier: issuer } = await own.server.iam().send(new EnableOutboundWebIdentityFederationCommand({}));
    const jwt = (await token(own.worker(), {}, own.server)).WebIdentityToken!;
    await own.server.iam().send(new DisableOutboundWebIdentityFederationCommand({}));
    await expect(token(own.worker(), {}, own.server)).rejects.toMatchObject(disabled);
    await expect(verify(jwt, issuer!)).resolves.toMatchObject({ payload: { sub: userArn('worker') } });
  });
});
