// ARNs of IAM entities and STS principals: builders and a parser that is their inverse.
// Formats: "IAM ARNs" in the IAM User Guide (reference_identifiers).
import { isValidPath } from './names.js';

/** Keyward serves one partition. */
export const PARTITION = 'aws';

/** The account that owns AWS managed policies: `arn:aws:iam::aws:policy/...`. */
export const AWS_MANAGED_ACCOUNT = 'aws';

/** IAM resource types whose ARNs carry a path between the type and the name. */
export type PathedKind = 'user' | 'group' | 'role' | 'policy' | 'instance-profile' | 'server-certificate' | 'mfa';

const PATHED_KINDS: readonly PathedKind[] = [
  'user',
  'group',
  'role',
  'policy',
  'instance-profile',
  'server-certificate',
  'mfa',
];

export type IamArn = { partition: string; account: string } & (
  | { kind: PathedKind; path: string; name: string }
  | { kind: 'root' }
  | { kind: 'oidc-provider'; url: string }
  | { kind: 'saml-provider'; name: string }
  | { kind: 'assumed-role'; roleName: string; sessionName: string }
  | { kind: 'federated-user'; name: string }
);

/** The six fields of any ARN; the resource keeps any further colons. */
export interface Arn {
  partition: string;
  service: string;
  region: string;
  account: string;
  resource: string;
}

function assertPath(path: string): void {
  if (!isValidPath(path)) throw new RangeError(`IAM path must begin and end with "/": "${path}"`);
}

function iamArn(account: string, resource: string): string {
  return `arn:${PARTITION}:iam::${account}:${resource}`;
}

function pathedArn(kind: PathedKind, account: string, path: string, name: string): string {
  assertPath(path);
  return iamArn(account, `${kind}${path}${name}`);
}

export const rootArn = (account: string): string => iamArn(account, 'root');
export const userArn = (account: string, path: string, name: string): string => pathedArn('user', account, path, name);
export const groupArn = (account: string, path: string, name: string): string => pathedArn('group', account, path, name);
export const roleArn = (account: string, path: string, name: string): string => pathedArn('role', account, path, name);
/** Customer managed policies; pass AWS_MANAGED_ACCOUNT for AWS managed ones. */
export const policyArn = (account: string, path: string, name: string): string => pathedArn('policy', account, path, name);
export const instanceProfileArn = (account: string, path: string, name: string): string =>
  pathedArn('instance-profile', account, path, name);
export const serverCertificateArn = (account: string, path: string, name: string): string =>
  pathedArn('server-certificate', account, path, name);
/** A virtual MFA device; its ARN is also its serial number. */
export const mfaArn = (account: string, path: string, name: string): string => pathedArn('mfa', account, path, name);
export const samlProviderArn = (account: string, name: string): string => iamArn(account, `saml-provider/${name}`);

/** AWS names the provider by its issuer URL without the `https://` scheme. */
export function oidcProviderArn(account: string, url: string): string {
  return iamArn(account, `oidc-provider/${url.replace(/^https:\/\//i, '')}`);
}

/** An assumed-role session. The role's path is not part of this ARN. */
export function assumedRoleArn(account: string, roleName: string, sessionName: string): string {
  return `arn:${PARTITION}:sts::${account}:assumed-role/${roleName}/${sessionName}`;
}

export function federatedUserArn(account: string, name: string): string {
  return `arn:${PARTITION}:sts::${account}:federated-user/${name}`;
}

/** Splits any ARN into its fields, or null when it has fewer than six. */
export function parseArn(text: string): Arn | null {
  const parts = text.split(':');
  if (parts.length < 6 || parts[0] !== 'arn') return null;
  const [, partition = '', service = '', region = '', account = ''] = parts;
  return { partition, service, region, account, resource: parts.slice(5).join(':') };
}

const ACCOUNT = /^\d{12}$/;
const PARTITION_NAME = /^aws(?:-[a-z]+)*$/;
const SEGMENT = /^[^/]+$/;

function parsePathed(rest: string): { path: string; name: string } | null {
  const cut = rest.lastIndexOf('/');
  const path = rest.slice(0, cut + 1);
  const name = rest.slice(cut + 1);
  if (name === '' || !isValidPath(path)) return null;
  return { path, name };
}

function parseIamResource(resource: string): Record<string, string> | null {
  if (resource === 'root') return { kind: 'root' };
  const slash = resource.indexOf('/');
  if (slash < 0) return null;
  const type = resource.slice(0, slash);
  const rest = resource.slice(slash);
  if ((PATHED_KINDS as readonly string[]).includes(type)) {
    const pathed = parsePathed(rest);
    return pathed ? { kind: type, ...pathed } : null;
  }
  const value = rest.slice(1);
  if (type === 'saml-provider' && SEGMENT.test(value)) return { kind: type, name: value };
  if (type === 'oidc-provider' && value !== '') return { kind: type, url: value };
  return null;
}

function parseStsResource(resource: string): Record<string, string> | null {
  const parts = resource.split('/');
  if (parts[0] === 'assumed-role' && parts.length === 3 && parts[1] && parts[2]) {
    return { kind: 'assumed-role', roleName: parts[1], sessionName: parts[2] };
  }
  if (parts[0] === 'federated-user' && parts.length === 2 && parts[1]) {
    return { kind: 'federated-user', name: parts[1] };
  }
  return null;
}

/**
 * Reads an IAM entity or STS principal ARN, or null when it is not one. Accounts are 12
 * digits, except `aws` for AWS managed policies; IAM and STS ARNs have no region.
 */
export function parseIamArn(text: string): IamArn | null {
  const arn = parseArn(text);
  if (!arn || arn.region !== '' || !PARTITION_NAME.test(arn.partition)) return null;
  const fields =
    arn.service === 'iam' ? parseIamResource(arn.resource) : arn.service === 'sts' ? parseStsResource(arn.resource) : null;
  if (!fields) return null;
  const accountOk = ACCOUNT.test(arn.account) || (arn.account === AWS_MANAGED_ACCOUNT && fields.kind === 'policy');
  if (!accountOk) return null;
  return { partition: arn.partition, account: arn.account, ...fields } as IamArn;
}

/** The inverse of parseIamArn. */
export function formatIamArn(arn: IamArn): string {
  const head = (service: string): string => `arn:${arn.partition}:${service}::${arn.account}:`;
  switch (arn.kind) {
    case 'root':
      return `${head('iam')}root`;
    case 'saml-provider':
      return `${head('iam')}saml-provider/${arn.name}`;
    case 'oidc-provider':
      return `${head('iam')}oidc-provider/${arn.url}`;
    case 'assumed-role':
      return `${head('sts')}assumed-role/${arn.roleName}/${arn.sessionName}`;
    case 'federated-user':
      return `${head('sts')}federated-user/${arn.name}`;
    default:
      assertPath(arn.path);
      return `${head('iam')}${arn.kind}${arn.path}${arn.name}`;
  }
}
