// A minimal valid input for every implemented IAM and STS operation, keyed `service:Action`,
// for the registry-driven SDK test; most aim at the entities `createRegistryWorld` makes. An
// operation added to the registry without an entry here fails that test.

import {
  CreateAccessKeyCommand,
  CreateGroupCommand,
  CreateInstanceProfileCommand,
  CreateLoginProfileCommand,
  CreateOpenIDConnectProviderCommand,
  CreatePolicyCommand,
  CreateRoleCommand,
  CreateSAMLProviderCommand,
  CreateServiceSpecificCredentialCommand,
  CreateUserCommand,
  CreateVirtualMFADeviceCommand,
  UploadServerCertificateCommand,
  UploadSigningCertificateCommand,
  UploadSSHPublicKeyCommand,
} from '@aws-sdk/client-iam';
import { idpMetadata } from '../../../src/auth/saml/saml-test-idp.case.js';
import { LEAF_CERT, LEAF_KEY, SIGNER_1_CERT } from '../../../src/services/iam/certificates/fixtures.case.js';
import { rsaPublicKey } from '../../support/credential-fixtures.js';
import { ACCOUNT_ID, type TestServer } from '../../support/server.js';

const arn = (resource: string): string => `arn:aws:iam::${ACCOUNT_ID}:${resource}`;
const doc = (statement: object): string => JSON.stringify({ Version: '2012-10-17', Statement: [statement] });

