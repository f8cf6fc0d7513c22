// Console sign-ins in the audit trail, as CloudTrail records them: `ConsoleLogin` (and `CheckMfa`
// when a code was checked) from `signin.amazonaws.com`, event type AwsConsoleSignIn, and root's
// password events (`PasswordUpdated`, `PasswordRecoveryRequested`, `PasswordRecoveryCompleted`)
// from the same source, so
// EventBridge delivers them as "AWS Console Sign In via CloudTrail" (audit/rules/envelope.ts).
// A failure names only what the server verified: an existing user by its stored name, an
// unknown one as HIDDEN_DUE_TO_SECURITY_REASONS, never the typed text.

import { randomUUID } from 'node:crypto';
import { cloudTrailTime, EVENT_VERSION, type CloudTrailRecord, type UserIdentity } from '../../audit/record/cloudtrail-record.js';
import { rootArn } from '../../domain/arn.js';
import type { User } from '../../domain/entities.js';
import type { ServerDeps } from '../../server/deps.js';

export const SIGNIN_EVENT_SOURCE = 'signin.amazonaws.com';
export const HIDDEN_USER = 'HIDDEN_DUE_TO_SECURITY_REASONS';

export interface SignInFacts {
  readonly accountId: string;
  readonly identity: UserIdentity;
  readonly sourceIp: string;
  readonly userAgent?: string;
  /** The console URL signed in to (LoginTo). */
  readonly loginTo: string;
  readonly success: boolean;
  readonly mfaSerial?: string;
}

/** A verified IAM user or the root user (accessKeyId "" as CloudTrail writes sign-ins). */
export function signInIdentity(accountId: string, user: User | undefined, alias: string | undefined): UserIdentity {
  if (user === undefined) {
    return { type: 'Root', principalId: accountId, arn: rootArn(accountId), accountId, accessKeyId: '', ...(alias !== undefined && { userName: alias }) };
  }
  return { type: 'IAMUser', principalId: user.id, arn: user.arn, accountId, accessKeyId: '', userName: user.name };
}

/** The identity of a failed password sign-in: no ARN; the user's name only if it exists. */
export function failedIdentity(accountId: string, user: User | undefined, root: boolean): UserIdentity {
  if (root) return { type: 'Root', principalId: accountId, accountId, accessKeyId: '' };
  if (user === undefined) return { type: 'IAMUser', accountId, accessKeyId: '', userName: HIDDEN_USER };
  return { type: 'IAMUser', principalId: user.id, accountId, accessKeyId: '', userName: user.name };
}

/** What every sign-in event records. */
type EventFacts = Pick<SignInFacts, 'accountId' | 'identity' | 'sourceIp' | 'userAgent' | 'success'>;

function baseRecord(facts: EventFacts, eventName: string, now: Date): Omit<CloudTrailRecord, 'responseElements' | 'additionalEventData'> {
  return {
    eventVersion: EVENT_VERSION,
    userIdentity: facts.identity,
    eventTime: cloudTrailTime(now),
    eventSource: SIGNIN_EVENT_SOURCE,
    eventName,
    awsRegion: 'us-east-1',
    sourceIPAddress: facts.sourceIp,
    ...(facts.userAgent !== undefined && { userAgent: facts.userAgent.slice(0, 1024) }),
    ...(!facts.success && { errorMessage: 'Failed authentication' }),
    requestParameters: null,
    eventID: randomUUID(),
    readOnly: false,
    eventType: 'AwsConsoleSignIn',
    managementEvent: true,
    recipientAccountId: facts.accountId,
    eventCategory: 'Management',
  };
}

export function consoleLoginRecord(facts: SignInFacts, now: Date): CloudTrailRecord {
  return {
    ...baseRecord(facts, 'ConsoleLogin', now),
    responseElements: { ConsoleLogin: facts.success ? 'Success' : 'Failure' },
    additionalEventData: {
      LoginTo: facts.loginTo,
      MobileVersion: 'No',
      MFAUsed: facts.mfaSerial !== undefined ? 'Yes' : 'No',
      ...(facts.mfaSerial !== undefined && { MFAIdentifier: facts.mfaSerial }),
    },
  };
}

export function checkMfaRecord(facts: SignInFacts, now: Date): CloudTrailRecord {
  return {
    ...baseRecord(facts, 'CheckMfa', now),
    responseElements: { CheckMfa: facts.success ? 'Success' : 'Failure' },
    additionalEventData: { MfaType: 'Virtual MFA', ...(facts.mfaSerial !== undefined && { MFAIdentifier: facts.mfaSerial }) },
  };
}

/** Buffers the events in the trail (nothing when the trail is off). */
export function recordSignIn(deps: ServerDeps, facts: SignInFacts, options: { readonly checkedMfa: boolean }): void {
  const trail = deps.trail;
  if (trail === undefined) return;
  const now = deps.clock();
  if (options.checkedMfa) trail.enqueue({ record: checkMfaRecord(facts, now), time: now });
  trail.enqueue({ record: consoleLoginRecord(facts, now), time: now });
}

/** Root's password events from signin.amazonaws.com, as CloudTrail names them. */
export type RootPasswordEvent = 'PasswordUpdated' | 'PasswordRecoveryRequested' | 'PasswordRecoveryCompleted';

/**
 * Root's password changed by root in the console (`PasswordUpdated`, Success or Failure: a wrong
 * current password, a new one the rules refuse), a reset asked for with "Forgot password?"
 * (`PasswordRecoveryRequested`) and one completed through the mailed link
 * (`PasswordRecoveryCompleted`), as CloudTrail records them: no error text, never a password.
 */
export function rootPasswordRecord(eventName: RootPasswordEvent, facts: EventFacts, now: Date): CloudTrailRecord {
  const { errorMessage: _none, ...base } = baseRecord(facts, eventName, now);
  return { ...base, responseElements: { [eventName]: facts.success ? 'Success' : 'Failure' } };
}

/** Buffers one of root's password events in the trail (nothing when the trail is off). */
export function recordRootPasswordEvent(deps: ServerDeps, eventName: RootPasswordEvent, facts: EventFacts): void {
  const trail = deps.trail;
  if (trail === undefined) return;
  const now = deps.clock();
  trail.enqueue({ record: rootPasswordRecord(eventName, facts, now), time: now });
}

/** Root's identity in its password events, from what the server verified of the account. */
export async function rootEventFacts(deps: ServerDeps, accountId: string, from: { readonly ip: string; readonly headers: Readonly<Record<string, unknown>> }, success: boolean): Promise<EventFacts> {
  const alias = (await deps.store.read((tx) => tx.aliases.list(accountId)))[0];
  const userAgent = from.headers['user-agent'];
  return {
    accountId,
    identity: signInIdentity(accountId, undefined, alias),
    sourceIp: from.ip,
    ...(typeof userAgent === 'string' && { userAgent }),
    success,
  };
}
