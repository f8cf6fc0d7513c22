// `keyward audit export --from --to --out DIR`: CloudTrail log files (audit/export/log-file.ts),
// one gzip'd `{"Records":[...]}` per account, region and hour, under CloudTrail's S3 key layout.
// Reads one hour at a time, so memory holds at most an hour of events.

import { randomBytes } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { encodeLogFile, logFilePath, sliceRecords, type StoredRecord } from '../audit/export/log-file.js';
import type { Store } from '../storage/ports.js';
import { eventsBetween } from './audit-store.js';

const HOUR_MS = 60 * 60 * 1000;
const ALPHANUMERIC = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

function uniquePart(): string {
  return [...randomBytes(16)].map((b) => ALPHANUMERIC[b % ALPHANUMERIC.length]).join('');
}

export interface ExportSummary {
  readonly files: readonly string[];
  readonly records: number;
}

export async function exportLogFiles(store: Store, from: Date, to: Date, outDir: string): Promise<ExportSummary> {
  const files: string[] = [];
  let records = 0;
  for (let hour = Math.floor(from.getTime() / HOUR_MS) * HOUR_MS; hour < to.getTime(); hour += HOUR_MS) {
    const start = new Date(Math.max(hour, from.getTime()));
    const end = new Date(Math.min(hour + HOUR_MS, to.getTime()));
    const byAccount = new Map<string, StoredRecord[]>();
    for await (const e of eventsBetween(store, start, end)) {
      const region = (JSON.parse(e.record) as { awsRegion?: string }).awsRegion ?? 'us-east-1';
      const list = byAccount.get(e.accountId) ?? [];
      list.push({ time: e.eventTime.getTime(), region, text: e.record });
      byAccount.set(e.accountId, list);
    }
    for (const [account, list] of byAccount) {
      for (const slice of sliceRecords(list, 60)) {
        const path = join(outDir, logFilePath(account, slice.region, slice.deliveredAt, uniquePart()));
        await mkdir(dirname(path), { recursive: true });
        await writeFile(path, encodeLogFile(slice.records));
        files.push(path);
        records += slice.records.length;
      }
    }
  }
  return { files, records };
}
