import { describe, expect, it } from 'vitest';
import type { SessionClaims } from '../../auth/session-claims.js';
import { sessionContextKeys } from './session-context-keys.js';

const base: SessionClaims = {
  kind: 'User',
  accountId: '111122223333',
  accessKeyId: 'ASIA',
  secretAccessKey: 's',
  issuedAt: Date.UTC(2026, 0, 1, 12, 0, 0) / 1000,
  expiresAt: Date.UTC(2026, 0, 1, 13, 0, 0) / 1000,
  tags: [],
  transitiveTagKeys: [],
  policyArns: [],
};

describe('session condition keys', () => {
  it('sets aws:TokenIssueTime and a false aws:MultiFactorAuthPresent without MFA', () => {
    expect(sessionContextKeys(base, new Date())).toEqual({ 'aws:TokenIssueTime': '2026-01-01T12:00:00Z', 'aws:MultiFactorAuthPresent': 'false' });
  });

  it('sets the MFA age in seconds and the source identity when present', () => {
    const keys = sessionContextKeys(
      { ...base, sourceIdentity: 'alice', mfa: { authTime: base.issuedAt, serialNumber: 'arn:aws:iam::111122223333:mfa/a' } },
      new Date((base.issuedAt + 90) * 1000),
    );
    expect(keys).toMatchObject({ 'aws:MultiFactorAuthPresent': 'true', 'aws:MultiFactorAuthAge': '90', 'aws:SourceIdentity': 'alice' });
  });
});
