// An event's id: a UUID, as CloudTrail's eventID is, but time-ordered (RFC 9562 version 7:
// the first 48 bits are the Unix time in milliseconds, the rest random as in version 4). The
// trail's indexes keyed by event id (the id's own, and the resources' table) then grow at
// their end instead of at a random page per event, which keeps an append's cost flat as the
// trail grows (bench/SERVER.md: about half the store's cost per event at 200,000 events).

import { randomUUID } from 'node:crypto';

/** A version 7 UUID for an event at `timeMs` (74 random bits; ids of one millisecond are unordered). */
export function newEventId(timeMs: number = Date.now()): string {
  // randomUUID's `xxxxxxxx-xxxx-4xxx-yxxx-xxxxxxxxxxxx`: keep its random tail and variant, put
  // the time in front and the version 7 in place of the 4.
  const random = randomUUID();
  const time = Math.max(0, Math.min(Math.floor(timeMs), 0xffff_ffff_ffff)).toString(16).padStart(12, '0');
  return `${time.slice(0, 8)}-${time.slice(8)}-7${random.slice(15)}`;
}

/** The millisecond time a version 7 id carries. */
export function eventIdTime(id: string): number {
  return Number.parseInt(id.slice(0, 8) + id.slice(9, 13), 16);
}
