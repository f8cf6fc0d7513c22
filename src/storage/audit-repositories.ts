// The audit trail's storage: chained CloudTrail records, each partition's chain head, signed
// digests, and the lookups LookupEvents and `keyward audit` make. Chaining itself (the HMAC
// links) happens above this port (audit/trail/append.ts); the store keeps rows exactly as given.

import type { SignedDigest } from '../audit/chain/digest.js';
import type { ChainedEvent } from '../audit/chain/chain.js';

/** A resource an event names, as LookupEvents reports it (`AWS::IAM::User`, `alice`). */
export interface AuditResource {
  readonly type: string;
  readonly name: string;
}

/** One stored event: its chain position and the columns LookupEvents filters on. */
export interface AuditEvent extends ChainedEvent {
  readonly accountId: string;
  readonly eventTime: Date;
  readonly eventName: string;
  readonly eventSource: string;
  readonly readOnly: boolean;
  readonly username?: string;
  readonly accessKeyId?: string;
  readonly resources: readonly AuditResource[];
}

/** The newest event of a partition and the last sequence number a digest closed. */
export interface AuditHead {
  readonly partition: string;
  readonly seq: number;
  readonly link: string;
  readonly digestedSeq: number;
  readonly digestedAt: Date;
}

/** LookupEvents' attribute keys, as CloudTrail names them. */
export type AuditAttributeKey =
  | 'EventId'
  | 'EventName'
  | 'ReadOnly'
  | 'Username'
  | 'ResourceType'
  | 'ResourceName'
  | 'EventSource'
  | 'AccessKeyId';

export interface AuditLookup {
  readonly accountId: string;
  readonly attribute?: { readonly key: AuditAttributeKey; readonly value: string };
  /** Inclusive bounds on event time. */
  readonly start?: Date;
  readonly end?: Date;
  /** Newest first; continue strictly after this (time, event id) position. */
  readonly after?: { readonly time: Date; readonly eventId: string };
  readonly limit: number;
}

export interface AuditRepository {
  /** The partition's head, or undefined before its first event. */
  head(partition: string): Promise<AuditHead | undefined>;
  /** Appends chained events (consecutive seqs after the head) and moves the head to the last. */
  append(events: readonly AuditEvent[]): Promise<void>;
  /** Events newest first (time, then event id, descending). */
  lookup(query: AuditLookup): Promise<readonly AuditEvent[]>;
  /** A partition's events in seq order from `fromSeq`, at most `limit`. */
  range(partition: string, fromSeq: number, limit: number): Promise<readonly AuditEvent[]>;
  /** Every account's events in time order within [from, to), at most `limit` after `afterKey`. */
  between(from: Date, to: Date, limit: number, after?: { readonly time: Date; readonly eventId: string }): Promise<readonly AuditEvent[]>;
  partitions(): Promise<readonly AuditHead[]>;
  /** Stores a digest and records that the head's range up to its toSeq is signed. */
  addDigest(digest: SignedDigest, at: Date): Promise<void>;
  digests(partition?: string): Promise<readonly SignedDigest[]>;
  latestDigest(partition: string): Promise<SignedDigest | undefined>;
  /**
   * Deletes events older than `before`, but only whole digest ranges (so the first kept
   * event follows a signed link); returns how many events went.
   */
  prune(before: Date): Promise<number>;
}
