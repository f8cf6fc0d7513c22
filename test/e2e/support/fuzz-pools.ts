// Fuzz support: the names, ARNs and documents the fuzzer draws from. Most point at
// entities the fixture creates (so handlers get past "not found"), the rest at nothing,
// at the wrong kind of entity or at nothing parseable.

import { ACCOUNT_ID } from '../../support/server.js';

const arn = (resource: string): string => `arn:aws:iam::${ACCOUNT_ID}:${resource}`;

/** The IAM user the narrow-policy requests are signed as; never in a pool, so fuzzing cannot delete it. */
export const CALLER_NAME = 'fuzz-caller';

export const NAMES = {
  users: ['fuzz-alice', 'fuzz-bob', 'fuzz-ghost'],
  groups: ['fuzz-group', 'fuzz-ghost-group'],
  roles: ['fuzz-role', 'fuzz-ghost-role', 'AWSServiceRoleForElasticBeanstalk'],
  inlinePolicies: ['fuzz-inline', 'fuzz-ghost-inline'],
  managedPolicies: ['fuzz-policy', 'fuzz-ghost-policy'],
  instanceProfiles: ['fuzz-profile', 'fuzz-ghost-profile'],
  serverCertificates: ['fuzz-cert', 'fuzz-ghost-cert'],
  samlProviders: ['fuzz-saml', 'fuzz-ghost-saml'],
  mfaDevices: ['fuzz-mfa', 'fuzz-ghost-mfa'],
  accountAliases: ['fuzz-alias', 'other-alias'],
} as const;

export const OIDC_URL = 'https://127.0.0.1:9/fuzz';

export const ARNS = {
  policies: [
    arn('policy/fuzz/fuzz-policy'),
    arn('policy/fuzz-ghost-policy'),
    'arn:aws:iam::aws:policy/ReadOnlyAccess',
    'arn:aws:iam::aws:policy/AdministratorAccess',
    'arn:aws:iam::aws:policy/aws-service-role/AWSSupportServiceRolePolicy',
    'arn:aws:iam::aws:policy/NoSuchAwsPolicy',
    'arn:aws:iam::999988887777:policy/foreign',
    arn('user/fuzz/fuzz-alice'),
    'arn:aws:s3:::some-bucket/some-key',
    'arn:aws:iam::111122223333:policy/',
    'not-an-arn-but-long-enough',
    'arn:aws:iam:::policy/no-account-here',
  ],
  entities: [
    arn('user/fuzz/fuzz-alice'),
    arn('user/fuzz-bob'),
    arn('user/fuzz-ghost'),
    arn('group/fuzz-group'),
    arn('role/fuzz/fuzz-role'),
    arn('role/fuzz-ghost-role'),
    arn('policy/fuzz/fuzz-policy'),
    'arn:aws:iam::aws:policy/ReadOnlyAccess',
    arn('root'),
    `arn:aws:sts::${ACCOUNT_ID}:assumed-role/fuzz-role/session`,
    'arn:aws:iam::999988887777:user/foreign',
    'arn:aws:s3:::some-bucket',
    'not-an-arn-but-long-enough',
  ],
  roles: [arn('role/fuzz/fuzz-role'), arn('role/fuzz-ghost-role'), arn('user/fuzz-bob'), 'arn:aws:iam::999988887777:role/foreign', 'arn:aws:iam::aws:role/x12345678901'],
  samlProviders: [arn('saml-provider/fuzz-saml'), arn('saml-provider/fuzz-ghost-saml'), arn('oidc-provider/127.0.0.1:9/fuzz')],
  oidcProviders: [arn('oidc-provider/127.0.0.1:9/fuzz'), arn('oidc-provider/ghost.example.com'), arn('saml-provider/fuzz-saml')],
  mfaSerials: [arn('mfa/fuzz-mfa'), arn('mfa/fuzz-ghost-mfa'), 'GAHT12345678', arn('u2f/user/fuzz-alice/key-1')],
  resources: ['*', 'arn:aws:s3:::bucket/key', arn('user/fuzz/fuzz-alice'), 'arn:aws:dynamodb:us-east-1:111122223333:table/t', 'bad'],
} as const;

const doc = (statement: object | object[], version: string | undefined = '2012-10-17'): string =>
  JSON.stringify({ ...(version !== undefined && { Version: version }), Statement: statement });

/** Identity (and session) policies a handler should accept. */
export const IDENTITY_DOCUMENTS: readonly string[] = [
  doc({ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }),
  doc([{ Sid: 'A1', Effect: 'Allow', Action: ['iam:Get*', 'iam:List*'], Resource: arn('user/*') }, { Effect: 'Deny', NotAction: 's3:*', NotResource: 'arn:aws:s3:::b/*' }]),
  doc({ Effect: 'Allow', Action: 'iam:*', Resource: 'arn:aws:iam::*:user/${aws:PrincipalTag/team}', Condition: { StringEquals: { 'aws:RequestTag/team': ['fuzz', 'x'] }, Bool: { 'aws:MultiFactorAuthPresent': 'true' } } }),
  doc({ Effect: 'Allow', Action: '*', Resource: '*', Condition: { 'ForAnyValue:StringLikeIfExists': { 'aws:TagKeys': ['a*', '${aws:username}'] }, IpAddress: { 'aws:SourceIp': ['10.0.0.0/8', '::1/128'] } } }),
];

