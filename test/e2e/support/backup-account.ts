// The varied account of the backup tests, built through the SDK (every kind of entity and
// credential the store keeps), and the answers that must come back the same after an
// export and import: list and get calls with their request ids left out.
import * as iam from '@aws-sdk/client-iam';
import { currentTotp, TOTP_PERIOD_SECONDS } from '../../../src/auth/mfa/totp.js';
import { idpMetadata } from '../../../src/auth/saml/saml-test-idp.case.js';
import { LEAF_CERT, LEAF_KEY, SIGNER_1_CERT } from '../../../src/services/iam/certificates/fixtures.case.js';
import { rsaPublicKey } from '../../support/credential-fixtures.js';
import { ACCOUNT_ID } from '../../support/server.js';
import type { Credentials } from '../../support/signed-request.js';

const PERIOD_MS = TOTP_PERIOD_SECONDS * 1000;
const arn = (resource: string): string => `arn:aws:iam::${ACCOUNT_ID}:${resource}`;
const doc = (statement: object[]): string => JSON.stringify({ Version: '2012-10-17', Statement: statement });
const SHARED = arn('policy/platform/shared');

export const ALICE_PASSWORD = 'Alice-Password-123456!';

export interface BuiltAccount {
  readonly aliceKey: Credentials;
  readonly mfaSerial: string;
  readonly mfaSeed: string;
}

/** A clock for the source server set one second into a TOTP period, so two codes enable MFA. */
export function clockIntoPeriod(): number {
  const now = Date.now();
  return (Math.floor(now / PERIOD_MS) + 1) * PERIOD_MS + 1000 - now;
}

