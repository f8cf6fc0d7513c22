// The CloudTrail record, in CloudTrail's own field names (event version 1.11): what
// the trail stores, LookupEvents returns as CloudTrailEvent, and EventBridge delivers
// as an event's `detail`.

export const EVENT_VERSION = '1.11';

export type UserIdentityType = 'Root' | 'IAMUser' | 'AssumedRole' | 'FederatedUser' | 'WebIdentityUser' | 'SAMLUser' | 'Unknown';

export interface SessionIssuer {
  readonly type: 'Role' | 'IAMUser' | 'Root';
  readonly principalId: string;
  readonly arn: string;
  readonly accountId: string;
  readonly userName?: string;
}

export interface SessionContext {
  readonly sessionIssuer?: SessionIssuer;
  readonly webIdFederationData?: { readonly federatedProvider?: string; readonly attributes?: Readonly<Record<string, string>> };
  /** `mfaAuthenticated` is the string "true" or "false", as CloudTrail writes it. */
  readonly attributes: { readonly creationDate: string; readonly mfaAuthenticated: 'true' | 'false' };
  readonly sourceIdentity?: string;
}

export interface UserIdentity {
  readonly type: UserIdentityType;
  readonly principalId?: string;
  readonly arn?: string;
  readonly accountId?: string;
  readonly accessKeyId?: string;
  readonly userName?: string;
  readonly identityProvider?: string;
  readonly sessionContext?: SessionContext;
  readonly invokedBy?: string;
}

export type EventType = 'AwsApiCall' | 'AwsConsoleSignIn';

export interface CloudTrailRecord {
  readonly eventVersion: string;
  readonly userIdentity: UserIdentity;
  readonly eventTime: string;
  readonly eventSource: string;
  readonly eventName: string;
  readonly awsRegion: string;
  readonly sourceIPAddress: string;
  readonly userAgent?: string;
  readonly errorCode?: string;
  readonly errorMessage?: string;
  readonly requestParameters: Readonly<Record<string, unknown>> | null;
  readonly responseElements: Readonly<Record<string, unknown>> | null;
  readonly additionalEventData?: Readonly<Record<string, unknown>>;
  readonly requestID?: string;
  readonly eventID: string;
  readonly readOnly: boolean;
  readonly resources?: ReadonlyArray<{ readonly ARN: string; readonly accountId: string; readonly type: string }>;
  readonly eventType: EventType;
  readonly managementEvent: boolean;
  readonly recipientAccountId: string;
  readonly eventCategory: 'Management';
  readonly tlsDetails?: { readonly tlsVersion?: string; readonly cipherSuite?: string; readonly clientProvidedHostHeader?: string };
}

/** `2026-12-07T16:20:00Z`: CloudTrail's eventTime, to the second. */
export function cloudTrailTime(date: Date): string {
  return `${date.toISOString().slice(0, 19)}Z`;
}