const USER = 'reg-user';
const GROUP = 'reg-group';
const ROLE = 'reg-role';
const PROFILE = 'reg-profile';
const CERT = 'reg-cert';
const POLICY = arn('policy/reg-policy');
const OIDC = arn('oidc-provider/reg.example.com');
const SAML = arn('saml-provider/reg-saml');
const MFA = arn('mfa/reg-mfa');
const ALLOW = doc({ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' });
const TRUST = doc({ Effect: 'Allow', Principal: { AWS: arn('root') }, Action: 'sts:AssumeRole' });
const TAGS = [{ Key: 'reg', Value: 'yes' }];
/** A job id no job has: the answer is NoSuchEntity. */
const NO_JOB = '00000000-0000-0000-0000-000000000000';
/** A delegation request id no request has. */
const NO_DELEGATION = 'reg-delegation-request-0000';

/** Ids only known once the world exists. */
export interface RegistryWorld {
  readonly accessKeyId: string;
  readonly sshKeyId: string;
  readonly signingCertificateId: string;
  readonly serviceCredentialId: string;
  /** Another SSH public key, for UploadSSHPublicKey. */
  readonly sshPublicKey: string;
}

export async function createRegistryWorld(t: TestServer): Promise<RegistryWorld> {
  const iam = t.iam();
  await iam.send(new CreateUserCommand({ UserName: USER }));
  const key = await iam.send(new CreateAccessKeyCommand({ UserName: USER }));
  await iam.send(new CreateLoginProfileCommand({ UserName: USER, Password: 'Reg-Password-123456!' }));
  await iam.send(new CreateGroupCommand({ GroupName: GROUP }));
  await iam.send(new CreateRoleCommand({ RoleName: ROLE, AssumeRolePolicyDocument: TRUST }));
  await iam.send(new CreatePolicyCommand({ PolicyName: 'reg-policy', PolicyDocument: ALLOW }));
  await iam.send(new CreateInstanceProfileCommand({ InstanceProfileName: PROFILE }));
  await iam.send(new CreateOpenIDConnectProviderCommand({ Url: 'https://reg.example.com', ClientIDList: ['reg'], ThumbprintList: ['9e99a48a9960b14926bb7f3b02e22da2b0ab7280'] }));
  await iam.send(new CreateSAMLProviderCommand({ Name: 'reg-saml', SAMLMetadataDocument: idpMetadata() }));
  await iam.send(new UploadServerCertificateCommand({ ServerCertificateName: CERT, CertificateBody: LEAF_CERT, PrivateKey: LEAF_KEY }));
  await iam.send(new CreateVirtualMFADeviceCommand({ VirtualMFADeviceName: 'reg-mfa' }));
  const ssh = await iam.send(new UploadSSHPublicKeyCommand({ UserName: USER, SSHPublicKeyBody: (await rsaPublicKey()).openSsh }));
  const signing = await iam.send(new UploadSigningCertificateCommand({ UserName: USER, CertificateBody: SIGNER_1_CERT }));
  const credential = await iam.send(new CreateServiceSpecificCredentialCommand({ UserName: USER, ServiceName: 'codecommit.amazonaws.com' }));
  return {
    accessKeyId: key.AccessKey!.AccessKeyId!,
    sshKeyId: ssh.SSHPublicKey!.SSHPublicKeyId!,
    signingCertificateId: signing.Certificate!.CertificateId!,
    serviceCredentialId: credential.ServiceSpecificCredential!.ServiceSpecificCredentialId!,
    sshPublicKey: (await rsaPublicKey()).openSsh,
  };
}

type Input = (w: RegistryWorld) => object;
const fixed = (input: object): Input => () => input;
const none = fixed({});

export const REGISTRY_INPUTS: Readonly<Record<string, Input>> = {
  'iam:AcceptDelegationRequest': fixed({ DelegationRequestId: NO_DELEGATION }),
  'iam:AddClientIDToOpenIDConnectProvider': fixed({ OpenIDConnectProviderArn: OIDC, ClientID: 'reg-2' }),
  'iam:AddRoleToInstanceProfile': fixed({ InstanceProfileName: PROFILE, RoleName: ROLE }),
  'iam:AddUserToGroup': fixed({ GroupName: GROUP, UserName: USER }),
  'iam:AssociateDelegationRequest': fixed({ DelegationRequestId: NO_DELEGATION }),
  'iam:AttachGroupPolicy': fixed({ GroupName: GROUP, PolicyArn: POLICY }),
  'iam:AttachRolePolicy': fixed({ RoleName: ROLE, PolicyArn: POLICY }),
  'iam:AttachUserPolicy': fixed({ UserName: USER, PolicyArn: POLICY }),
  // The root user has no password to change: refused as AWS refuses it.
  'iam:ChangePassword': fixed({ OldPassword: 'Reg-Password-123456!', NewPassword: 'Reg-Password-654321!' }),
  'iam:CreateAccessKey': fixed({ UserName: USER }),
  'iam:CreateAccountAlias': fixed({ AccountAlias: 'reg-alias' }),
  'iam:CreateDelegationRequest': fixed({
    Description: 'reg',
    Permissions: { PolicyTemplateArn: 'arn:aws:iam::aws:policy/ReadOnlyAccess' },
    RequestorWorkflowId: 'reg-workflow',
    NotificationChannel: 'arn:aws:sns:us-east-1:111122223333:reg',
    SessionDuration: 3600,
  }),
  'iam:CreateGroup': fixed({ GroupName: 'reg-group-2' }),
  'iam:CreateInstanceProfile': fixed({ InstanceProfileName: 'reg-profile-2' }),
  'iam:CreateLoginProfile': fixed({ UserName: 'reg-user-2', Password: 'Reg-Password-123456!' }),
  'iam:CreateOpenIDConnectProvider': fixed({ Url: 'https://reg2.example.com', ThumbprintList: ['9e99a48a9960b14926bb7f3b02e22da2b0ab7280'] }),
  'iam:CreatePolicy': fixed({ PolicyName: 'reg-policy-2', PolicyDocument: ALLOW }),
  'iam:CreatePolicyVersion': fixed({ PolicyArn: POLICY, PolicyDocument: ALLOW }),
  'iam:CreateRole': fixed({ RoleName: 'reg-role-2', AssumeRolePolicyDocument: TRUST }),
  'iam:CreateSAMLProvider': fixed({ Name: 'reg-saml-2', SAMLMetadataDocument: idpMetadata() }),
  'iam:CreateServiceLinkedRole': fixed({ AWSServiceName: 'elasticbeanstalk.amazonaws.com' }),
  'iam:CreateServiceSpecificCredential': fixed({ UserName: USER, ServiceName: 'cassandra.amazonaws.com' }),
  'iam:CreateUser': fixed({ UserName: 'reg-user-2' }),
  'iam:CreateVirtualMFADevice': fixed({ VirtualMFADeviceName: 'reg-mfa-2' }),
  'iam:DeactivateMFADevice': fixed({ UserName: USER, SerialNumber: MFA }),
  'iam:DeleteAccessKey': (w) => ({ UserName: USER, AccessKeyId: w.accessKeyId }),
  'iam:DeleteAccountAlias': fixed({ AccountAlias: 'reg-alias' }),
  'iam:DeleteAccountPasswordPolicy': none,
  'iam:DeleteGroup': fixed({ GroupName: 'reg-group-2' }),
  'iam:DeleteGroupPolicy': fixed({ GroupName: GROUP, PolicyName: 'inline' }),
  'iam:DeleteInstanceProfile': fixed({ InstanceProfileName: 'reg-profile-2' }),
  'iam:DeleteLoginProfile': fixed({ UserName: 'reg-user-2' }),
  'iam:DeleteOpenIDConnectProvider': fixed({ OpenIDConnectProviderArn: arn('oidc-provider/reg2.example.com') }),
  'iam:DeletePolicy': fixed({ PolicyArn: arn('policy/reg-policy-2') }),
  'iam:DeletePolicyVersion': fixed({ PolicyArn: POLICY, VersionId: 'v2' }),
  'iam:DeleteRole': fixed({ RoleName: 'reg-role-2' }),
  'iam:DeleteRolePermissionsBoundary': fixed({ RoleName: ROLE }),
  'iam:DeleteRolePolicy': fixed({ RoleName: ROLE, PolicyName: 'inline' }),
  'iam:DeleteSAMLProvider': fixed({ SAMLProviderArn: arn('saml-provider/reg-saml-2') }),
  'iam:DeleteSSHPublicKey': (w) => ({ UserName: USER, SSHPublicKeyId: w.sshKeyId }),
  'iam:DeleteServerCertificate': fixed({ ServerCertificateName: CERT }),
  'iam:DeleteServiceLinkedRole': fixed({ RoleName: 'AWSServiceRoleForElasticBeanstalk' }),
  'iam:DeleteServiceSpecificCredential': (w) => ({ UserName: USER, ServiceSpecificCredentialId: w.serviceCredentialId }),
  'iam:DeleteSigningCertificate': (w) => ({ UserName: USER, CertificateId: w.signingCertificateId }),
  'iam:DeleteUser': fixed({ UserName: 'reg-user-2' }),
  'iam:DeleteUserPermissionsBoundary': fixed({ UserName: USER }),
  'iam:DeleteUserPolicy': fixed({ UserName: USER, PolicyName: 'inline' }),
  'iam:DeleteVirtualMFADevice': fixed({ SerialNumber: arn('mfa/reg-mfa-2') }),
  'iam:DetachGroupPolicy': fixed({ GroupName: GROUP, PolicyArn: POLICY }),
  'iam:DetachRolePolicy': fixed({ RoleName: ROLE, PolicyArn: POLICY }),
  'iam:DetachUserPolicy': fixed({ UserName: USER, PolicyArn: POLICY }),
  'iam:DisableOrganizationsRootCredentialsManagement': none,
  'iam:DisableOrganizationsRootSessions': none,
  'iam:DisableOutboundWebIdentityFederation': none,
  // Codes that are not the device's: refused with InvalidAuthenticationCode.
  'iam:EnableMFADevice': fixed({ UserName: USER, SerialNumber: MFA, AuthenticationCode1: '000000', AuthenticationCode2: '000001' }),
  'iam:EnableOrganizationsRootCredentialsManagement': none,
  'iam:EnableOrganizationsRootSessions': none,
  'iam:EnableOutboundWebIdentityFederation': none,
  'iam:GenerateCredentialReport': none,
  'iam:GenerateOrganizationsAccessReport': fixed({ EntityPath: 'o-a1b2c3d4e5/r-ab12' }),
  'iam:GenerateServiceLastAccessedDetails': fixed({ Arn: arn(`user/${USER}`) }),
  'iam:GetAccessKeyLastUsed': (w) => ({ AccessKeyId: w.accessKeyId }),
  'iam:GetAccountAuthorizationDetails': fixed({ Filter: ['User'] }),
  'iam:GetAccountPasswordPolicy': none,
  'iam:GetAccountSummary': none,
  'iam:GetContextKeysForCustomPolicy': fixed({ PolicyInputList: [ALLOW] }),
  'iam:GetContextKeysForPrincipalPolicy': fixed({ PolicySourceArn: arn(`user/${USER}`) }),
  'iam:GetCredentialReport': none,
  'iam:GetDelegationRequest': fixed({ DelegationRequestId: NO_DELEGATION }),
  'iam:GetGroup': fixed({ GroupName: GROUP }),
  'iam:GetGroupPolicy': fixed({ GroupName: GROUP, PolicyName: 'inline' }),
  'iam:GetHumanReadableSummary': fixed({ EntityArn: POLICY }),
  'iam:GetInstanceProfile': fixed({ InstanceProfileName: PROFILE }),
  'iam:GetLoginProfile': fixed({ UserName: USER }),
  'iam:GetMFADevice': fixed({ SerialNumber: MFA }),
  'iam:GetOpenIDConnectProvider': fixed({ OpenIDConnectProviderArn: OIDC }),
  'iam:GetOrganizationsAccessReport': fixed({ JobId: NO_JOB }),
  'iam:GetOutboundWebIdentityFederationInfo': none,
  'iam:GetPolicy': fixed({ PolicyArn: POLICY }),
  'iam:GetPolicyVersion': fixed({ PolicyArn: POLICY, VersionId: 'v1' }),
  'iam:GetRole': fixed({ RoleName: ROLE }),
  'iam:GetRolePolicy': fixed({ RoleName: ROLE, PolicyName: 'inline' }),
  'iam:GetSAMLProvider': fixed({ SAMLProviderArn: SAML }),
  'iam:GetSSHPublicKey': (w) => ({ UserName: USER, SSHPublicKeyId: w.sshKeyId, Encoding: 'SSH' }),
  'iam:GetServerCertificate': fixed({ ServerCertificateName: CERT }),
  'iam:GetServiceLastAccessedDetails': fixed({ JobId: NO_JOB }),
  'iam:GetServiceLastAccessedDetailsWithEntities': fixed({ JobId: NO_JOB, ServiceNamespace: 'iam' }),
  'iam:GetServiceLinkedRoleDeletionStatus': fixed({ DeletionTaskId: `task/aws-service-role/elasticbeanstalk.amazonaws.com/AWSServiceRoleForElasticBeanstalk/${NO_JOB}` }),
  'iam:GetUser': fixed({ UserName: USER }),
  'iam:GetUserPolicy': fixed({ UserName: USER, PolicyName: 'inline' }),
  'iam:ListAccessKeys': fixed({ UserName: USER }),
  'iam:ListAccountAliases': none,
  'iam:ListAttachedGroupPolicies': fixed({ GroupName: GROUP }),
  'iam:ListAttachedRolePolicies': fixed({ RoleName: ROLE }),
  'iam:ListAttachedUserPolicies': fixed({ UserName: USER }),
  'iam:ListDelegationRequests': none,
  'iam:ListEntitiesForPolicy': fixed({ PolicyArn: POLICY }),
  'iam:ListGroupPolicies': fixed({ GroupName: GROUP }),
  'iam:ListGroups': none,
  'iam:ListGroupsForUser': fixed({ UserName: USER }),
  'iam:ListInstanceProfileTags': fixed({ InstanceProfileName: PROFILE }),
  'iam:ListInstanceProfiles': none,
  'iam:ListInstanceProfilesForRole': fixed({ RoleName: ROLE }),
  'iam:ListMFADeviceTags': fixed({ SerialNumber: MFA }),
  'iam:ListMFADevices': fixed({ UserName: USER }),
  'iam:ListOpenIDConnectProviderTags': fixed({ OpenIDConnectProviderArn: OIDC }),
  'iam:ListOpenIDConnectProviders': none,
  'iam:ListOrganizationsFeatures': none,
  'iam:ListPolicies': fixed({ Scope: 'Local' }),
  'iam:ListPoliciesGrantingServiceAccess': fixed({ Arn: arn(`user/${USER}`), ServiceNamespaces: ['s3'] }),
  'iam:ListPolicyTags': fixed({ PolicyArn: POLICY }),
  'iam:ListPolicyVersions': fixed({ PolicyArn: POLICY }),
  'iam:ListRolePolicies': fixed({ RoleName: ROLE }),
  'iam:ListRoleTags': fixed({ RoleName: ROLE }),
  'iam:ListRoles': none,
  'iam:ListSAMLProviderTags': fixed({ SAMLProviderArn: SAML }),
  'iam:ListSAMLProviders': none,
  'iam:ListSSHPublicKeys': fixed({ UserName: USER }),
  'iam:ListServerCertificateTags': fixed({ ServerCertificateName: CERT }),
  'iam:ListServerCertificates': none,
  'iam:ListServiceSpecificCredentials': fixed({ UserName: USER }),
  'iam:ListSigningCertificates': fixed({ UserName: USER }),
  'iam:ListUserPolicies': fixed({ UserName: USER }),
  'iam:ListUserTags': fixed({ UserName: USER }),
  'iam:ListUsers': none,
  'iam:ListVirtualMFADevices': none,
  'iam:PutGroupPolicy': fixed({ GroupName: GROUP, PolicyName: 'inline', PolicyDocument: ALLOW }),
  'iam:PutRolePermissionsBoundary': fixed({ RoleName: ROLE, PermissionsBoundary: POLICY }),
  'iam:PutRolePolicy': fixed({ RoleName: ROLE, PolicyName: 'inline', PolicyDocument: ALLOW }),
  'iam:PutUserPermissionsBoundary': fixed({ UserName: USER, PermissionsBoundary: POLICY }),
  'iam:PutUserPolicy': fixed({ UserName: USER, PolicyName: 'inline', PolicyDocument: ALLOW }),
  'iam:RejectDelegationRequest': fixed({ DelegationRequestId: NO_DELEGATION }),
  'iam:RemoveClientIDFromOpenIDConnectProvider': fixed({ OpenIDConnectProviderArn: OIDC, ClientID: 'reg-2' }),
  'iam:RemoveRoleFromInstanceProfile': fixed({ InstanceProfileName: PROFILE, RoleName: ROLE }),
  'iam:RemoveUserFromGroup': fixed({ GroupName: GROUP, UserName: USER }),
  'iam:ResetServiceSpecificCredential': (w) => ({ UserName: USER, ServiceSpecificCredentialId: w.serviceCredentialId }),
  'iam:ResyncMFADevice': fixed({ UserName: USER, SerialNumber: MFA, AuthenticationCode1: '000000', AuthenticationCode2: '000001' }),
  'iam:SendDelegationToken': fixed({ DelegationRequestId: NO_DELEGATION }),
  'iam:SetDefaultPolicyVersion': fixed({ PolicyArn: POLICY, VersionId: 'v1' }),
  'iam:SetSecurityTokenServicePreferences': fixed({ GlobalEndpointTokenVersion: 'v2Token' }),
  'iam:SimulateCustomPolicy': fixed({ PolicyInputList: [ALLOW], ActionNames: ['s3:GetObject'] }),
  'iam:SimulatePrincipalPolicy': fixed({ PolicySourceArn: arn(`user/${USER}`), ActionNames: ['s3:GetObject'] }),
  'iam:TagInstanceProfile': fixed({ InstanceProfileName: PROFILE, Tags: TAGS }),
  'iam:TagMFADevice': fixed({ SerialNumber: MFA, Tags: TAGS }),
  'iam:TagOpenIDConnectProvider': fixed({ OpenIDConnectProviderArn: OIDC, Tags: TAGS }),
  'iam:TagPolicy': fixed({ PolicyArn: POLICY, Tags: TAGS }),
  'iam:TagRole': fixed({ RoleName: ROLE, Tags: TAGS }),
  'iam:TagSAMLProvider': fixed({ SAMLProviderArn: SAML, Tags: TAGS }),
  'iam:TagServerCertificate': fixed({ ServerCertificateName: CERT, Tags: TAGS }),
  'iam:TagUser': fixed({ UserName: USER, Tags: TAGS }),
  'iam:UntagInstanceProfile': fixed({ InstanceProfileName: PROFILE, TagKeys: ['reg'] }),
  'iam:UntagMFADevice': fixed({ SerialNumber: MFA, TagKeys: ['reg'] }),
  'iam:UntagOpenIDConnectProvider': fixed({ OpenIDConnectProviderArn: OIDC, TagKeys: ['reg'] }),
  'iam:UntagPolicy': fixed({ PolicyArn: POLICY, TagKeys: ['reg'] }),
  'iam:UntagRole': fixed({ RoleName: ROLE, TagKeys: ['reg'] }),
  'iam:UntagSAMLProvider': fixed({ SAMLProviderArn: SAML, TagKeys: ['reg'] }),
  'iam:UntagServerCertificate': fixed({ ServerCertificateName: CERT, TagKeys: ['reg'] }),
  'iam:UntagUser': fixed({ UserName: USER, TagKeys: ['reg'] }),
  'iam:UpdateAccessKey': (w) => ({ UserName: USER, AccessKeyId: w.accessKeyId, Status: 'Active' }),
  'iam:UpdateAccountPasswordPolicy': fixed({ MinimumPasswordLength: 12 }),
  'iam:UpdateAssumeRolePolicy': fixed({ RoleName: ROLE, PolicyDocument: TRUST }),
  'iam:UpdateDelegationRequest': fixed({ DelegationRequestId: NO_DELEGATION }),
  'iam:UpdateGroup': fixed({ GroupName: GROUP, NewPath: '/reg/' }),
  'iam:UpdateLoginProfile': fixed({ UserName: USER, PasswordResetRequired: true }),
  'iam:UpdateOpenIDConnectProviderThumbprint': fixed({ OpenIDConnectProviderArn: OIDC, ThumbprintList: ['9e99a48a9960b14926bb7f3b02e22da2b0ab7280'] }),
  'iam:UpdateRole': fixed({ RoleName: ROLE, Description: 'reg' }),
  'iam:UpdateRoleDescription': fixed({ RoleName: ROLE, Description: 'reg again' }),
  'iam:UpdateSAMLProvider': fixed({ SAMLProviderArn: SAML, SAMLMetadataDocument: idpMetadata() }),
  'iam:UpdateSSHPublicKey': (w) => ({ UserName: USER, SSHPublicKeyId: w.sshKeyId, Status: 'Inactive' }),
  'iam:UpdateServerCertificate': fixed({ ServerCertificateName: CERT, NewPath: '/reg/' }),
  'iam:UpdateServiceSpecificCredential': (w) => ({ UserName: USER, ServiceSpecificCredentialId: w.serviceCredentialId, Status: 'Inactive' }),
  'iam:UpdateSigningCertificate': (w) => ({ UserName: USER, CertificateId: w.signingCertificateId, Status: 'Inactive' }),
  'iam:UpdateUser': fixed({ UserName: USER, NewPath: '/reg/' }),
  'iam:UploadSSHPublicKey': (w) => ({ UserName: USER, SSHPublicKeyBody: w.sshPublicKey }),
  'iam:UploadServerCertificate': fixed({ ServerCertificateName: 'reg-cert-2', CertificateBody: LEAF_CERT, PrivateKey: LEAF_KEY }),
  'iam:UploadSigningCertificate': fixed({ UserName: 'reg-user-2', CertificateBody: SIGNER_1_CERT }),
  // The root user may not assume a role, as in AWS: refused with AccessDenied.
  'sts:AssumeRole': fixed({ RoleArn: arn(`role/${ROLE}`), RoleSessionName: 'reg' }),
  'sts:AssumeRoleWithSAML': fixed({ RoleArn: arn(`role/${ROLE}`), PrincipalArn: SAML, SAMLAssertion: Buffer.from('<not-saml/>').toString('base64') }),
  'sts:AssumeRoleWithWebIdentity': fixed({ RoleArn: arn(`role/${ROLE}`), RoleSessionName: 'reg', WebIdentityToken: 'not.a.token' }),
  'sts:AssumeRoot': fixed({ TargetPrincipal: '444455556666', TaskPolicyArn: { arn: 'arn:aws:iam::aws:policy/root-task/IAMAuditRootUserCredentials' } }),
  'sts:DecodeAuthorizationMessage': fixed({ EncodedMessage: 'not-an-encoded-message' }),
  'sts:GetAccessKeyInfo': (w) => ({ AccessKeyId: w.accessKeyId }),
  'sts:GetCallerIdentity': none,
  'sts:GetDelegatedAccessToken': fixed({ TradeInToken: 'not-a-trade-in-token' }),
  'sts:GetFederationToken': fixed({ Name: 'reg-federated' }),
  'sts:GetSessionToken': none,
  'sts:GetWebIdentityToken': fixed({ Audience: ['https://api.example.com'], SigningAlgorithm: 'ES384' }),
};