/** `offsetMs`: how far the source server's clock is ahead of the real one. */
export async function buildAccount(client: iam.IAMClient, offsetMs: number): Promise<BuiltAccount> {
  const send = (command: object): Promise<unknown> => client.send(command as never);
  await send(new iam.CreateAccountAliasCommand({ AccountAlias: 'backup-test-alias' }));
  await send(new iam.UpdateAccountPasswordPolicyCommand({ MinimumPasswordLength: 12, AllowUsersToChangePassword: true, PasswordReusePrevention: 3 }));

  await send(new iam.CreatePolicyCommand({ PolicyName: 'shared', Path: '/platform/', Description: 'three versions', PolicyDocument: doc([{ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }]), Tags: [{ Key: 'tier', Value: 'gold' }] }));
  await send(new iam.CreatePolicyVersionCommand({ PolicyArn: SHARED, PolicyDocument: doc([{ Effect: 'Allow', Action: ['s3:GetObject', 's3:PutObject'], Resource: '*' }]), SetAsDefault: true }));
  await send(new iam.CreatePolicyVersionCommand({ PolicyArn: SHARED, PolicyDocument: doc([{ Effect: 'Deny', Action: '*', Resource: '*' }]) }));

  await send(new iam.CreateUserCommand({ UserName: 'alice', Path: '/eng/', Tags: [{ Key: 'team', Value: 'Ünïcødé plätform' }] }));
  await send(new iam.CreateUserCommand({ UserName: 'bob', PermissionsBoundary: SHARED }));
  const created = (await client.send(new iam.CreateAccessKeyCommand({ UserName: 'alice' }))).AccessKey!;
  const aliceKey = { accessKeyId: created.AccessKeyId!, secretAccessKey: created.SecretAccessKey! };
  const second = (await client.send(new iam.CreateAccessKeyCommand({ UserName: 'bob' }))).AccessKey!;
  await send(new iam.UpdateAccessKeyCommand({ UserName: 'bob', AccessKeyId: second.AccessKeyId!, Status: 'Inactive' }));
  await send(new iam.CreateLoginProfileCommand({ UserName: 'alice', Password: ALICE_PASSWORD }));
  await send(new iam.PutUserPolicyCommand({ UserName: 'alice', PolicyName: 'self', PolicyDocument: doc([{ Effect: 'Allow', Action: 'iam:Get*', Resource: arn('user/eng/alice') }]) }));
  await send(new iam.AttachUserPolicyCommand({ UserName: 'alice', PolicyArn: SHARED }));
  await send(new iam.AttachUserPolicyCommand({ UserName: 'alice', PolicyArn: 'arn:aws:iam::aws:policy/ReadOnlyAccess' }));
  await send(new iam.UploadSSHPublicKeyCommand({ UserName: 'alice', SSHPublicKeyBody: (await rsaPublicKey()).openSsh }));
  await send(new iam.UploadSigningCertificateCommand({ UserName: 'alice', CertificateBody: SIGNER_1_CERT }));
  await send(new iam.CreateServiceSpecificCredentialCommand({ UserName: 'alice', ServiceName: 'codecommit.amazonaws.com' }));

  const device = (await client.send(new iam.CreateVirtualMFADeviceCommand({ VirtualMFADeviceName: 'alice-phone', Tags: [{ Key: 'kind', Value: 'phone' }] }))).VirtualMFADevice!;
  const mfaSeed = Buffer.from(device.Base32StringSeed!).toString('ascii');
  const step = Math.floor((Date.now() + offsetMs) / PERIOD_MS);
  await send(
    new iam.EnableMFADeviceCommand({
      UserName: 'alice',
      SerialNumber: device.SerialNumber!,
      AuthenticationCode1: currentTotp(mfaSeed, new Date((step - 1) * PERIOD_MS)),
      AuthenticationCode2: currentTotp(mfaSeed, new Date(step * PERIOD_MS)),
    }),
  );
  await send(new iam.CreateVirtualMFADeviceCommand({ VirtualMFADeviceName: 'spare', Path: '/spares/' }));

  await send(new iam.CreateGroupCommand({ GroupName: 'devs', Path: '/eng/' }));
  await send(new iam.AddUserToGroupCommand({ GroupName: 'devs', UserName: 'alice' }));
  await send(new iam.AddUserToGroupCommand({ GroupName: 'devs', UserName: 'bob' }));
  await send(new iam.PutGroupPolicyCommand({ GroupName: 'devs', PolicyName: 'logs', PolicyDocument: doc([{ Effect: 'Allow', Action: 'logs:*', Resource: '*' }]) }));
  await send(new iam.AttachGroupPolicyCommand({ GroupName: 'devs', PolicyArn: SHARED }));

  const trust = doc([{ Effect: 'Allow', Principal: { AWS: arn('user/eng/alice') }, Action: 'sts:AssumeRole', Condition: { Bool: { 'aws:MultiFactorAuthPresent': 'true' } } }]);
  await send(new iam.CreateRoleCommand({ RoleName: 'deployer', Path: '/ci/', AssumeRolePolicyDocument: trust, Description: 'deploys', MaxSessionDuration: 7200, Tags: [{ Key: 'env', Value: 'prod' }] }));
  await send(new iam.AttachRolePolicyCommand({ RoleName: 'deployer', PolicyArn: SHARED }));
  await send(new iam.PutRolePolicyCommand({ RoleName: 'deployer', PolicyName: 'deploy', PolicyDocument: doc([{ Effect: 'Allow', Action: 'ecs:*', Resource: '*' }]) }));
  await send(new iam.CreateInstanceProfileCommand({ InstanceProfileName: 'deployer-profile', Tags: [{ Key: 'env', Value: 'prod' }] }));
  await send(new iam.AddRoleToInstanceProfileCommand({ InstanceProfileName: 'deployer-profile', RoleName: 'deployer' }));

  await send(new iam.CreateOpenIDConnectProviderCommand({ Url: 'https://token.example.com', ClientIDList: ['sts.amazonaws.com'], ThumbprintList: ['9e99a48a9960b14926bb7f3b02e22da2b0ab7280'], Tags: [{ Key: 'idp', Value: 'oidc' }] }));
  await send(new iam.CreateSAMLProviderCommand({ Name: 'Okta', SAMLMetadataDocument: idpMetadata() }));
  await send(new iam.UploadServerCertificateCommand({ ServerCertificateName: 'web', Path: '/cloudfront/', CertificateBody: LEAF_CERT, PrivateKey: LEAF_KEY }));
  return { aliceKey, mfaSerial: device.SerialNumber!, mfaSeed };
}

