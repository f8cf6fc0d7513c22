// `keyward audit verify`: walks each partition's events in order and its digests, and
// reports the first broken link: an altered event, a missing or inserted one, a digest
// whose signature or range does not hold, or events missing before a partition's first
// kept event with no digest to vouch for what was pruned.

import { GENESIS_LINK, linkFor, sameLink, type ChainedEvent } from './chain.js';
import { digestSignatureValid, type SignedDigest } from './digest.js';
import type { KeyObject } from 'node:crypto';

export interface VerifyKeys {
  /** Without it (an auditor with only the public key), links are checked for continuity but not recomputed. */
  readonly chainKey?: Buffer;
  readonly verifyKey: KeyObject;
}

export interface BrokenLink {
  readonly partition: string;
  readonly seq: number;
  readonly eventId?: string;
  readonly reason: string;
}

export interface PartitionSummary {
  readonly partition: string;
  readonly events: number;
  readonly firstSeq?: number;
  readonly lastSeq?: number;
  readonly digests: number;
  /** Events after the newest digest: linked, but not yet signed. */
  readonly unsignedTail: number;
}

export interface VerifyReport {
  readonly ok: boolean;
  readonly partitions: readonly PartitionSummary[];
  readonly broken?: BrokenLink;
}

interface PartitionState {
  events: number;
  firstSeq?: number;
  last?: { seq: number; link: string };
}

/**
 * `events` must come ordered by partition, then sequence number (the store's index order);
 * `digests` in any order.
 */
export async function verifyTrail(keys: VerifyKeys, events: AsyncIterable<ChainedEvent> | Iterable<ChainedEvent>, digests: readonly SignedDigest[]): Promise<VerifyReport> {
  const byPartition = new Map<string, SignedDigest[]>();
  for (const d of digests) {
    const list = byPartition.get(d.partition) ?? [];
    list.push(d);
    byPartition.set(d.partition, list);
  }
  for (const list of byPartition.values()) list.sort((a, b) => a.toSeq - b.toSeq);

  // Digests first: each signed by the trail's key, each chained to the one before, ranges contiguous.
  for (const [partition, list] of byPartition) {
    let previous: SignedDigest | undefined;
    for (const d of list) {
      const at = { partition, seq: d.toSeq };
      if (!digestSignatureValid(keys.verifyKey, d)) return failed(byPartition, new Map(), { ...at, reason: 'digest signature does not verify' });
      if (d.previousSignature !== (previous?.signature ?? '')) return failed(byPartition, new Map(), { ...at, reason: 'digest does not follow the previous digest' });
      if (d.fromSeq !== (previous?.toSeq ?? 0) + 1 || d.toSeq < d.fromSeq) return failed(byPartition, new Map(), { ...at, reason: `digest range ${d.fromSeq}-${d.toSeq} does not follow the previous one` });
      previous = d;
    }
  }

  const states = new Map<string, PartitionState>();
  const digestAt = (partition: string, seq: number): SignedDigest | undefined => byPartition.get(partition)?.find((d) => d.toSeq === seq);

  for await (const event of events) {
    let state = states.get(event.partition);
    if (state === undefined) {
      state = { events: 0 };
      states.set(event.partition, state);
    }
    const at = { partition: event.partition, seq: event.seq, eventId: event.eventId };
    if (state.last === undefined) {
      // The first kept event follows the genesis link, or a digest that vouches for the pruned range.
      const expected = event.seq === 1 ? GENESIS_LINK : digestAt(event.partition, event.seq - 1)?.lastLink;
      if (expected === undefined) return failed(byPartition, states, { ...at, reason: `events 1-${event.seq - 1} are missing and no digest covers them` });
      if (!sameLink(event.prevLink, expected)) return failed(byPartition, states, { ...at, reason: 'first kept event does not follow the last pruned one' });
      state.firstSeq = event.seq;
    } else {
      if (event.seq !== state.last.seq + 1) {
        return failed(byPartition, states, { ...at, reason: event.seq <= state.last.seq ? 'event repeated or out of order' : `events ${state.last.seq + 1}-${event.seq - 1} are missing` });
      }
      if (!sameLink(event.prevLink, state.last.link)) return failed(byPartition, states, { ...at, reason: 'event does not follow the previous event' });
    }
    if (keys.chainKey !== undefined && !sameLink(event.link, linkFor(keys.chainKey, event.partition, event.seq, event.prevLink, event.record))) {
      return failed(byPartition, states, { ...at, reason: 'event was altered' });
    }
    const digest = digestAt(event.partition, event.seq);
    if (digest !== undefined && !sameLink(digest.lastLink, event.link)) return failed(byPartition, states, { ...at, reason: 'event differs from what its digest signed' });
    state.events++;
    state.last = { seq: event.seq, link: event.link };
  }

  // Signed events must still be there: a digest past the last kept event means the tail was cut.
  for (const [partition, list] of byPartition) {
    const newest = list[list.length - 1];
    const last = states.get(partition)?.last;
    if (newest !== undefined && (last === undefined || last.seq < newest.toSeq)) {
      return failed(byPartition, states, { partition, seq: (last?.seq ?? newest.fromSeq - 1) + 1, reason: `events up to ${newest.toSeq} were signed but are missing` });
    }
  }
  return { ok: true, partitions: summaries(byPartition, states) };
}

function failed(digests: Map<string, SignedDigest[]>, states: Map<string, PartitionState>, broken: BrokenLink): VerifyReport {
  return { ok: false, partitions: summaries(digests, states), broken };
}

function summaries(digests: Map<string, SignedDigest[]>, states: Map<string, PartitionState>): PartitionSummary[] {
  const names = new Set([...digests.keys(), ...states.keys()]);
  return [...names].sort().map((partition) => {
    const state = states.get(partition);
    const list = digests.get(partition) ?? [];
    const signedTo = list[list.length - 1]?.toSeq ?? 0;
    const lastSeq = state?.last?.seq;
    return {
      partition,
      events: state?.events ?? 0,
      ...(state?.firstSeq !== undefined && { firstSeq: state.firstSeq }),
      ...(lastSeq !== undefined && { lastSeq }),
      digests: list.length,
      unsignedTail: lastSeq === undefined ? 0 : Math.max(0, lastSeq - signedTo),
    };
  });
}
