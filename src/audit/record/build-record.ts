// One API call -> one CloudTrail record: identity, request parameters and response
// elements (redacted through the service model), error, and CloudTrail's bookkeeping
// fields. Pure: ids, time and the caller's identity come in with the call.

import type { ServiceModel } from '../../protocol/model/service-model.js';
import type { WireObject } from '../../protocol/wire-value.js';
import { cloudTrailTime, EVENT_VERSION, type CloudTrailRecord, type UserIdentity } from './cloudtrail-record.js';
import { javaDate } from './java-date.js';
import { isReadOnlyCall, keepsResponseWhenReadOnly } from './read-only.js';
import { cloudTrailView } from './redact.js';

/** IAM is a global service: CloudTrail records its events in us-east-1. */
const GLOBAL_REGION = 'us-east-1';

export interface AuditedCall {
  /** The signing name: `iam`, `sts`, ... */
  readonly service: string;
  readonly action: string;
  readonly identity: UserIdentity;
  readonly recipientAccountId: string;
  readonly time: Date;
  /** The request's signing region. */
  readonly region: string;
  readonly sourceIp: string;
  readonly userAgent?: string;
  readonly requestId: string;
  readonly eventId: string;
  /** The decoded request; absent when the request never decoded (a bad signature). */
  readonly input?: WireObject;
  /** The result, for a call that succeeded. */
  readonly output?: WireObject;
  readonly error?: { readonly code: string; readonly message: string };
  readonly tls?: { readonly version?: string; readonly cipherSuite?: string; readonly host?: string };
}

export function buildApiCallRecord(model: ServiceModel | undefined, call: AuditedCall): CloudTrailRecord {
  const operation = model?.operations[call.action];
  const readOnly = isReadOnlyCall(call.service, call.action);
  const requestParameters =
    model !== undefined && operation?.input !== undefined && call.input !== undefined
      ? cloudTrailView(model, operation.input, call.input, { date: (d) => d.toISOString() })
      : null;
  const keepResponse = call.error === undefined && (!readOnly || keepsResponseWhenReadOnly(call.service, call.action));
  const responseElements =
    keepResponse && model !== undefined && operation?.output !== undefined && call.output !== undefined
      ? cloudTrailView(model, operation.output, call.output, { date: (d) => javaDate(d, { commaAfterYear: call.service === 'sts' }) })
      : null;
  const roleArn = call.service === 'sts' && typeof call.input?.RoleArn === 'string' ? call.input.RoleArn : undefined;
  const roleAccount = roleArn?.split(':')[4];
  return {
    eventVersion: EVENT_VERSION,
    userIdentity: call.identity,
    eventTime: cloudTrailTime(call.time),
    eventSource: model?.metadata.eventSource ?? `${call.service}.amazonaws.com`,
    eventName: call.action,
    awsRegion: call.service === 'iam' ? GLOBAL_REGION : call.region,
    sourceIPAddress: call.sourceIp,
    ...(call.userAgent !== undefined && { userAgent: call.userAgent.slice(0, 1024) }),
    ...(call.error !== undefined && { errorCode: call.error.code, errorMessage: call.error.message }),
    requestParameters,
    responseElements,
    requestID: call.requestId,
    eventID: call.eventId,
    readOnly,
    ...(roleArn !== undefined && roleAccount !== undefined && { resources: [{ ARN: roleArn, accountId: roleAccount, type: 'AWS::IAM::Role' }] }),
    eventType: 'AwsApiCall',
    managementEvent: true,
    recipientAccountId: call.recipientAccountId,
    eventCategory: 'Management',
    ...(call.tls !== undefined && {
      tlsDetails: {
        ...(call.tls.version !== undefined && { tlsVersion: call.tls.version }),
        ...(call.tls.cipherSuite !== undefined && { cipherSuite: call.tls.cipherSuite }),
        ...(call.tls.host !== undefined && { clientProvidedHostHeader: call.tls.host }),
      },
    }),
  };
}
