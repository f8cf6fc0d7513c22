// CloudTrail's LookupEvents: the caller's account's events, newest first, filtered by at most
// one attribute and a time range, in pages of at most 50 with a sealed NextToken. Authorized
// as `cloudtrail:LookupEvents` on `*` (the action has no resource type).

import type { AuditEvent } from '../../storage/audit-repositories.js';
import type { WireObject } from '../../protocol/wire-value.js';
import type { Operation, OperationTable } from '../operation.js';
import { sealNextToken } from './next-token.js';
import { planLookup } from './lookup-request.js';

/** The purpose the NextToken key is derived from the master key for. */
export const NEXT_TOKEN_KEY_INFO = 'keyward/cloudtrail-lookup-events-token/1';

/** One stored event as LookupEvents answers it. */
export function eventOutput(event: AuditEvent): WireObject {
  return {
    EventId: event.eventId,
    EventName: event.eventName,
    ReadOnly: event.readOnly ? 'true' : 'false',
    ...(event.accessKeyId !== undefined && { AccessKeyId: event.accessKeyId }),
    EventTime: event.eventTime,
    EventSource: event.eventSource,
    ...(event.username !== undefined && { Username: event.username }),
    Resources: event.resources.map((r) => ({ ResourceType: r.type, ResourceName: r.name })),
    CloudTrailEvent: event.record,
  };
}

const lookupEvents: Operation = {
  // Checks come before validation, as AWS authorizes before it reads parameters.
  checks: () => [{ action: 'cloudtrail:LookupEvents', resource: '*' }],
  async run(input, ctx) {
    const tokenKey = ctx.secrets.deriveKey(NEXT_TOKEN_KEY_INFO);
    const plan = planLookup(input, { accountId: ctx.accountId, now: ctx.now, tokenKey });
    // EventCategory `insight`: Keyward has no Insights events.
    const found = input.EventCategory === 'insight' ? [] : await ctx.store.read((tx) => tx.audit.lookup(plan.lookup));
    const page = found.slice(0, plan.pageSize);
    const last = page[page.length - 1];
    const more = found.length > plan.pageSize && last !== undefined;
    return {
      Events: page.map(eventOutput),
      ...(more && { NextToken: sealNextToken(tokenKey, { time: last.eventTime.getTime(), eventId: last.eventId }, plan.fingerprint) }),
    };
  },
  validatesInput: true,
};

export const lookupEventsOperations: OperationTable = { LookupEvents: lookupEvents };
