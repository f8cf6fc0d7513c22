// Events linked into a chain per partition (one per node, so nodes never contend for the
// chain's head): each link is an HMAC over the partition, the sequence number, the
// previous link and the record's exact stored text. Changing, removing, reordering or
// inserting an event breaks every later link, and without the master key nobody can
// forge new links.

import { createHmac, timingSafeEqual } from 'node:crypto';

/** The link before a partition's first event. */
export const GENESIS_LINK = '0'.repeat(64);

export interface ChainedEvent {
  readonly partition: string;
  /** 1, 2, 3, ... within the partition. */
  readonly seq: number;
  readonly eventId: string;
  /** The CloudTrail record exactly as stored (JSON text). */
  readonly record: string;
  readonly prevLink: string;
  readonly link: string;
}

export function linkFor(chainKey: Buffer, partition: string, seq: number, prevLink: string, record: string): string {
  return createHmac('sha256', chainKey).update(`${partition}\n${seq}\n${prevLink}\n`).update(record).digest('hex');
}

/** The next event of a partition, linked to `previous` (undefined for the first). */
export function chainEvent(
  chainKey: Buffer,
  partition: string,
  previous: { readonly seq: number; readonly link: string } | undefined,
  event: { readonly eventId: string; readonly record: string },
): ChainedEvent {
  const seq = (previous?.seq ?? 0) + 1;
  const prevLink = previous?.link ?? GENESIS_LINK;
  return { partition, seq, eventId: event.eventId, record: event.record, prevLink, link: linkFor(chainKey, partition, seq, prevLink, event.record) };
}

export function sameLink(a: string, b: string): boolean {
  return a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));
}
