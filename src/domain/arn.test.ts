// ARN builders match AWS's documented examples, and parsing inverts building.
import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import {
  assumedRoleArn,
  federatedUserArn,
  formatIamArn,
  groupArn,
  instanceProfileArn,
  mfaArn,
  oidcProviderArn,
  parseArn,
  parseIamArn,
  policyArn,
  roleArn,
  rootArn,
  samlProviderArn,
  serverCertificateArn,
  userArn,
  type PathedKind,
} from './arn.js';

const ACCOUNT = '123456789012';

describe('builders', () => {
  it('match the IAM User Guide examples', () => {
    expect(rootArn(ACCOUNT)).toBe('arn:aws:iam::123456789012:root');
    expect(userArn(ACCOUNT, '/division_abc/subdivision_xyz/', 'Jane')).toBe(
      'arn:aws:iam::123456789012:user/division_abc/subdivision_xyz/Jane',
    );
    expect(groupArn(ACCOUNT, '/', 'Developers')).toBe('arn:aws:iam::123456789012:group/Developers');
    expect(roleArn(ACCOUNT, '/application_abc/component_xyz/', 'S3Access')).toBe(
      'arn:aws:iam::123456789012:role/application_abc/component_xyz/S3Access',
    );
    expect(policyArn('aws', '/service-role/', 'AWSLambdaRole')).toBe('arn:aws:iam::aws:policy/service-role/AWSLambdaRole');
    expect(instanceProfileArn(ACCOUNT, '/', 'Webserver')).toBe('arn:aws:iam::123456789012:instance-profile/Webserver');
    expect(serverCertificateArn(ACCOUNT, '/company/', 'ProdServerCert')).toBe(
      'arn:aws:iam::123456789012:server-certificate/company/ProdServerCert',
    );
    expect(mfaArn(ACCOUNT, '/', 'JaneMFA')).toBe('arn:aws:iam::123456789012:mfa/JaneMFA');
    expect(samlProviderArn(ACCOUNT, 'ADFSProvider')).toBe('arn:aws:iam::123456789012:saml-provider/ADFSProvider');
    expect(oidcProviderArn(ACCOUNT, 'https://server.example.com/path')).toBe(
      'arn:aws:iam::123456789012:oidc-provider/server.example.com/path',
    );
    expect(assumedRoleArn(ACCOUNT, 'Accounting-Role', 'Mary')).toBe(
      'arn:aws:sts::123456789012:assumed-role/Accounting-Role/Mary',
    );
    expect(federatedUserArn(ACCOUNT, 'Bob')).toBe('arn:aws:sts::123456789012:federated-user/Bob');
  });

  it('refuse paths that do not begin and end with "/"', () => {
    expect(() => userArn(ACCOUNT, 'team/', 'Bob')).toThrow(RangeError);
    expect(() => roleArn(ACCOUNT, '/team', 'Bob')).toThrow(RangeError);
    expect(() => groupArn(ACCOUNT, '', 'Bob')).toThrow(RangeError);
  });
});

describe('parseArn', () => {
  it('keeps colons inside the resource', () => {
    expect(parseArn('arn:aws:s3:::bucket/a:b')).toEqual({
      partition: 'aws',
      service: 's3',
      region: '',
      account: '',
      resource: 'bucket/a:b',
    });
    expect(parseArn('arn:aws:iam::123')).toBeNull();
    expect(parseArn('urn:aws:iam::123456789012:root')).toBeNull();
  });
});

describe('parseIamArn', () => {
  it('splits path and name', () => {
    expect(parseIamArn('arn:aws:iam::123456789012:user/division_abc/Jane')).toEqual({
      partition: 'aws',
      account: ACCOUNT,
      kind: 'user',
      path: '/division_abc/',
      name: 'Jane',
    });
    expect(parseIamArn('arn:aws:iam::aws:policy/job-function/ViewOnlyAccess')).toMatchObject({
      kind: 'policy',
      account: 'aws',
      path: '/job-function/',
      name: 'ViewOnlyAccess',
    });
  });

  it('reads STS principals and providers', () => {
    expect(parseIamArn('arn:aws:sts::123456789012:assumed-role/Admin/s-1')).toMatchObject({
      kind: 'assumed-role',
      roleName: 'Admin',
      sessionName: 's-1',
    });
    expect(parseIamArn('arn:aws:sts::123456789012:federated-user/Bob')).toMatchObject({ kind: 'federated-user', name: 'Bob' });
    expect(parseIamArn('arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com')).toMatchObject({
      kind: 'oidc-provider',
      url: 'token.actions.githubusercontent.com',
    });
    expect(parseIamArn('arn:aws:iam::123456789012:root')).toMatchObject({ kind: 'root', account: ACCOUNT });
  });

  it('rejects what is not an IAM entity ARN', () => {
    for (const text of [
      'arn:aws:iam::aws:user/Bob', // only policies live in the "aws" account
      'arn:aws:iam::12345:user/Bob', // account is 12 digits
      'arn:aws:iam:us-east-1:123456789012:user/Bob', // IAM has no region
      'arn:aws:iam::123456789012:user/', // no name
      'arn:aws:iam::123456789012:user',
      'arn:aws:iam::123456789012:widget/Bob',
      'arn:aws:sts::123456789012:assumed-role/Admin', // no session
      'arn:aws:sts::123456789012:assumed-role/Admin/a/b',
      'arn:aws:s3:::bucket',
    ]) {
      expect(parseIamArn(text), text).toBeNull();
    }
  });
});

const nameArb = fc.stringMatching(/^[\w+=,.@-]{1,64}$/);
const pathArb = fc
  .array(fc.stringMatching(/^[\x21-\x2e\x30-\x7e]{1,12}$/), { maxLength: 4 })
  .map((segments) => (segments.length === 0 ? '/' : `/${segments.join('/')}/`));
const accountArb = fc.stringMatching(/^\d{12}$/);
const pathedKindArb = fc.constantFrom<PathedKind>(
  'user',
  'group',
  'role',
  'policy',
  'instance-profile',
  'server-certificate',
  'mfa',
);

describe('round trip', () => {
  it('parseIamArn(build(x)) gives back x for every path and name', () => {
    const builders = { user: userArn, group: groupArn, role: roleArn, policy: policyArn, 'instance-profile': instanceProfileArn, 'server-certificate': serverCertificateArn, mfa: mfaArn };
    fc.assert(
      fc.property(pathedKindArb, accountArb, pathArb, nameArb, (kind, account, path, name) => {
        const text = builders[kind](account, path, name);
        const parsed = parseIamArn(text);
        expect(parsed).toEqual({ partition: 'aws', account, kind, path, name });
        expect(formatIamArn(parsed!)).toBe(text);
      }),
    );
  });

  it('holds for sessions and federated users', () => {
    fc.assert(
      fc.property(accountArb, nameArb, nameArb, (account, role, session) => {
        const text = assumedRoleArn(account, role, session);
        expect(formatIamArn(parseIamArn(text)!)).toBe(text);
        const federated = federatedUserArn(account, session);
        expect(formatIamArn(parseIamArn(federated)!)).toBe(federated);
      }),
    );
  });
});
