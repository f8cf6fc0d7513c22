import { describe, it, expect } from 'vitest';
import { compilePrincipalMatcher } from './principal-matcher.js';
import type { PrincipalSpec } from '../document/types.js';
import type { RequestPrincipal } from '../context.js';

const ACCT = '123456789012';
const OTHER = '444455556666';

const spec = (parts: Partial<PrincipalSpec>): PrincipalSpec => ({
  wildcard: false,
  aws: [],
  service: [],
  federated: [],
  canonicalUser: [],
  ...parts,
});

const root: RequestPrincipal = { type: 'Root', arn: `arn:aws:iam::${ACCT}:root`, account: ACCT };
const bob: RequestPrincipal = { type: 'User', arn: `arn:aws:iam::${ACCT}:user/Bob`, account: ACCT };
const pathUser: RequestPrincipal = { type: 'User', arn: `arn:aws:iam::${ACCT}:user/division/Ann`, account: ACCT };
const session: RequestPrincipal = {
  type: 'AssumedRole',
  arn: `arn:aws:sts::${ACCT}:assumed-role/Deploy/ci-run`,
  account: ACCT,
  roleArn: `arn:aws:iam::${ACCT}:role/ops/Deploy`,
};
const federatedUser: RequestPrincipal = { type: 'FederatedUser', arn: `arn:aws:sts::${ACCT}:federated-user/Carol`, account: ACCT };
const otherUser: RequestPrincipal = { type: 'User', arn: `arn:aws:iam::${OTHER}:user/Bob`, account: OTHER };
const ec2: RequestPrincipal = { type: 'Service', arn: '', account: '', service: 'ec2.amazonaws.com' };
const anonymous: RequestPrincipal = { type: 'Anonymous', arn: '', account: '' };
const google: RequestPrincipal = { type: 'WebIdentityUser', arn: '', account: ACCT, federatedProvider: 'accounts.google.com' };
const saml: RequestPrincipal = {
  type: 'SAMLUser',
  arn: '',
  account: ACCT,
  federatedProvider: `arn:aws:iam::${ACCT}:saml-provider/Okta`,
};
const everyone = [root, bob, pathUser, session, federatedUser, otherUser, ec2, anonymous, google, saml];

const who = (s: PrincipalSpec) => {
  const m = compilePrincipalMatcher(s);
  return everyone.filter((p) => m.matches(p));
};

describe('compilePrincipalMatcher', () => {
  it('matches everyone, anonymous included, for "*" and {"AWS": "*"}', () => {
    expect(who(spec({ wildcard: true }))).toEqual(everyone);
    expect(who(spec({ aws: ['*'] }))).toEqual(everyone);
  });

  it('treats an account id and the account root ARN alike: every principal of the account', () => {
    const members = [root, bob, pathUser, session, federatedUser];
    expect(who(spec({ aws: [ACCT] }))).toEqual(members);
    expect(who(spec({ aws: [`arn:aws:iam::${ACCT}:root`] }))).toEqual(members);
    expect(who(spec({ aws: [OTHER] }))).toEqual([otherUser]);
  });

  it('keeps a root ARN to its partition', () => {
    expect(who(spec({ aws: [`arn:aws-cn:iam::${ACCT}:root`] }))).toEqual([]);
  });

  it('matches a user ARN to that user only, case-sensitively and with its path', () => {
    expect(who(spec({ aws: [`arn:aws:iam::${ACCT}:user/Bob`] }))).toEqual([bob]);
    expect(who(spec({ aws: [`arn:aws:iam::${ACCT}:user/bob`] }))).toEqual([]);
    expect(who(spec({ aws: [`arn:aws:iam::${ACCT}:user/division/Ann`] }))).toEqual([pathUser]);
    expect(who(spec({ aws: [`arn:aws:iam::${ACCT}:user/Ann`] }))).toEqual([]);
  });

  it('matches a role ARN (with its path) to every session of the role', () => {
    expect(who(spec({ aws: [`arn:aws:iam::${ACCT}:role/ops/Deploy`] }))).toEqual([session]);
    expect(who(spec({ aws: [`arn:aws:iam::${ACCT}:role/Deploy`] }))).toEqual([]);
  });

  it('matches an assumed-role session ARN and a federated-user ARN', () => {
    expect(who(spec({ aws: [`arn:aws:sts::${ACCT}:assumed-role/Deploy/ci-run`] }))).toEqual([session]);
    expect(who(spec({ aws: [`arn:aws:sts::${ACCT}:assumed-role/Deploy/other`] }))).toEqual([]);
    expect(who(spec({ aws: [`arn:aws:sts::${ACCT}:federated-user/Carol`] }))).toEqual([federatedUser]);
  });

  it('does not accept partial wildcards', () => {
    expect(who(spec({ aws: [`arn:aws:iam::${ACCT}:user/*`] }))).toEqual([]);
    expect(who(spec({ aws: ['arn:aws:iam::*:root'] }))).toEqual([]);
    expect(who(spec({ aws: [`arn:aws:sts::${ACCT}:assumed-role/Deploy/*`] }))).toEqual([]);
  });

  it('matches service principals', () => {
    expect(who(spec({ service: ['ec2.amazonaws.com', 'lambda.amazonaws.com'] }))).toEqual([ec2]);
    expect(who(spec({ service: ['EC2.amazonaws.com'] }))).toEqual([ec2]);
    expect(who(spec({ service: ['lambda.amazonaws.com'] }))).toEqual([]);
  });

  it('matches web identity and SAML users by provider', () => {
    expect(who(spec({ federated: ['accounts.google.com'] }))).toEqual([google]);
    expect(who(spec({ federated: [`arn:aws:iam::${ACCT}:saml-provider/Okta`] }))).toEqual([saml]);
    expect(who(spec({ federated: ['graph.facebook.com'] }))).toEqual([]);
  });

  it('matches a canonical user id', () => {
    const canonical = '79a59df900b949e55d96a1e698fbacedfd6e09d98eacf8f8d5218e7cd47ef2be';
    const s3User: RequestPrincipal = { ...bob, canonicalUser: canonical };
    const m = compilePrincipalMatcher(spec({ canonicalUser: [canonical] }));
    expect(m.matches(s3User)).toBe(true);
    expect(m.matches(bob)).toBe(false);
  });

  it('ORs the entries of every type', () => {
    const s = spec({ aws: [OTHER, `arn:aws:iam::${ACCT}:user/Bob`], service: ['ec2.amazonaws.com'] });
    expect(who(s)).toEqual([bob, otherUser, ec2]);
  });

  it('gives NotPrincipal a correct complement: only the named principals are excluded', () => {
    // {"NotPrincipal": {"AWS": [Bob, Bob's account root]}} with Deny denies all but those.
    const m = compilePrincipalMatcher(spec({ aws: [`arn:aws:iam::${OTHER}:user/Bob`, `arn:aws:iam::${OTHER}:root`] }));
    const denied = everyone.filter((p) => !m.matches(p));
    expect(denied).toEqual([root, bob, pathUser, session, federatedUser, ec2, anonymous, google, saml]);
  });

  it('matches nothing for values a request cannot carry', () => {
    expect(who(spec({ aws: ['AIDAJQABLZS4A3QDU576Q', `arn:aws:iam::${ACCT}:group/Admins`, 'not-an-arn'] }))).toEqual([]);
    expect(who(spec({}))).toEqual([]);
  });
});
