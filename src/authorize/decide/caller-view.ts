// The verified caller as the decision API describes it to the asking service: who signed, in
// which account, with which session facts. Nothing secret (no key secret, no session token).

import { principalTags, type Caller } from '../../auth/caller.js';

export interface CallerView {
  readonly account: string;
  readonly arn: string;
  /** aws:userid: AIDA... for users, AROA...:session for role sessions, the account id for root. */
  readonly principalId: string;
  readonly type: string;
  readonly accessKeyId: string;
  readonly sessionName?: string;
  /** For role sessions: the role's ARN. */
  readonly roleArn?: string;
  readonly tags: readonly { readonly key: string; readonly value: string }[];
  readonly sourceIdentity?: string;
  readonly mfa: { readonly present: boolean; readonly ageSeconds?: number };
  /** Temporary credentials: when they expire (ISO 8601); a service must not reuse a decision past it. */
  readonly expiration?: string;
}

export function callerView(caller: Caller, now: Date): CallerView {
  const session = caller.session;
  const mfaTime = session?.mfa?.authTime;
  return {
    account: caller.accountId,
    arn: caller.principal.arn,
    principalId: caller.userId,
    type: caller.principal.type,
    accessKeyId: caller.accessKeyId,
    ...(session?.sessionName !== undefined && { sessionName: session.sessionName }),
    ...(caller.principal.roleArn !== undefined && { roleArn: caller.principal.roleArn }),
    tags: principalTags(caller).map((t) => ({ key: t.key, value: t.value })),
    ...(session?.sourceIdentity !== undefined && { sourceIdentity: session.sourceIdentity }),
    mfa: mfaTime === undefined ? { present: false } : { present: true, ageSeconds: Math.max(0, Math.floor(now.getTime() / 1000) - mfaTime) },
    ...(session !== undefined && { expiration: new Date(session.expiresAt * 1000).toISOString() }),
  };
}
