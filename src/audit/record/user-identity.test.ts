// userIdentity for each kind of caller, shaped as CloudTrail's documented examples.

import { describe, expect, it } from 'vitest';
import type { Caller } from '../../auth/caller.js';
import type { SessionClaims } from '../../auth/session-claims.js';
import { unverifiedIdentity, userIdentityOf } from './user-identity.js';

const ACCT = '111122223333';
const claims = (over: Partial<SessionClaims>): SessionClaims => ({
  kind: 'AssumedRole',
  accountId: ACCT,
  accessKeyId: 'ASIAEXAMPLE',
  secretAccessKey: 'never-recorded',
  issuedAt: Date.UTC(2024, 8, 9, 17, 50, 16) / 1000,
  expiresAt: Date.UTC(2024, 8, 9, 18, 50, 16) / 1000,
  tags: [],
  transitiveTagKeys: [],
  policyArns: [],
  ...over,
});

describe('userIdentityOf', () => {
  it('the root user: the account id as principal id, the alias as userName', () => {
    const caller: Caller = { accountId: ACCT, principal: { type: 'Root', arn: `arn:aws:iam::${ACCT}:root`, account: ACCT }, userId: ACCT, accessKeyId: 'AKIAROOT' };
    expect(userIdentityOf(caller, { accountAlias: 'prod' })).toEqual({
      type: 'Root', principalId: ACCT, arn: `arn:aws:iam::${ACCT}:root`, accountId: ACCT, accessKeyId: 'AKIAROOT', userName: 'prod',
    });
  });

  it('an assumed role: the session issuer, creation date and mfaAuthenticated as a string', () => {
    const caller: Caller = {
      accountId: ACCT,
      principal: { type: 'AssumedRole', arn: `arn:aws:sts::${ACCT}:assumed-role/Admin/s1`, account: ACCT, roleArn: `arn:aws:iam::${ACCT}:role/Admin` },
      userId: 'AROAADMIN:s1',
      accessKeyId: 'ASIAEXAMPLE',
      session: claims({ role: { id: 'AROAADMIN', name: 'Admin', path: '/', arn: `arn:aws:iam::${ACCT}:role/Admin` }, sessionName: 's1', mfa: { authTime: 1, serialNumber: 'x' }, sourceIdentity: 'alice' }),
    };
    expect(userIdentityOf(caller)).toEqual({
      type: 'AssumedRole',
      principalId: 'AROAADMIN:s1',
      arn: `arn:aws:sts::${ACCT}:assumed-role/Admin/s1`,
      accountId: ACCT,
      accessKeyId: 'ASIAEXAMPLE',
      sessionContext: {
        sessionIssuer: { type: 'Role', principalId: 'AROAADMIN', arn: `arn:aws:iam::${ACCT}:role/Admin`, accountId: ACCT, userName: 'Admin' },
        webIdFederationData: {},
        attributes: { creationDate: '2024-09-09T17:50:16Z', mfaAuthenticated: 'true' },
        sourceIdentity: 'alice',
      },
    });
  });

  it('a federated user: issued by an IAM user', () => {
    const caller: Caller = {
      accountId: ACCT,
      principal: { type: 'FederatedUser', arn: `arn:aws:sts::${ACCT}:federated-user/bob`, account: ACCT },
      userId: `${ACCT}:bob`,
      accessKeyId: 'ASIAFED',
      session: claims({ kind: 'FederatedUser', sessionName: 'bob', user: { id: 'AIDAALICE', name: 'alice' } }),
    };
    const identity = userIdentityOf(caller);
    expect(identity.type).toBe('FederatedUser');
    expect(identity.principalId).toBe(`${ACCT}:bob`);
    expect(identity.sessionContext?.sessionIssuer).toEqual({ type: 'IAMUser', principalId: 'AIDAALICE', arn: `arn:aws:iam::${ACCT}:user/alice`, accountId: ACCT, userName: 'alice' });
    expect(identity.sessionContext?.attributes.mfaAuthenticated).toBe('false');
  });

  it('an IAM user with long-term keys has no session context', () => {
    const caller: Caller = { accountId: ACCT, principal: { type: 'User', arn: `arn:aws:iam::${ACCT}:user/alice`, account: ACCT }, userId: 'AIDAALICE', accessKeyId: 'AKIAALICE' };
    expect(userIdentityOf(caller)).toEqual({ type: 'IAMUser', principalId: 'AIDAALICE', arn: `arn:aws:iam::${ACCT}:user/alice`, accountId: ACCT, accessKeyId: 'AKIAALICE' });
  });

  it('a failed signature names only the key id it claimed', () => {
    expect(unverifiedIdentity('AKIAFORGED')).toEqual({ type: 'Unknown', accessKeyId: 'AKIAFORGED' });
    expect(unverifiedIdentity(undefined)).toEqual({ type: 'Unknown' });
  });
});
