// Fuzz support: the entities the fuzzer aims at (users, group, role, policies, providers,
// keys, certificates) and the narrow-policy IAM user whose requests go through the engine.

import * as iam from '@aws-sdk/client-iam';
import { AssumeRoleCommand } from '@aws-sdk/client-sts';
import { idpMetadata, signedResponse } from '../../../src/auth/saml/saml-test-idp.case.js';
import { EXPIRED_CERT, LEAF_CERT, LEAF_CHAIN, LEAF_KEY, RSA_CERT, RSA_KEY, SIGNER_1_CERT } from '../../../src/services/iam/certificates/fixtures.case.js';
import { ed25519OpenSsh, rsaPublicKey } from '../../support/credential-fixtures.js';
import { ACCOUNT_ID, type TestServer } from '../../support/server.js';
import { CALLER_NAME, OIDC_URL } from './fuzz-pools.js';
import type { Credentials } from '../../support/signed-request.js';

/** What only exists once the fixture ran: generated ids and documents. */
export interface FuzzWorld {
  readonly caller: Credentials;
  /** A session of fuzz-role assumed by the caller, with a session policy and tags. */
  readonly roleSession: Credentials;
  readonly accessKeyIds: readonly string[];
  readonly sshKeyIds: readonly string[];
  readonly signingCertificateIds: readonly string[];
  readonly serviceCredentialIds: readonly string[];
  readonly sshKeyBodies: readonly string[];
  readonly certificates: readonly string[];
  readonly privateKeys: readonly string[];
  readonly chains: readonly string[];
  readonly samlMetadata: readonly string[];
  readonly samlAssertions: readonly string[];
  readonly webIdentityTokens: readonly string[];
}

const arn = (resource: string): string => `arn:aws:iam::${ACCOUNT_ID}:${resource}`;
const policy = (...statements: object[]): string => JSON.stringify({ Version: '2012-10-17', Statement: statements });
const TEAM = [{ Key: 'team', Value: 'fuzz' }];

/**
 * The caller's policy: reads everywhere, writes under /fuzz/ paths, tag- and ARN-conditioned
 * creates and attachments, and an explicit deny on itself so fuzzing cannot lock it out.
 */
export const CALLER_POLICY = policy(
  { Effect: 'Allow', Action: ['iam:Get*', 'iam:List*', 'iam:Simulate*', 'iam:Generate*', 'sts:*'], Resource: '*' },
  { Effect: 'Allow', Action: 'iam:*', Resource: [arn('user/fuzz/*'), arn('role/fuzz/*'), arn('policy/fuzz/*'), arn('group/fuzz-*')] },
  { Effect: 'Allow', Action: ['iam:CreateUser', 'iam:CreateRole', 'iam:TagUser', 'iam:TagRole'], Resource: '*', Condition: { StringEquals: { 'aws:RequestTag/team': 'fuzz' } } },
  { Effect: 'Allow', Action: ['iam:AttachUserPolicy', 'iam:AttachRolePolicy', 'iam:AttachGroupPolicy'], Resource: '*', Condition: { ArnLike: { 'iam:PolicyARN': 'arn:aws:iam::aws:policy/ReadOnly*' } } },
  { Effect: 'Allow', Action: ['iam:PutUserPermissionsBoundary', 'iam:PutRolePermissionsBoundary'], Resource: '*', Condition: { StringEquals: { 'iam:PermissionsBoundary': arn('policy/fuzz/fuzz-policy') } } },
  { Effect: 'Allow', Action: 'iam:PassRole', Resource: arn('role/fuzz/*'), Condition: { StringEquals: { 'iam:PassedToService': 'ec2.amazonaws.com' } } },
  { Effect: 'Allow', Action: ['iam:*InstanceProfile*', 'iam:*OpenIDConnect*', 'iam:*SAML*', 'iam:*ServerCertificate*', 'iam:*MFA*'], Resource: '*', Condition: { StringEqualsIfExists: { 'aws:ResourceTag/team': 'fuzz' } } },
  { Effect: 'Deny', Action: 'iam:Delete*', Resource: '*', Condition: { StringNotEquals: { 'aws:ResourceTag/team': 'fuzz' } } },
  { Effect: 'Deny', Action: '*', Resource: arn(`user/${CALLER_NAME}`) },
);

const TRUST = policy(
  { Effect: 'Allow', Principal: { AWS: arn('root') }, Action: ['sts:AssumeRole', 'sts:TagSession', 'sts:SetSourceIdentity'] },
  { Effect: 'Allow', Principal: { Federated: arn('saml-provider/fuzz-saml') }, Action: 'sts:AssumeRoleWithSAML' },
  { Effect: 'Allow', Principal: { Federated: arn('oidc-provider/127.0.0.1:9/fuzz') }, Action: 'sts:AssumeRoleWithWebIdentity' },
);

