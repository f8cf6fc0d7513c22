// Builders for the credential, provider and certificate entities the conformance cases store,
// each with every optional field filled in unless a case clears it.
import type {
  LoginProfile,
  MfaDevice,
  ServiceSpecificCredential,
  SigningCertificate,
  SshPublicKey,
} from '../../domain/credentials.js';
import {
  newServiceSpecificCredentialId,
  newSigningCertificateId,
  newSshPublicKeyId,
  newUniqueId,
} from '../../domain/ids.js';
import type { OidcProvider, SamlProvider } from '../../domain/providers.js';
import type { ServerCertificate } from '../../domain/server-certificates.js';
import { at, T0, TAGS } from './harness.js';

export function makeLoginProfile(accountId: string, userName: string | null, extra: Partial<LoginProfile> = {}): LoginProfile {
  return {
    accountId,
    userName,
    passwordHash: `scrypt$N=16384,r=8,p=1$${newUniqueId('ANPA')}`,
    createDate: T0,
    passwordResetRequired: true,
    passwordLastChanged: at(1),
    passwordLastUsed: at(2),
    failedAttempts: 3,
    lockedUntil: at(900),
    ...extra,
  };
}

export function makeMfaDevice(accountId: string, name: string, extra: Partial<MfaDevice> = {}): MfaDevice {
  const path = extra.path ?? '/';
  return {
    accountId,
    serialNumber: `arn:aws:iam::${accountId}:mfa${path}${name}`,
    type: 'virtual',
    name,
    path,
    sealedSeed: `sealed:${newUniqueId('ANPA')}`,
    createDate: T0,
    tags: TAGS,
    ...extra,
  };
}

export function makeSigningCertificate(
  accountId: string,
  userName: string | null,
  extra: Partial<SigningCertificate> = {},
): SigningCertificate {
  return {
    accountId,
    certificateId: newSigningCertificateId(),
    userName,
    body: `-----BEGIN CERTIFICATE-----\n${newUniqueId('ANPA')}\n-----END CERTIFICATE-----\n`,
    status: 'Active',
    uploadDate: T0,
    ...extra,
  };
}

export function makeSshPublicKey(accountId: string, userName: string, extra: Partial<SshPublicKey> = {}): SshPublicKey {
  return {
    accountId,
    sshPublicKeyId: newSshPublicKeyId(),
    userName,
    body: `ssh-rsa AAAAB3NzaC1yc2E${newUniqueId('ANPA')} user@host`,
    fingerprint: 'd0:14:6c:9a:46:cb:2e:a4:2d:5b:6d:0e:8c:6e:8e:2e',
    status: 'Active',
    uploadDate: T0,
    ...extra,
  };
}

export function makeServiceCredential(
  accountId: string,
  userName: string,
  extra: Partial<ServiceSpecificCredential> = {},
): ServiceSpecificCredential {
  return {
    accountId,
    serviceSpecificCredentialId: newServiceSpecificCredentialId(),
    userName,
    serviceName: 'codecommit.amazonaws.com',
    serviceUserName: `${userName}-at-${accountId}`,
    serviceCredentialAlias: 'alias-1',
    sealedSecret: `sealed:${newUniqueId('ANPA')}`,
    status: 'Active',
    createDate: T0,
    expirationDate: at(86400),
    ...extra,
  };
}

export function makeOidcProvider(accountId: string, host: string, extra: Partial<OidcProvider> = {}): OidcProvider {
  return {
    accountId,
    arn: `arn:aws:iam::${accountId}:oidc-provider/${host}`,
    url: host,
    clientIds: ['sts.amazonaws.com', 'my-app'],
    thumbprints: ['9e99a48a9960b14926bb7f3b02e22da2b0ab7280'],
    createDate: T0,
    tags: TAGS,
    ...extra,
  };
}

export function makeSamlProvider(accountId: string, name: string, extra: Partial<SamlProvider> = {}): SamlProvider {
  return {
    accountId,
    arn: `arn:aws:iam::${accountId}:saml-provider/${name}`,
    name,
    samlProviderUuid: `a${newUniqueId('ANPA').toLowerCase()}`,
    metadataDocument: '<?xml version="1.0"?>\r\n<md:EntityDescriptor entityID="https://idp.example.com/ü">\t</md:EntityDescriptor>\n',
    createDate: T0,
    validUntil: at(3.15e9),
    assertionEncryptionMode: 'Allowed',
    tags: TAGS,
    ...extra,
  };
}

export function makeServerCertificate(
  accountId: string,
  name: string,
  extra: Partial<ServerCertificate> = {},
): ServerCertificate {
  const path = extra.path ?? '/';
  return {
    accountId,
    id: newUniqueId('ASCA'),
    name,
    path,
    arn: `arn:aws:iam::${accountId}:server-certificate${path}${name}`,
    uploadDate: T0,
    expiration: at(31_536_000),
    body: '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n',
    chain: '-----BEGIN CERTIFICATE-----\nMIIC\n-----END CERTIFICATE-----\n',
    sealedPrivateKey: `sealed:${newUniqueId('ANPA')}`,
    tags: TAGS,
    ...extra,
  };
}