/** Trust policies a handler should accept. */
export const TRUST_DOCUMENTS: readonly string[] = [
  doc({ Effect: 'Allow', Principal: { AWS: arn('root') }, Action: 'sts:AssumeRole' }),
  doc({ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: ['sts:AssumeRole', 'sts:TagSession'] }),
  doc({ Effect: 'Allow', Principal: { AWS: '*' }, Action: 'sts:AssumeRole', Condition: { StringEquals: { 'sts:ExternalId': 'x' } } }),
  doc({ Effect: 'Allow', Principal: { Federated: arn('saml-provider/fuzz-saml') }, Action: 'sts:AssumeRoleWithSAML', Condition: { StringEquals: { 'SAML:aud': 'https://signin.aws.amazon.com/saml' } } }),
];

/** Documents that are wrong in every way a parser or evaluator could trip on. */
export const ODD_DOCUMENTS: readonly string[] = [
  doc({ Effect: 'Allow', Action: '*', Resource: '*', Condition: { DateGreaterThan: { 'aws:CurrentTime': 'not-a-date' } } }),
  doc({ Effect: 'Allow', Action: '*', Resource: '*', Condition: { IpAddress: { 'aws:SourceIp': '999.1.1.1/99' } } }),
  doc({ Effect: 'Allow', Action: '*', Resource: '*', Condition: { NumericLessThan: { 'aws:MultiFactorAuthAge': 'abc' } } }),
  doc({ Effect: 'Allow', Action: '*', Resource: '*', Condition: { NoSuchOperator: { 'aws:username': 'x' } } }),
  doc({ Effect: 'Allow', Action: 's3:*', Resource: 'arn:aws:s3:::${aws:username}/${' }),
  doc({ Effect: 'Allow', Principal: '*', Action: 'sts:AssumeRole', Resource: '*' }),
  doc({ Effect: 'Maybe', Action: '*', Resource: '*' }),
  doc({ Effect: 'Allow', Action: [], Resource: '*' }),
  doc({ Effect: 'Allow', Action: [null, 5], Resource: { a: 1 } }),
  doc({ Effect: 'Allow', Action: 'not an action', Resource: 'bad arn' }),
  doc({ Effect: 'Allow', Action: '*', Resource: '*', Sid: 5 }),
  doc({ Effect: 'Allow', Action: '*', Resource: '*' }, '2099-01-01'),
  doc({ Effect: 'Allow', Action: '*', Resource: '*' }, undefined),
  JSON.stringify({ Version: '2012-10-17', Statement: [] }),
  JSON.stringify({ Version: '2012-10-17' }),
  '{"__proto__":{"polluted":1},"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"*","Resource":"*"}}',
  '{"Version":"2012-10-17","Version":"2008-10-17","Statement":{"Effect":"Allow","Action":"*","Resource":"*"}}',
  '{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"*","Resource":"*","Condition":{"StringEquals":{"aws:username":1e999}}}}',
  '{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"*","Resource":"*","Condition":{"Bool":{"aws:SecureTransport":[true,{"x":[]}]}}}}',
  '{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"*","Resource":"*","Condition":[]}}',
  `{"Version":"2012-10-17","Statement":${'['.repeat(3000)}${']'.repeat(3000)}}`,
  '{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"*","Resource":"*"}',
  ' ',
  'null',
  '[]',
  '{}',
  '"a string"',
  '{"Statement":"x"}',
  '\u00ff\u00fe{}',
];

export const TAG_KEYS = ['team', 'env', 'Team', 'owner', 'aws:reserved', 'a:b/c=d+e-f@g', ' ', 'ünï cödé'];
export const TAG_VALUES = ['fuzz', 'prod', '', 'x y', 'a'.repeat(256)];

export const PASSWORDS = ['Fuzz-Password-123!', 'short', 'password', 'a'.repeat(128), 'Pä$$wörd-ÿ-2024'];

export const SERVICE_NAMES = ['elasticbeanstalk.amazonaws.com', 'autoscaling.amazonaws.com', 'codecommit.amazonaws.com', 'ec2.amazonaws.com', 'nope.amazonaws.com', 'not a service'];

export const ACTION_NAMES = ['iam:GetUser', 'iam:CreateUser', 's3:GetObject', 'sts:AssumeRole', 'iam:*', 'nope', 'iam:NoSuchAction', 's3:*Object'];

export const CONTEXT_KEYS = ['aws:username', 'aws:SourceIp', 'aws:CurrentTime', 'aws:MultiFactorAuthPresent', 'aws:RequestTag/team', 's3:prefix', 'bogus'];

export const CONTEXT_VALUES = ['alice', '10.0.0.1', '10.0.0.0/8', '2024-01-01T00:00:00Z', 'true', '42', 'not-a-number', ''];

export const THUMBPRINTS = ['9e99a48a9960b14926bb7f3b02e22da2b0ab7280', 'ABCDEF0123456789ABCDEF0123456789ABCDEF01', 'zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz'];

export const OIDC_URLS = [OIDC_URL, 'https://token.actions.githubusercontent.com', 'http://insecure.example.com', 'https://', 'example.com', 'https://a.example.com/path?query=1', 'https://h:99999'];