function strip(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(strip);
  if (value instanceof Date) return value.toISOString();
  if (value instanceof Uint8Array) return Buffer.from(value).toString('base64');
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value).filter(([k]) => k !== '$metadata').map(([k, v]) => [k, strip(v)]));
  }
  return value;
}

/** Every page of GetAccountAuthorizationDetails, joined. */
async function authorizationDetails(client: iam.IAMClient): Promise<unknown[]> {
  const pages: unknown[] = [];
  let marker: string | undefined;
  do {
    const page = await client.send(new iam.GetAccountAuthorizationDetailsCommand({ MaxItems: 3, ...(marker !== undefined && { Marker: marker }) }));
    pages.push(strip({ ...page, Marker: undefined }));
    marker = page.IsTruncated === true ? page.Marker : undefined;
  } while (marker !== undefined);
  return pages;
}

/** What a client sees of the account; equal on two servers means the same data. */
export async function accountAnswers(client: iam.IAMClient): Promise<Record<string, unknown>> {
  const ask = async (command: object): Promise<unknown> => strip(await client.send(command as never));
  const saml = arn('saml-provider/Okta');
  return {
    details: await authorizationDetails(client),
    users: await ask(new iam.ListUsersCommand({})),
    alice: await ask(new iam.GetUserCommand({ UserName: 'alice' })),
    groups: await ask(new iam.ListGroupsCommand({})),
    devs: await ask(new iam.GetGroupCommand({ GroupName: 'devs' })),
    roles: await ask(new iam.ListRolesCommand({})),
    deployer: await ask(new iam.GetRoleCommand({ RoleName: 'deployer' })),
    policies: await ask(new iam.ListPoliciesCommand({ Scope: 'Local' })),
    awsPolicies: await ask(new iam.ListPoliciesCommand({ Scope: 'AWS', MaxItems: 20 })),
    versions: await ask(new iam.ListPolicyVersionsCommand({ PolicyArn: SHARED })),
    v3: await ask(new iam.GetPolicyVersionCommand({ PolicyArn: SHARED, VersionId: 'v3' })),
    aliceKeys: await ask(new iam.ListAccessKeysCommand({ UserName: 'alice' })),
    bobKeys: await ask(new iam.ListAccessKeysCommand({ UserName: 'bob' })),
    mfa: await ask(new iam.ListMFADevicesCommand({ UserName: 'alice' })),
    virtualMfa: await ask(new iam.ListVirtualMFADevicesCommand({})),
    ssh: await ask(new iam.ListSSHPublicKeysCommand({ UserName: 'alice' })),
    signing: await ask(new iam.ListSigningCertificatesCommand({ UserName: 'alice' })),
    serviceCredentials: await ask(new iam.ListServiceSpecificCredentialsCommand({ UserName: 'alice' })),
    loginProfile: await ask(new iam.GetLoginProfileCommand({ UserName: 'alice' })),
    oidc: await ask(new iam.ListOpenIDConnectProvidersCommand({})),
    oidcProvider: await ask(new iam.GetOpenIDConnectProviderCommand({ OpenIDConnectProviderArn: arn('oidc-provider/token.example.com') })),
    samlProviders: await ask(new iam.ListSAMLProvidersCommand({})),
    samlProvider: await ask(new iam.GetSAMLProviderCommand({ SAMLProviderArn: saml })),
    serverCertificates: await ask(new iam.ListServerCertificatesCommand({})),
    serverCertificate: await ask(new iam.GetServerCertificateCommand({ ServerCertificateName: 'web' })),
    instanceProfiles: await ask(new iam.ListInstanceProfilesCommand({})),
    aliases: await ask(new iam.ListAccountAliasesCommand({})),
    passwordPolicy: await ask(new iam.GetAccountPasswordPolicyCommand({})),
    summary: await ask(new iam.GetAccountSummaryCommand({})),
  };
}
