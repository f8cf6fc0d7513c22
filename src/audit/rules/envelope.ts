// A CloudTrail record as EventBridge delivers it: the envelope (`version`, `id`,
// `detail-type`, `source`, `account`, `time`, `region`, `resources`, `detail`), with the
// record as `detail`. API calls are "AWS API Call via CloudTrail"; console sign-ins are
// "AWS Console Sign In via CloudTrail", the spelling real events and AWS's own root-login
// rule use (EventBridge's reference page spells it "Signin").

import type { CloudTrailRecord } from '../record/cloudtrail-record.js';

export const API_CALL_DETAIL_TYPE = 'AWS API Call via CloudTrail';
export const CONSOLE_SIGN_IN_DETAIL_TYPE = 'AWS Console Sign In via CloudTrail';

export interface EventBridgeEvent {
  readonly version: '0';
  readonly id: string;
  readonly 'detail-type': string;
  readonly source: string;
  readonly account: string;
  readonly time: string;
  readonly region: string;
  /** Always empty for events CloudTrail delivers. */
  readonly resources: readonly string[];
  readonly detail: CloudTrailRecord;
}

/** `iam.amazonaws.com` -> `aws.iam`. */
export function eventBridgeSource(eventSource: string): string {
  const dot = eventSource.indexOf('.');
  return `aws.${dot < 0 ? eventSource : eventSource.slice(0, dot)}`;
}

export function envelopeFor(record: CloudTrailRecord, id: string): EventBridgeEvent {
  return {
    version: '0',
    id,
    'detail-type': record.eventType === 'AwsConsoleSignIn' ? CONSOLE_SIGN_IN_DETAIL_TYPE : API_CALL_DETAIL_TYPE,
    source: eventBridgeSource(record.eventSource),
    account: record.recipientAccountId,
    time: record.eventTime,
    region: record.awsRegion,
    resources: [],
    detail: record,
  };
}

export type RuleState = 'ENABLED' | 'DISABLED' | 'ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS';

/**
 * Whether a rule in `state` is offered this record at all: disabled rules get nothing, and
 * ENABLED rules get every CloudTrail event except read-only management events, which only
 * ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS receives. Sign-ins always reach enabled rules.
 */
export function ruleReceives(state: RuleState, record: CloudTrailRecord): boolean {
  if (state === 'DISABLED') return false;
  if (state === 'ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS') return true;
  return record.eventType === 'AwsConsoleSignIn' || !record.readOnly;
}
