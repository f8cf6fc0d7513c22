// Calls every operation that carries a secret in its request or answer (access keys,
// passwords, MFA seeds, session credentials, service credentials, private keys, federation
// tokens) through watched SDK clients, so a SecretLedger holds every secret value involved.

import { randomBytes } from 'node:crypto';
import {
  ChangePasswordCommand,
  CreateAccessKeyCommand,
  CreateLoginProfileCommand,
  CreateOpenIDConnectProviderCommand,
  CreateRoleCommand,
  CreateSAMLProviderCommand,
  CreateServiceSpecificCredentialCommand,
  CreateUserCommand,
  CreateVirtualMFADeviceCommand,
  EnableMFADeviceCommand,
  EnableOutboundWebIdentityFederationCommand,
  GenerateCredentialReportCommand,
  GetAccountAuthorizationDetailsCommand,
  GetCredentialReportCommand,
  GetLoginProfileCommand,
  GetSAMLProviderCommand,
  GetServerCertificateCommand,
  GetUserCommand,
  type IAMClient,
  ListAccessKeysCommand,
  ListMFADevicesCommand,
  ListServerCertificatesCommand,
  ListServiceSpecificCredentialsCommand,
  ListUsersCommand,
  ListVirtualMFADevicesCommand,
  PutUserPolicyCommand,
  ResetServiceSpecificCredentialCommand,
  UpdateLoginProfileCommand,
  UpdateSAMLProviderCommand,
  UploadServerCertificateCommand,
} from '@aws-sdk/client-iam';
import {
  AssumeRoleCommand,
  AssumeRoleWithSAMLCommand,
  AssumeRoleWithWebIdentityCommand,
  AssumeRootCommand,
  GetDelegatedAccessTokenCommand,
  GetFederationTokenCommand,
  GetSessionTokenCommand,
  GetWebIdentityTokenCommand,
  STSClient,
} from '@aws-sdk/client-sts';
import { expect } from 'vitest';
import { currentTotp, TOTP_PERIOD_SECONDS } from '../../../src/auth/mfa/totp.js';
import { certificateThumbprint } from '../../../src/auth/oidc/index.js';
import { FIXTURE_CERT, startTestIssuer } from '../../../src/auth/oidc/test-issuer.case.js';
import { idpMetadata, OTHER_KEY, signedResponse } from '../../../src/auth/saml/saml-test-idp.case.js';
import { LEAF_CERT, LEAF_KEY } from '../../../src/services/iam/certificates/fixtures.case.js';
import { ACCOUNT_ID } from '../../support/server.js';
import { secretCarryingOperations, type SecretLedger } from './secret-values.js';
import type { Credentials } from '../../support/signed-request.js';

/** A running Keyward: the shared harness's server and a PostgreSQL node both fit. */
export interface SecretTarget {
  readonly url: string;
  iam(credentials?: Credentials): IAMClient;
  sts(credentials?: Credentials): STSClient;
}

const arn = (resource: string): string => `arn:aws:iam::${ACCOUNT_ID}:${resource}`;
const doc = (...statements: object[]): string => JSON.stringify({ Version: '2012-10-17', Statement: statements });
const unique = (): string => randomBytes(9).toString('base64url');
/** A password any password policy of the scenario accepts, different each time. */
const password = (): string => `Pw-${unique()}-aA1!`;

function keysOf(c: { AccessKeyId?: string; SecretAccessKey?: string; SessionToken?: string } | undefined): Credentials {
  return { accessKeyId: c!.AccessKeyId!, secretAccessKey: c!.SecretAccessKey!, ...(c?.SessionToken !== undefined && { sessionToken: c.SessionToken }) };
}

/** A refusal the service models (a 4xx with an AWS code), never a failure of the server. */
async function refused(call: Promise<unknown>): Promise<void> {
  const error: unknown = await call.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (error === undefined) return;
  expect(error).toMatchObject({ $metadata: { httpStatusCode: expect.any(Number) } });
  const status = (error as { $metadata: { httpStatusCode: number } }).$metadata.httpStatusCode;
  expect(status, String(error)).toBeGreaterThanOrEqual(400);
  expect(status, String(error)).toBeLessThan(500);
}

/** Waits out the last seconds of a TOTP period, so two consecutive codes stay current while sent. */
async function freshTotpPeriod(): Promise<number> {
  const period = TOTP_PERIOD_SECONDS * 1000;
  if (Date.now() % period > period - 3000) await new Promise((resolve) => setTimeout(resolve, 3500));
  return Math.floor(Date.now() / period);
}

/**
 * Runs every secret-carrying operation once (the refused ones too) with names suffixed by
 * `tag`, so it can run more than once against one server.
 */
