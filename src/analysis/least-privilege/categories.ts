// The least-privilege risk categories: which actions each names, how severe a grant of
// them is and what to do about it. Access levels come from AWS's action catalogue; the
// two curated lists name actions that hand out credentials or read data out.

import type { Severity } from '../report/finding.js';

/** Actions that create, reveal or hand out credentials. */
export const CREDENTIALS_EXPOSURE: readonly string[] = [
  'iam:CreateAccessKey', 'iam:UpdateAccessKey', 'iam:CreateLoginProfile', 'iam:UpdateLoginProfile',
  'iam:CreateServiceSpecificCredential', 'iam:ResetServiceSpecificCredential', 'iam:UploadSSHPublicKey',
  'sts:GetSessionToken', 'sts:GetFederationToken', 'ecr:GetAuthorizationToken', 'ecr-public:GetAuthorizationToken',
  'codeartifact:GetAuthorizationToken', 'redshift:GetClusterCredentials', 'redshift-serverless:GetCredentials',
  'rds-db:connect', 'cognito-identity:GetCredentialsForIdentity', 'ec2:GetPasswordData',
  'lightsail:GetInstanceAccessDetails', 'lightsail:DownloadDefaultKeyPair', 'gamelift:RequestUploadCredentials',
  'gamelift:GetInstanceAccess', 'chime:CreateApiKey', 'appsync:ListApiKeys',
];

/** Actions that read an account's data out: objects, parameters, secrets, table contents, decryption. */
export const DATA_EXFILTRATION: readonly string[] = [
  's3:GetObject', 's3:GetObjectVersion', 'ssm:GetParameter', 'ssm:GetParameters', 'ssm:GetParametersByPath',
  'secretsmanager:GetSecretValue', 'kms:Decrypt', 'dynamodb:Scan', 'dynamodb:Query', 'dynamodb:GetItem',
  'dynamodb:BatchGetItem',
];

/** Services whose every action on any resource is close to owning the account. */
export const SENSITIVE_SERVICES: readonly string[] = [
  'iam', 'sts', 'organizations', 'kms', 'secretsmanager', 'ssm', 's3', 'ec2', 'lambda', 'cloudtrail', 'sso', 'account',
];

export type CategoryRule = 'resource-exposure' | 'credentials-exposure' | 'data-exfiltration' | 'infrastructure-modification' | 'service-wildcard';

export interface Category {
  readonly rule: CategoryRule;
  readonly severity: Severity;
  /** "may ..." phrase for messages. */
  readonly phrase: string;
  readonly remediation: string;
}

export const CATEGORIES: Readonly<Record<CategoryRule, Category>> = {
  'resource-exposure': {
    rule: 'resource-exposure',
    severity: 'high',
    phrase: 'change who may access resources (permissions-management actions)',
    remediation: 'Name the resources these permissions-management actions apply to, or remove them; grant them only to the principals that manage access',
  },
  'credentials-exposure': {
    rule: 'credentials-exposure',
    severity: 'high',
    phrase: 'create or read credentials',
    remediation: 'Restrict these actions to named resources (the caller\'s own user: ${aws:username}) or remove them',
  },
  'data-exfiltration': {
    rule: 'data-exfiltration',
    severity: 'medium',
    phrase: 'read data out of the account',
    remediation: 'Name the buckets, parameters, secrets, keys and tables these actions apply to instead of "*"',
  },
  'infrastructure-modification': {
    rule: 'infrastructure-modification',
    severity: 'low',
    phrase: 'modify infrastructure (write actions)',
    remediation: 'Name the resources these write actions apply to, or add conditions (aws:ResourceTag, aws:RequestedRegion)',
  },
  'service-wildcard': {
    rule: 'service-wildcard',
    severity: 'medium',
    phrase: 'do every action of a service',
    remediation: 'Replace SERVICE:* with the actions the principal uses (IAM Access Advisor\'s last-accessed data shows them)',
  },
};
