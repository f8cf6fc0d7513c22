// CloudTrail's log-file format, so tools that read a trail's S3 objects read Keyward's
// export: `{"Records": [...]}` gzip'd, one file per region and time slice, named and
// foldered as CloudTrail delivers them:
// AWSLogs/<account>/CloudTrail/<region>/<yyyy>/<mm>/<dd>/<account>_CloudTrail_<region>_<yyyymmddThhmmZ>_<16 chars>.json.gz

import { gzipSync } from 'node:zlib';

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

export function logFileName(accountId: string, region: string, deliveredAt: Date, unique: string): string {
  if (!/^[A-Za-z0-9]{16}$/.test(unique)) throw new RangeError('the unique part of a log file name is 16 letters or digits');
  const d = deliveredAt;
  const stamp = `${d.getUTCFullYear()}${pad(d.getUTCMonth() + 1)}${pad(d.getUTCDate())}T${pad(d.getUTCHours())}${pad(d.getUTCMinutes())}Z`;
  return `${accountId}_CloudTrail_${region}_${stamp}_${unique}.json.gz`;
}

export function logFilePath(accountId: string, region: string, deliveredAt: Date, unique: string): string {
  const d = deliveredAt;
  return `AWSLogs/${accountId}/CloudTrail/${region}/${d.getUTCFullYear()}/${pad(d.getUTCMonth() + 1)}/${pad(d.getUTCDate())}/${logFileName(accountId, region, deliveredAt, unique)}`;
}

/** The gzip'd file for records given as their stored JSON texts (kept byte for byte). */
export function encodeLogFile(recordTexts: readonly string[]): Buffer {
  return gzipSync(`{"Records":[${recordTexts.join(',')}]}`);
}

export interface StoredRecord {
  /** Milliseconds since the epoch. */
  readonly time: number;
  readonly region: string;
  readonly text: string;
}

export interface LogSlice {
  readonly region: string;
  /** The slice's end: the file's delivery time, after every record in it. */
  readonly deliveredAt: Date;
  readonly records: readonly string[];
}

/** Groups records (in time order) into files per region and `sliceMinutes` of time. */
export function sliceRecords(records: Iterable<StoredRecord>, sliceMinutes: number): LogSlice[] {
  const width = sliceMinutes * 60_000;
  const slices = new Map<string, { region: string; end: number; records: string[] }>();
  for (const r of records) {
    const end = (Math.floor(r.time / width) + 1) * width;
    const key = `${r.region}\n${end}`;
    let slice = slices.get(key);
    if (slice === undefined) {
      slice = { region: r.region, end, records: [] };
      slices.set(key, slice);
    }
    slice.records.push(r.text);
  }
  return [...slices.values()].map((s) => ({ region: s.region, deliveredAt: new Date(s.end), records: s.records }));
}
