// The services that take service-specific credentials and what each is issued: a user name and
// password (CodeCommit Git credentials, Amazon Keyspaces) or an API key (Amazon Bedrock, CloudWatch
// Logs), plus the generators for the secret parts.

import type { Random } from '../../../domain/random.js';
import { IamError } from '../../../protocol/errors.js';

export type CredentialKind = 'password' | 'api-key';

/** "You can create service-specific credentials for Amazon Bedrock, Amazon CloudWatch Logs, CodeCommit and Amazon Keyspaces." */
export const SERVICE_CREDENTIAL_KINDS: Readonly<Record<string, CredentialKind>> = {
  'codecommit.amazonaws.com': 'password',
  'cassandra.amazonaws.com': 'password',
  'bedrock.amazonaws.com': 'api-key',
  'logs.amazonaws.com': 'api-key',
};

/** AWS: "a maximum of two sets of service-specific credentials for each supported service per user". */
export const SERVICE_CREDENTIALS_PER_USER_PER_SERVICE = 2;

export function credentialKind(serviceName: string): CredentialKind {
  const kind = Object.hasOwn(SERVICE_CREDENTIAL_KINDS, serviceName) ? SERVICE_CREDENTIAL_KINDS[serviceName] : undefined;
  if (kind === undefined) {
    throw new IamError('NotSupportedService', `No such service ${serviceName} is supported for Service Specific Credentials`);
  }
  return kind;
}

/** `jane-at-123456789012`: "the IAM user's name combined with the ID number of the AWS account". */
export function serviceUserName(userName: string, accountId: string): string {
  return `${userName}-at-${accountId}`;
}

/**
 * The public part of an API key: "the IAM user name and a suffix containing version and creation
 * information". AWS does not publish the layout; ours is `<user>+<version>-<yyyymmddhhmmss>-at-<account>`.
 */
export function apiKeyAlias(userName: string, accountId: string, created: Date): string {
  const stamp = created.toISOString().replace(/[-:T]/g, '').slice(0, 14);
  return `${userName}+1-${stamp}-at-${accountId}`;
}

/** A 44-character base64 password (32 random bytes), like the ones IAM generates for Git credentials. */
export function newServicePassword(random: Random): string {
  return Buffer.from(random.bytes(32)).toString('base64');
}

/** An API key secret: `ABSK` and base64 of `<alias>:<random>`, the shape of Bedrock's long-term keys. */
export function newApiKeySecret(alias: string, random: Random): string {
  const secret = Buffer.from(random.bytes(30)).toString('base64');
  return `ABSK${Buffer.from(`${alias}:${secret}`, 'utf8').toString('base64')}`;
}