export async function exerciseSecretOperations(target: SecretTarget, ledger: SecretLedger, tag: string): Promise<void> {
  const iam = ledger.watchIam(target.iam());
  const user = `secret-holder-${tag}`;
  await iam.send(new CreateUserCommand({ UserName: user }));
  const allowed = ['iam:ChangePassword', 'iam:GetUser', 'sts:GetFederationToken', 'sts:AssumeRole', 'sts:GetWebIdentityToken', 'sts:GetDelegatedAccessToken', 'sts:AssumeRoot'];
  await iam.send(new PutUserPolicyCommand({ UserName: user, PolicyName: 'self', PolicyDocument: doc({ Effect: 'Allow', Action: allowed, Resource: '*' }) }));
  const key = keysOf((await iam.send(new CreateAccessKeyCommand({ UserName: user }))).AccessKey);
  const asUser = { iam: ledger.watchIam(target.iam(key)), sts: ledger.watchSts(target.sts(key)) };

  // Passwords: set, replaced by an administrator, changed by the user.
  await iam.send(new CreateLoginProfileCommand({ UserName: user, Password: password() }));
  const current = password();
  await iam.send(new UpdateLoginProfileCommand({ UserName: user, Password: current }));
  await asUser.iam.send(new ChangePasswordCommand({ OldPassword: current, NewPassword: password() }));

  // A virtual MFA device: its seed (Base32 and QR code) comes back once, and enables it.
  const device = (await iam.send(new CreateVirtualMFADeviceCommand({ VirtualMFADeviceName: `secret-mfa-${tag}` }))).VirtualMFADevice!;
  const seed = Buffer.from(device.Base32StringSeed!).toString('ascii');
  const step = await freshTotpPeriod();
  const code = (s: number): string => currentTotp(seed, new Date(s * TOTP_PERIOD_SECONDS * 1000));
  await iam.send(new EnableMFADeviceCommand({ UserName: user, SerialNumber: device.SerialNumber!, AuthenticationCode1: code(step - 1), AuthenticationCode2: code(step) }));
  await iam.send(new ListVirtualMFADevicesCommand({}));

  // Session credentials from every STS door.
  await asUser.sts.send(new GetSessionTokenCommand({}));
  await asUser.sts.send(new GetFederationTokenCommand({ Name: `fed-${tag}`.slice(0, 32), Policy: doc({ Effect: 'Allow', Action: 'iam:GetUser', Resource: '*' }) }));
  await iam.send(new CreateRoleCommand({ RoleName: `secret-role-${tag}`, AssumeRolePolicyDocument: doc({ Effect: 'Allow', Principal: { AWS: arn(`user/${user}`) }, Action: 'sts:AssumeRole' }) }));
  await asUser.sts.send(new AssumeRoleCommand({ RoleArn: arn(`role/secret-role-${tag}`), RoleSessionName: 'secret-session' }));
  await refused(asUser.sts.send(new AssumeRootCommand({ TargetPrincipal: '444455556666', TaskPolicyArn: { arn: 'arn:aws:iam::aws:policy/root-task/IAMAuditRootUserCredentials' } })));
  await refused(asUser.sts.send(new GetDelegatedAccessTokenCommand({ TradeInToken: `trade-in-${unique()}${unique()}` })));

  // Federation: a SAML assertion and an OIDC token, each exchanged for a session unsigned.
  const anonymous = ledger.watchSts(new STSClient({ endpoint: target.url, region: 'us-east-1', maxAttempts: 1 }));
  const samlProvider = arn(`saml-provider/SecretIdP-${tag}`);
  await iam.send(new CreateSAMLProviderCommand({ Name: `SecretIdP-${tag}`, SAMLMetadataDocument: idpMetadata() }));
  await iam.send(new CreateRoleCommand({ RoleName: `secret-saml-${tag}`, AssumeRolePolicyDocument: doc({ Effect: 'Allow', Principal: { Federated: samlProvider }, Action: 'sts:AssumeRoleWithSAML' }) }));
  const assertion = signedResponse({
    now: new Date(),
    assertionId: `_${unique()}`,
    attributes: {
      'https://aws.amazon.com/SAML/Attributes/Role': [`${arn(`role/secret-saml-${tag}`)},${samlProvider}`],
      'https://aws.amazon.com/SAML/Attributes/RoleSessionName': ['alice@example.com'],
    },
  });
  await anonymous.send(new AssumeRoleWithSAMLCommand({ RoleArn: arn(`role/secret-saml-${tag}`), PrincipalArn: samlProvider, SAMLAssertion: assertion }));
  // Keyward decrypts no assertions: a private key for it is refused, and must not be kept either.
  await refused(iam.send(new CreateSAMLProviderCommand({ Name: `SecretEnc-${tag}`, SAMLMetadataDocument: idpMetadata(), AddPrivateKey: OTHER_KEY })));
  await refused(iam.send(new UpdateSAMLProviderCommand({ SAMLProviderArn: samlProvider, AddPrivateKey: OTHER_KEY })));

  const issuer = await startTestIssuer({ tls: true });
  try {
    const provider = await iam.send(new CreateOpenIDConnectProviderCommand({ Url: issuer.issuer, ClientIDList: ['keyward-app'], ThumbprintList: [certificateThumbprint(FIXTURE_CERT)] }));
    const trust = { Effect: 'Allow', Principal: { Federated: provider.OpenIDConnectProviderArn }, Action: 'sts:AssumeRoleWithWebIdentity' };
    await iam.send(new CreateRoleCommand({ RoleName: `secret-web-${tag}`, AssumeRolePolicyDocument: doc(trust) }));
    const now = Math.floor(Date.now() / 1000);
    const token = await issuer.sign({ sub: 'alice', aud: 'keyward-app', iat: now, exp: now + 600 });
    await anonymous.send(new AssumeRoleWithWebIdentityCommand({ RoleArn: arn(`role/secret-web-${tag}`), RoleSessionName: 'alice', WebIdentityToken: token }));
  } finally {
    await issuer.close();
  }
  // Refused when a previous run enabled it already.
  await refused(iam.send(new EnableOutboundWebIdentityFederationCommand({})));
  await asUser.sts.send(new GetWebIdentityTokenCommand({ Audience: ['https://api.example.com'], SigningAlgorithm: 'ES384' }));

  // Service-specific credentials: a password on creation and on reset.
  const created = await iam.send(new CreateServiceSpecificCredentialCommand({ UserName: user, ServiceName: 'codecommit.amazonaws.com' }));
  await iam.send(
    new ResetServiceSpecificCredentialCommand({ UserName: user, ServiceSpecificCredentialId: created.ServiceSpecificCredential!.ServiceSpecificCredentialId! }),
  );

  // A server certificate's private key goes in and never comes out.
  await iam.send(new UploadServerCertificateCommand({ ServerCertificateName: `secret-cert-${tag}`, CertificateBody: LEAF_CERT, PrivateKey: LEAF_KEY }));
}

