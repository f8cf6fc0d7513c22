// `keyward audit tail`: the newest records, oldest first, one JSON record per line; with
// --follow it keeps printing new ones as they are stored. --filter takes LookupEvents'
// attributes (`Username=alice`, `EventName=CreateUser`, `ReadOnly=false`, ...).

import type { AuditAttributeKey, AuditEvent } from '../storage/audit-repositories.js';
import type { Store } from '../storage/ports.js';
import { eventsBetween } from './audit-store.js';

export interface TailFilter {
  readonly key: AuditAttributeKey;
  readonly value: string;
}

const KEYS: readonly AuditAttributeKey[] = ['EventId', 'EventName', 'ReadOnly', 'Username', 'ResourceType', 'ResourceName', 'EventSource', 'AccessKeyId'];

/** `attr=value` -> a filter, or an error message. */
export function parseFilter(text: string): TailFilter | string {
  const eq = text.indexOf('=');
  const key = eq < 0 ? text : text.slice(0, eq);
  const found = KEYS.find((k) => k.toLowerCase() === key.toLowerCase());
  if (eq < 0 || found === undefined) return `--filter takes ATTRIBUTE=VALUE with ATTRIBUTE one of ${KEYS.join(', ')}`;
  return { key: found, value: text.slice(eq + 1) };
}

export function matchesFilter(event: AuditEvent, filter: TailFilter): boolean {
  const v = filter.value;
  switch (filter.key) {
    case 'EventId':
      return event.eventId === v;
    case 'EventName':
      return event.eventName === v;
    case 'ReadOnly':
      return String(event.readOnly) === v;
    case 'Username':
      return event.username === v;
    case 'EventSource':
      return event.eventSource === v;
    case 'AccessKeyId':
      return event.accessKeyId === v;
    case 'ResourceType':
      return event.resources.some((r) => r.type === v);
    case 'ResourceName':
      return event.resources.some((r) => r.name === v);
  }
}

export interface TailOptions {
  readonly filters: readonly TailFilter[];
  /** How many of the newest records to print first. */
  readonly last: number;
  /** How far back to look for them. */
  readonly sinceMs: number;
  readonly now: () => Date;
  /** Keep printing new records until the signal aborts. */
  readonly follow?: { readonly pollMs: number; readonly signal: AbortSignal };
}

/** A buffered batch of reads can land with times behind newer events: each poll re-reads this far back. */
const LATE_MS = 5_000;

export async function tailTrail(store: Store, print: (line: string) => void, options: TailOptions): Promise<void> {
  const keep = (e: AuditEvent): boolean => options.filters.every((f) => matchesFilter(e, f));
  const start = new Date(options.now().getTime() - options.sinceMs);
  // Stored times may run a little ahead of this process's clock on another node: read past now.
  const far = (): Date => new Date(options.now().getTime() + 24 * 60 * 60 * 1000);
  let newest = start.getTime();
  // Ids of the events within LATE_MS of the newest, so a re-read prints none of them twice.
  const seen = new Map<string, number>();
  const note = (e: AuditEvent): void => {
    const time = e.eventTime.getTime();
    seen.set(e.eventId, time);
    if (time > newest) newest = time;
  };
  const forget = (): void => {
    for (const [id, time] of seen) if (time < newest - LATE_MS) seen.delete(id);
  };

  const recent: AuditEvent[] = [];
  for await (const e of eventsBetween(store, start, far())) {
    note(e);
    if (seen.size > 10_000) forget();
    if (!keep(e)) continue;
    recent.push(e);
    if (recent.length > options.last) recent.shift();
  }
  forget();
  for (const e of recent) print(e.record);

  const follow = options.follow;
  while (follow !== undefined && !follow.signal.aborted) {
    await sleep(follow.pollMs, follow.signal);
    if (follow.signal.aborted) return;
    for await (const e of eventsBetween(store, new Date(newest - LATE_MS), far())) {
      if (seen.has(e.eventId)) continue;
      note(e);
      if (keep(e)) print(e.record);
    }
    forget();
  }
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener(
      'abort',
      () => {
        clearTimeout(timer);
        resolve();
      },
      { once: true },
    );
  });
}
