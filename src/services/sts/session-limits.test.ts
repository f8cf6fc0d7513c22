import { describe, expect, it } from 'vitest';
import type { Caller } from '../../auth/caller.js';
import type { SessionClaims, SessionKind } from '../../auth/session-claims.js';
import { checkSessionLimits } from './session-limits.js';

function caller(kind?: SessionKind, mfa = false, console = false): Caller {
  const session: SessionClaims | undefined =
    kind === undefined
      ? undefined
      : {
          kind,
          accountId: '111122223333',
          accessKeyId: 'ASIA',
          secretAccessKey: 's',
          issuedAt: 0,
          expiresAt: 1,
          tags: [],
          transitiveTagKeys: [],
          policyArns: [],
          ...(mfa && { mfa: { authTime: 0, serialNumber: 'arn:aws:iam::111122223333:mfa/a' } }),
          ...(console && { console: true }),
        };
  return {
    accountId: '111122223333',
    principal: { type: 'User', arn: 'arn:aws:iam::111122223333:user/a', account: '111122223333' },
    userId: 'AIDA',
    accessKeyId: 'ASIA',
    ...(session !== undefined && { session }),
  };
}

const code = (c: Caller, service: string, action: string): string | undefined => {
  try {
    checkSessionLimits(c, service, action);
    return undefined;
  } catch (error) {
    return (error as { code: string }).code;
  }
};

describe('what temporary credentials may call', () => {
  it('long-term keys may call anything', () => {
    expect(code(caller(), 'sts', 'GetSessionToken')).toBeUndefined();
    expect(code(caller(), 'iam', 'ListUsers')).toBeUndefined();
  });

  it('role sessions reach IAM and AssumeRole but not GetSessionToken or GetFederationToken', () => {
    expect(code(caller('AssumedRole'), 'iam', 'ListUsers')).toBeUndefined();
    expect(code(caller('AssumedRole'), 'sts', 'AssumeRole')).toBeUndefined();
    expect(code(caller('AssumedRole'), 'sts', 'GetSessionToken')).toBe('AccessDenied');
    expect(code(caller('AssumedRole'), 'sts', 'GetFederationToken')).toBe('AccessDenied');
  });

  it('GetSessionToken sessions reach IAM only with MFA, and STS only for AssumeRole and GetCallerIdentity', () => {
    expect(code(caller('User'), 'iam', 'ListUsers')).toBe('InvalidClientTokenId');
    expect(code(caller('User', true), 'iam', 'ListUsers')).toBeUndefined();
    expect(code(caller('User'), 'sts', 'AssumeRole')).toBeUndefined();
    expect(code(caller('User'), 'sts', 'GetCallerIdentity')).toBeUndefined();
    expect(code(caller('User'), 'sts', 'GetAccessKeyInfo')).toBe('AccessDenied');
  });

  it('federated users reach only GetCallerIdentity', () => {
    expect(code(caller('FederatedUser'), 'sts', 'GetCallerIdentity')).toBeUndefined();
    expect(code(caller('FederatedUser'), 'sts', 'AssumeRole')).toBe('AccessDenied');
    expect(code(caller('FederatedUser'), 'iam', 'ListUsers')).toBe('InvalidClientTokenId');
  });

  it('other services take every kind of temporary credentials (only IAM and STS limit them)', () => {
    for (const kind of ['User', 'FederatedUser', 'AssumedRole'] as const) {
      expect(code(caller(kind), 'access-analyzer', 'ValidatePolicy')).toBeUndefined();
      expect(code(caller(kind), 'cloudtrail', 'LookupEvents')).toBeUndefined();
      expect(code(caller(kind), 'events', 'PutRule')).toBeUndefined();
      expect(code(caller(kind), 'keyward', 'Authorize')).toBeUndefined();
    }
  });

  it('console sessions reach IAM and every service without MFA, but still not GetSessionToken or GetFederationToken', () => {
    expect(code(caller('User', false, true), 'iam', 'ListUsers')).toBeUndefined();
    expect(code(caller('FederatedUser', false, true), 'iam', 'ListUsers')).toBeUndefined();
    expect(code(caller('User', false, true), 'sts', 'GetAccessKeyInfo')).toBeUndefined();
    expect(code(caller('User', false, true), 'sts', 'GetSessionToken')).toBe('AccessDenied');
    expect(code(caller('FederatedUser', false, true), 'sts', 'GetFederationToken')).toBe('AccessDenied');
  });
});