/**
 * Fails unless the scenario called every operation the models mark as carrying a secret (so a
 * new one must be added here) and collected secrets from each, but for the two that carry none:
 * AssumeRoot is refused (no organization) and a list never returns an MFA seed.
 */
export function expectEveryCarrierSeen(ledger: SecretLedger): void {
  const carriers = secretCarryingOperations().map((c) => `${c.service}:${c.action}`);
  expect(carriers.filter((op) => !ledger.exercised.has(op))).toEqual([]);
  expect(carriers.filter((op) => ledger.labelsFor(op).length === 0)).toEqual(['iam:ListVirtualMFADevices', 'sts:AssumeRoot']);
}

/** Serializes an SDK answer, blobs (the credential report's CSV) as text and base64. */
function answerBytes(value: unknown): Buffer {
  return Buffer.from(
    JSON.stringify(value, (_key, v: unknown) => (v instanceof Uint8Array ? `${Buffer.from(v).toString('utf8')} ${Buffer.from(v).toString('base64')}` : v)),
  );
}

/** Every read and list answer about what the scenario made (tagged `tag`), as bytes to search. */
export async function readEverything(target: SecretTarget, tag: string): Promise<Buffer> {
  const iam = target.iam();
  const user = `secret-holder-${tag}`;
  await iam.send(new GenerateCredentialReportCommand({}));
  const answers: unknown[] = [
    await iam.send(new GetUserCommand({ UserName: user })),
    await iam.send(new ListUsersCommand({})),
    await iam.send(new ListAccessKeysCommand({ UserName: user })),
    await iam.send(new GetLoginProfileCommand({ UserName: user })),
    await iam.send(new ListMFADevicesCommand({ UserName: user })),
    await iam.send(new ListVirtualMFADevicesCommand({})),
    await iam.send(new ListServiceSpecificCredentialsCommand({ UserName: user })),
    await iam.send(new GetServerCertificateCommand({ ServerCertificateName: `secret-cert-${tag}` })),
    await iam.send(new ListServerCertificatesCommand({})),
    await iam.send(new GetSAMLProviderCommand({ SAMLProviderArn: arn(`saml-provider/SecretIdP-${tag}`) })),
    await iam.send(new GetAccountAuthorizationDetailsCommand({})),
    await iam.send(new GetCredentialReportCommand({})),
  ];
  return Buffer.concat(answers.map(answerBytes));
}
