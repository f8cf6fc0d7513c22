// Appends records to a partition's chain inside a write transaction: reads the head, links
// each record to the one before (audit/chain/chain.ts) and stores them with their filter
// columns. Called inside the transaction that makes the change, so both commit or neither.

import { chainEvent } from '../chain/chain.js';
import type { CloudTrailRecord } from '../record/cloudtrail-record.js';
import type { AuditEvent } from '../../storage/audit-repositories.js';
import type { StoreTx } from '../../storage/ports.js';
import { resourcesOf, usernameOf } from './event-columns.js';

/** A record and the exact time of its call (the record's eventTime keeps only seconds). */
export interface TrailEntry {
  readonly record: CloudTrailRecord;
  readonly time: Date;
  /** The record's JSON, when it was already made (a worker receives records as text). */
  readonly text?: string;
}

export async function appendRecords(tx: StoreTx, chainKey: Buffer, partition: string, entries: readonly TrailEntry[]): Promise<AuditEvent[]> {
  if (entries.length === 0) return [];
  let previous: { seq: number; link: string } | undefined = await tx.audit.head(partition);
  const events: AuditEvent[] = [];
  for (const { record, time, text: made } of entries) {
    const text = made ?? JSON.stringify(record);
    const chained = chainEvent(chainKey, partition, previous, { eventId: record.eventID, record: text });
    const username = usernameOf(record);
    const accessKeyId = record.userIdentity.accessKeyId;
    events.push({
      ...chained,
      accountId: record.recipientAccountId,
      eventTime: time,
      eventName: record.eventName,
      eventSource: record.eventSource,
      readOnly: record.readOnly,
      ...(username !== undefined && { username }),
      ...(accessKeyId !== undefined && accessKeyId !== '' && { accessKeyId }),
      resources: resourcesOf(record),
    });
    previous = chained;
  }
  await tx.audit.append(events);
  return events;
}