function jwt(header: object, payload: object, signature = 'c2ln'): string {
  const part = (o: object): string => Buffer.from(JSON.stringify(o)).toString('base64url');
  return `${part(header)}.${part(payload)}.${signature}`;
}

export async function createFuzzWorld(t: TestServer): Promise<FuzzWorld> {
  const c = t.iam();
  const [rsa] = await Promise.all([rsaPublicKey(2048)]);
  await c.send(new iam.CreateUserCommand({ UserName: 'fuzz-alice', Path: '/fuzz/', Tags: TEAM }));
  await c.send(new iam.CreateUserCommand({ UserName: 'fuzz-bob' }));
  await c.send(new iam.CreateUserCommand({ UserName: CALLER_NAME }));
  await c.send(new iam.PutUserPolicyCommand({ UserName: CALLER_NAME, PolicyName: 'narrow', PolicyDocument: CALLER_POLICY }));
  const callerKey = (await c.send(new iam.CreateAccessKeyCommand({ UserName: CALLER_NAME }))).AccessKey!;
  const aliceKey = (await c.send(new iam.CreateAccessKeyCommand({ UserName: 'fuzz-alice' }))).AccessKey!;
  await c.send(new iam.CreateLoginProfileCommand({ UserName: 'fuzz-alice', Password: 'Fuzz-Password-123!' }));
  await c.send(new iam.PutUserPolicyCommand({ UserName: 'fuzz-alice', PolicyName: 'fuzz-inline', PolicyDocument: policy({ Effect: 'Allow', Action: 's3:*', Resource: '*' }) }));
  await c.send(new iam.CreatePolicyCommand({ PolicyName: 'fuzz-policy', Path: '/fuzz/', PolicyDocument: policy({ Effect: 'Allow', Action: 'iam:Get*', Resource: '*' }), Tags: TEAM }));
  await c.send(new iam.CreatePolicyVersionCommand({ PolicyArn: arn('policy/fuzz/fuzz-policy'), PolicyDocument: policy({ Effect: 'Allow', Action: 'iam:List*', Resource: '*' }) }));
  await c.send(new iam.AttachUserPolicyCommand({ UserName: 'fuzz-alice', PolicyArn: arn('policy/fuzz/fuzz-policy') }));
  await c.send(new iam.CreateGroupCommand({ GroupName: 'fuzz-group' }));
  await c.send(new iam.AddUserToGroupCommand({ GroupName: 'fuzz-group', UserName: 'fuzz-alice' }));
  await c.send(new iam.PutGroupPolicyCommand({ GroupName: 'fuzz-group', PolicyName: 'fuzz-inline', PolicyDocument: policy({ Effect: 'Deny', Action: 'ec2:*', Resource: '*' }) }));
  await c.send(new iam.AttachGroupPolicyCommand({ GroupName: 'fuzz-group', PolicyArn: 'arn:aws:iam::aws:policy/ReadOnlyAccess' }));
  await c.send(new iam.CreateRoleCommand({ RoleName: 'fuzz-role', Path: '/fuzz/', AssumeRolePolicyDocument: TRUST, Tags: TEAM }));
  await c.send(new iam.PutRolePolicyCommand({ RoleName: 'fuzz-role', PolicyName: 'fuzz-inline', PolicyDocument: policy({ Effect: 'Allow', Action: 'sqs:*', Resource: '*' }) }));
  await c.send(new iam.AttachRolePolicyCommand({ RoleName: 'fuzz-role', PolicyArn: arn('policy/fuzz/fuzz-policy') }));
  await c.send(new iam.CreateInstanceProfileCommand({ InstanceProfileName: 'fuzz-profile', Tags: TEAM }));
  await c.send(new iam.AddRoleToInstanceProfileCommand({ InstanceProfileName: 'fuzz-profile', RoleName: 'fuzz-role' }));
  await c.send(new iam.CreateOpenIDConnectProviderCommand({ Url: OIDC_URL, ClientIDList: ['fuzz-app'], ThumbprintList: ['9e99a48a9960b14926bb7f3b02e22da2b0ab7280'], Tags: TEAM }));
  const metadata = idpMetadata();
  await c.send(new iam.CreateSAMLProviderCommand({ Name: 'fuzz-saml', SAMLMetadataDocument: metadata, Tags: TEAM }));
  await c.send(new iam.CreateVirtualMFADeviceCommand({ VirtualMFADeviceName: 'fuzz-mfa', Tags: TEAM }));
  await c.send(new iam.UploadServerCertificateCommand({ ServerCertificateName: 'fuzz-cert', CertificateBody: LEAF_CERT, PrivateKey: LEAF_KEY, Tags: TEAM }));
  const signing = (await c.send(new iam.UploadSigningCertificateCommand({ UserName: 'fuzz-alice', CertificateBody: SIGNER_1_CERT }))).Certificate!;
  const ssh = (await c.send(new iam.UploadSSHPublicKeyCommand({ UserName: 'fuzz-alice', SSHPublicKeyBody: rsa.openSsh }))).SSHPublicKey!;
  const service = (await c.send(new iam.CreateServiceSpecificCredentialCommand({ UserName: 'fuzz-alice', ServiceName: 'codecommit.amazonaws.com' }))).ServiceSpecificCredential!;
  await c.send(new iam.CreateAccountAliasCommand({ AccountAlias: 'fuzz-alias' }));

  const assumed = await t.sts({ accessKeyId: callerKey.AccessKeyId!, secretAccessKey: callerKey.SecretAccessKey! }).send(
    new AssumeRoleCommand({
      RoleArn: arn('role/fuzz/fuzz-role'),
      RoleSessionName: 'fuzz-session',
      Tags: TEAM,
      Policy: policy({ Effect: 'Allow', Action: ['iam:*', 'sts:*'], Resource: '*' }),
    }),
  );
  const session = assumed.Credentials!;

  const samlAttributes = {
    'https://aws.amazon.com/SAML/Attributes/Role': [`${arn('role/fuzz/fuzz-role')},${arn('saml-provider/fuzz-saml')}`],
    'https://aws.amazon.com/SAML/Attributes/RoleSessionName': ['alice@example.com'],
  };
  const now = new Date();
  const iss = 'https://127.0.0.1:9/fuzz';
  return {
    caller: { accessKeyId: callerKey.AccessKeyId!, secretAccessKey: callerKey.SecretAccessKey! },
    roleSession: { accessKeyId: session.AccessKeyId!, secretAccessKey: session.SecretAccessKey!, sessionToken: session.SessionToken! },
    accessKeyIds: [aliceKey.AccessKeyId!, 'AKIAFUZZNOSUCHKEY000', 'ASIAFUZZNOSUCHKEY000'],
    sshKeyIds: [ssh.SSHPublicKeyId!, 'APKAFUZZNOSUCHKEY0000'],
    signingCertificateIds: [signing.CertificateId!, 'FUZZNOSUCHCERTIFICATE0000000000'],
    serviceCredentialIds: [service.ServiceSpecificCredentialId!, 'ACCAFUZZNOSUCHCRED0000'],
    sshKeyBodies: [rsa.openSsh, rsa.ssh2, ed25519OpenSsh(), 'ssh-rsa AAAAB3NzaC1yc2E', 'ssh-rsa !!!not base64!!!', 'ssh-dss AAAA', rsa.pem],
    certificates: [LEAF_CERT, RSA_CERT, EXPIRED_CERT, SIGNER_1_CERT, '-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----', 'not a certificate'],
    privateKeys: [LEAF_KEY, RSA_KEY, '-----BEGIN RSA PRIVATE KEY-----\nAAAA\n-----END RSA PRIVATE KEY-----', 'not a key'],
    chains: [LEAF_CHAIN, LEAF_CERT, 'garbage chain'],
    samlMetadata: [metadata, idpMetadata({ validUntil: 'not-a-date' }), idpMetadata({ certificates: ['-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----'] }), `<x>${'a'.repeat(1000)}</x>`, 'z'.repeat(1000)],
    samlAssertions: [
      signedResponse({ now, attributes: samlAttributes }),
      signedResponse({ now, attributes: samlAttributes, notOnOrAfter: -60, subjectNotOnOrAfter: -60 }),
      signedResponse({ now }),
      Buffer.from('<samlp:Response>unsigned</samlp:Response>').toString('base64'),
      Buffer.from('not xml at all').toString('base64'),
      '!!!! not base64 !!!!',
    ],
    webIdentityTokens: [
      jwt({ alg: 'RS256', kid: 'k1' }, { iss: 'https://ghost.example.com', sub: 'alice', aud: 'fuzz-app', exp: Math.floor(now.getTime() / 1000) + 300 }),
      jwt({ alg: 'none' }, { iss, sub: 'alice', aud: 'fuzz-app' }, ''),
      jwt({ alg: 'HS256' }, { iss: 42, sub: ['x'], aud: { a: 1 } }),
      'a.b.c',
      'not-a-jwt',
      `${Buffer.from('{').toString('base64url')}.e30.e30`,
    ],
  };
}
