// AssumeRoleWithSAML end to end: a test identity provider signs SAML responses with its
// fixture key, the SDK sends them unsigned, and the role session is used on IAM and STS.

import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { CreateRoleCommand, CreateSAMLProviderCommand, GetRoleCommand, ListUsersCommand, PutRolePolicyCommand } from '@aws-sdk/client-iam';
import { AssumeRoleWithSAMLCommand, GetCallerIdentityCommand, STSClient, type AssumeRoleWithSAMLCommandInput } from '@aws-sdk/client-sts';
import {
  ENTITY_ID,
  fromBase64,
  idpMetadata,
  OTHER_CERT,
  SIGN_IN,
  signedResponse,
  toBase64,
  type ResponseSpec,
} from '../../src/auth/saml/saml-test-idp.case.js';
import { ACCOUNT_ID, useTestServer } from '../support/server.js';

const t = useTestServer();
const iam = t.iam();
const PROVIDER = `arn:aws:iam::${ACCOUNT_ID}:saml-provider/ExampleIdP`;
const OTHER_PROVIDER = `arn:aws:iam::${ACCOUNT_ID}:saml-provider/OtherIdP`;
const roleArn = (name: string): string => `arn:aws:iam::${ACCOUNT_ID}:role/${name}`;

beforeAll(async () => {
  await iam.send(new CreateSAMLProviderCommand({ Name: 'ExampleIdP', SAMLMetadataDocument: idpMetadata() }));
  await iam.send(new CreateSAMLProviderCommand({ Name: 'OtherIdP', SAMLMetadataDocument: idpMetadata({ certificates: [OTHER_CERT] }) }));
  await role('saml-reader', trust(PROVIDER, { StringEquals: { 'saml:aud': SIGN_IN } }));
  await role('saml-other', trust(PROVIDER));
  await role('saml-bob-only', trust(PROVIDER, { StringEquals: { 'saml:sub': 'bob' } }));
  await role('saml-tagged', trust(PROVIDER, undefined, ['sts:AssumeRoleWithSAML', 'sts:TagSession']), {
    Effect: 'Allow',
    Action: 'iam:GetRole',
    Resource: '*',
    Condition: { StringEquals: { 'aws:PrincipalTag/team': 'red' } },
  });
});

function trust(provider: string, condition?: object, actions: string[] = ['sts:AssumeRoleWithSAML']): object {
  return { Effect: 'Allow', Principal: { Federated: provider }, Action: actions, ...(condition !== undefined && { Condition: condition }) };
}

async function role(name: string, statement: object, permission: object = { Effect: 'Allow', Action: 'iam:GetRole', Resource: '*' }): Promise<void> {
  await iam.send(new CreateRoleCommand({ RoleName: name, AssumeRolePolicyDocument: JSON.stringify({ Version: '2012-10-17', Statement: [statement] }) }));
  await iam.send(new PutRolePolicyCommand({ RoleName: name, PolicyName: 'p', PolicyDocument: JSON.stringify({ Version: '2012-10-17', Statement: [permission] }) }));
}

/** A signed response granting `roles` (role names, with the ExampleIdP provider) to alice. */
function assertion(roles: string[] = ['saml-reader'], spec: Partial<ResponseSpec> = {}, extra: Record<string, string[]> = {}): string {
  return signedResponse({
    now: new Date(),
    // A new ID per assertion, as an IdP makes: each is accepted once.
    assertionId: `_${randomUUID()}`,
    attributes: {
      'https://aws.amazon.com/SAML/Attributes/Role': roles.map((name) => `${roleArn(name)},${PROVIDER}`),
      'https://aws.amazon.com/SAML/Attributes/RoleSessionName': ['alice@example.com'],
      ...extra,
    },
    ...spec,
  });
}

function assume(samlAssertion: string, extra: Partial<AssumeRoleWithSAMLCommandInput> = {}) {
  // The SDK sends AssumeRoleWithSAML unsigned; the client has no credentials at all.
  const sts = new STSClient({ endpoint: t.server.url, region: 'us-east-1', maxAttempts: 1 });
  return sts.send(new AssumeRoleWithSAMLCommand({ RoleArn: roleArn('saml-reader'), PrincipalArn: PROVIDER, SAMLAssertion: samlAssertion, ...extra }));
}

const keysOf = (out: { Credentials?: { AccessKeyId?: string; SecretAccessKey?: string; SessionToken?: string } }) => ({
  accessKeyId: out.Credentials!.AccessKeyId!,
  secretAccessKey: out.Credentials!.SecretAccessKey!,
  sessionToken: out.Credentials!.SessionToken!,
});

