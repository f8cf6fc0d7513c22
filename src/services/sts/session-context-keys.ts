// The global condition keys that temporary credentials add to every request they sign:
// aws:TokenIssueTime (what "revoke active sessions" compares against), the MFA keys and
// aws:SourceIdentity.

import type { SessionClaims } from '../../auth/session-claims.js';
import type { ContextValue } from '../../policy/context.js';

function isoSeconds(epochSeconds: number): string {
  return new Date(epochSeconds * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

export function sessionContextKeys(session: SessionClaims, now: Date): Record<string, ContextValue> {
  const keys: Record<string, ContextValue> = {
    'aws:TokenIssueTime': isoSeconds(session.issuedAt),
    // Present, true or false, for every request signed with temporary credentials.
    'aws:MultiFactorAuthPresent': String(session.mfa !== undefined),
  };
  if (session.mfa !== undefined) {
    keys['aws:MultiFactorAuthAge'] = String(Math.max(0, Math.floor(now.getTime() / 1000) - session.mfa.authTime));
  }
  if (session.sourceIdentity !== undefined) keys['aws:SourceIdentity'] = session.sourceIdentity;
  return keys;
}
