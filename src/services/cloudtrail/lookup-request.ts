// LookupEvents' input -> one store lookup, checked as CloudTrail checks it: at most one lookup
// attribute with a known key and a value of 1-2,000 characters, a time range whose start is
// not after its end (by default the last 90 days, CloudTrail's event history), 1-50 results
// (default 50), and a NextToken made by this server for this very query.

import { JsonServiceError } from '../../protocol/json/json-error.js';
import type { WireObject, WireValue } from '../../protocol/wire-value.js';
import type { AuditAttributeKey, AuditLookup } from '../../storage/audit-repositories.js';
import { openNextToken, queryFingerprint } from './next-token.js';

export const LOOKUP_WINDOW_DAYS = 90;
export const DEFAULT_MAX_RESULTS = 50;
const DAY_MS = 24 * 60 * 60 * 1000;
const MAX_VALUE_LENGTH = 2000;

const ATTRIBUTE_KEYS: ReadonlySet<string> = new Set<AuditAttributeKey>([
  'EventId',
  'EventName',
  'ReadOnly',
  'Username',
  'ResourceType',
  'ResourceName',
  'EventSource',
  'AccessKeyId',
]);

export interface LookupPlan {
  /** The store query, with `limit` one more than a page so that a further page is known. */
  readonly lookup: AuditLookup;
  readonly pageSize: number;
  /** What a NextToken for this query is bound to. */
  readonly fingerprint: string;
}

const error = (code: string, message: string): JsonServiceError => new JsonServiceError(code, message);

function attributeOf(input: WireObject): AuditLookup['attribute'] {
  const list = input.LookupAttributes;
  if (list === undefined) return undefined;
  if (!Array.isArray(list)) throw error('InvalidLookupAttributesException', 'LookupAttributes must be a list.');
  const items = list as readonly WireValue[];
  if (items.length === 0) return undefined;
  if (items.length > 1) throw error('InvalidLookupAttributesException', 'You can specify at most one lookup attribute.');
  const item = items[0] as WireObject | undefined;
  const key = item?.AttributeKey;
  const value = item?.AttributeValue;
  if (typeof key !== 'string' || !ATTRIBUTE_KEYS.has(key)) {
    throw error('InvalidLookupAttributesException', `Invalid attribute key: ${typeof key === 'string' ? key : 'null'}. Valid keys are: ${[...ATTRIBUTE_KEYS].join(', ')}.`);
  }
  if (typeof value !== 'string' || value.length < 1 || value.length > MAX_VALUE_LENGTH) {
    throw error('InvalidLookupAttributesException', `The value of lookup attribute ${key} must be 1 to ${MAX_VALUE_LENGTH} characters long.`);
  }
  return { key: key as AuditAttributeKey, value };
}

function timeOf(value: WireValue | undefined, name: string): Date | undefined {
  if (value === undefined) return undefined;
  if (!(value instanceof Date) || Number.isNaN(value.getTime())) throw error('InvalidTimeRangeException', `${name} is not a valid time.`);
  return value;
}

/** Reads and checks the input; throws CloudTrail's errors. `now` sets the default window. */
export function planLookup(input: WireObject, options: { readonly accountId: string; readonly now: Date; readonly tokenKey: Buffer }): LookupPlan {
  const attribute = attributeOf(input);
  if (input.EventCategory !== undefined && input.EventCategory !== 'insight') {
    throw error('InvalidEventCategoryException', 'The only valid event category is insight.');
  }
  const end = timeOf(input.EndTime, 'EndTime') ?? options.now;
  const start = timeOf(input.StartTime, 'StartTime') ?? new Date(Math.min(end.getTime(), options.now.getTime()) - LOOKUP_WINDOW_DAYS * DAY_MS);
  if (start.getTime() > end.getTime()) throw error('InvalidTimeRangeException', 'Start time must not be after end time.');
  const max = input.MaxResults;
  if (max !== undefined && (typeof max !== 'number' || !Number.isInteger(max) || max < 1 || max > DEFAULT_MAX_RESULTS)) {
    throw error('InvalidMaxResultsException', `MaxResults must be between 1 and ${DEFAULT_MAX_RESULTS}.`);
  }
  const pageSize = typeof max === 'number' ? max : DEFAULT_MAX_RESULTS;
  // Bound to what was asked, not to the defaults filled in, so the next page's call (made
  // later, with a later `now`) still matches; and to the account, so a token never crosses one.
  const fingerprint = queryFingerprint({
    account: options.accountId,
    attribute: attribute === undefined ? null : [attribute.key, attribute.value],
    start: input.StartTime instanceof Date ? input.StartTime.getTime() : null,
    end: input.EndTime instanceof Date ? input.EndTime.getTime() : null,
    category: input.EventCategory ?? null,
    max: pageSize,
  });
  let after: AuditLookup['after'];
  if (input.NextToken !== undefined) {
    const cursor = typeof input.NextToken === 'string' ? openNextToken(options.tokenKey, input.NextToken, fingerprint) : undefined;
    if (cursor === undefined) throw error('InvalidNextTokenException', 'Invalid NextToken. The token is not valid or was used with different parameters.');
    after = { time: new Date(cursor.time), eventId: cursor.eventId };
  }
  return {
    lookup: {
      accountId: options.accountId,
      ...(attribute !== undefined && { attribute }),
      start,
      end,
      ...(after !== undefined && { after }),
      limit: pageSize + 1,
    },
    pageSize,
    fingerprint,
  };
}