describe('AssumeRoleWithSAML', () => {
  it('exchanges a signed assertion for a role session usable on every endpoint', async () => {
    const out = await assume(assertion(['saml-other', 'saml-reader']));
    expect(out.Credentials?.AccessKeyId).toMatch(/^ASIA/);
    expect(out).toMatchObject({
      Subject: '_u1234',
      SubjectType: 'persistent',
      Issuer: ENTITY_ID,
      Audience: SIGN_IN,
      NameQualifier: expect.stringMatching(/\S/),
      AssumedRoleUser: { Arn: `arn:aws:sts::${ACCOUNT_ID}:assumed-role/saml-reader/alice@example.com` },
    });
    const keys = keysOf(out);
    expect((await t.sts(keys).send(new GetCallerIdentityCommand({}))).Arn).toBe(`arn:aws:sts::${ACCOUNT_ID}:assumed-role/saml-reader/alice@example.com`);
    expect((await t.iam(keys).send(new GetRoleCommand({ RoleName: 'saml-reader' }))).Role?.RoleName).toBe('saml-reader');
    await expect(t.iam(keys).send(new ListUsersCommand({}))).rejects.toMatchObject({ name: 'AccessDenied' });
  });

  it('refuses an assertion changed after signing', async () => {
    const tampered = toBase64(fromBase64(assertion()).replace('alice@example.com', 'mallory@example.com'));
    await expect(assume(tampered)).rejects.toMatchObject({
      name: 'InvalidIdentityTokenException',
      message: 'Response signature invalid',
      $metadata: { httpStatusCode: 400 },
    });
  });

  it('refuses the assertion for another provider, and a provider that does not exist', async () => {
    // OtherIdP's metadata has another certificate: the signature does not verify with it.
    await expect(assume(assertion(), { PrincipalArn: OTHER_PROVIDER })).rejects.toMatchObject({
      name: 'InvalidIdentityTokenException',
      message: 'Response signature invalid',
    });
    await expect(assume(assertion(), { PrincipalArn: `arn:aws:iam::${ACCOUNT_ID}:saml-provider/Nobody` })).rejects.toMatchObject({
      name: 'AccessDenied',
      message: 'Not authorized to perform sts:AssumeRoleWithSAML',
    });
  });

  it('refuses a role the assertion does not grant, and one whose trust policy conditions fail', async () => {
    await expect(assume(assertion(['saml-other']))).rejects.toMatchObject({
      name: 'AccessDenied',
      message: 'Not authorized to perform sts:AssumeRoleWithSAML',
      $metadata: { httpStatusCode: 403 },
    });
    await expect(assume(assertion(['saml-bob-only']), { RoleArn: roleArn('saml-bob-only') })).rejects.toMatchObject({ name: 'AccessDenied' });
  });

  it('refuses an expired response', async () => {
    await expect(assume(assertion(['saml-reader'], { issuedAt: -900, notOnOrAfter: -600, subjectNotOnOrAfter: -600 }))).rejects.toMatchObject({
      name: 'ExpiredTokenException',
      $metadata: { httpStatusCode: 400 },
    });
  });

  it('passes PrincipalTag attributes as session tags when the trust policy allows sts:TagSession', async () => {
    const tagged = assertion(['saml-tagged', 'saml-reader'], {}, { 'https://aws.amazon.com/SAML/Attributes/PrincipalTag:team': ['red'] });
    const out = await assume(tagged, { RoleArn: roleArn('saml-tagged') });
    expect((await t.iam(keysOf(out)).send(new GetRoleCommand({ RoleName: 'saml-tagged' }))).Role?.RoleName).toBe('saml-tagged');
    // saml-reader's trust policy does not allow sts:TagSession.
    const taggedAgain = assertion(['saml-tagged', 'saml-reader'], {}, { 'https://aws.amazon.com/SAML/Attributes/PrincipalTag:team': ['red'] });
    await expect(assume(taggedAgain)).rejects.toMatchObject({ name: 'AccessDenied' });
  });

  it('accepts an assertion once: a replay, even to another role it names, is refused', async () => {
    const once = assertion(['saml-reader', 'saml-tagged']);
    const results = await Promise.allSettled([assume(once), assume(once)]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const replay = { name: 'InvalidIdentityTokenException', message: 'The SAML assertion has already been used', $metadata: { httpStatusCode: 400 } };
    expect(results.find((r) => r.status === 'rejected')).toMatchObject({ reason: replay });
    await expect(assume(once, { RoleArn: roleArn('saml-tagged') })).rejects.toMatchObject(replay);
  });

  it('takes the session duration from SessionDuration, and DurationSeconds over it', async () => {
    const withDuration = () => assertion(['saml-reader'], {}, { 'https://aws.amazon.com/SAML/Attributes/SessionDuration': ['1800'] });
    const out = await assume(withDuration());
    const seconds = (out.Credentials!.Expiration!.getTime() - Date.now()) / 1000;
    expect(seconds).toBeGreaterThan(1700);
    expect(seconds).toBeLessThanOrEqual(1800);
    const longer = await assume(withDuration(), { DurationSeconds: 3000 });
    expect((longer.Credentials!.Expiration!.getTime() - Date.now()) / 1000).toBeGreaterThan(2900);
  });
});
