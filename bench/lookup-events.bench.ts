// `npm run bench:server` (second part): CloudTrail LookupEvents by user over a trail of
// BENCH_LOOKUP_EVENTS (default 1,000,000) stored events. The events are bulk-loaded into the
// SQLite file (chained as the server chains them; see fill), spread over 1,000 IAM users and
// 30 days; then a real `keyward serve` on that store answers
// signed LookupEvents calls from the AWS SDK v3 client, one at a time, and the latency of each
// is measured: Username lookups (about 1,000 matching events each, first page of 50), the
// second page through the NextToken, and EventName lookups (a tenth of the trail matching).
// Target: p99 < 50 ms by user. No peer runs here: CloudTrail itself is a hosted service.

import { randomUUID } from 'node:crypto';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { CloudTrailClient, LookupEventsCommand } from '@aws-sdk/client-cloudtrail';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { deriveAuditKeys } from '../src/audit/chain/audit-keys.js';
import { buildApiCallRecord } from '../src/audit/record/build-record.js';
import { cloudTrailTime, type CloudTrailRecord } from '../src/audit/record/cloudtrail-record.js';
import { chainEvent } from '../src/audit/chain/chain.js';
import { newEventId } from '../src/audit/record/event-id.js';
import { resourcesOf, usernameOf } from '../src/audit/trail/event-columns.js';
import { loadMasterKey } from '../src/auth/secret-box.js';
import { loadServiceModel } from '../src/protocol/model/service-model.js';
import { openStore } from '../src/storage/open-store.js';
import { asyncLatencies, percentile } from './measure.js';
import { ensureBuilt, startKeyward } from './server-process.js';

const EVENTS = Number(process.env.BENCH_LOOKUP_EVENTS ?? 1_000_000);
const USERS = 1000;
const BATCH = 50_000;
const PARTITION = 'bench-fill';
const QUERIES = Number(process.env.BENCH_LOOKUP_QUERIES ?? 300);
const DAYS = 30;
const ROOT = { accessKeyId: 'AKIABENCHLOOKUPROOT1', secretAccessKey: 'bench-lookup-root-secret-0123456789abcdef' };
const ACTIONS = ['GetUser', 'ListUsers', 'CreateUser', 'TagUser', 'ListAttachedUserPolicies', 'GetRole', 'PutUserPolicy', 'ListGroups', 'GetPolicy', 'CreateAccessKey'];

const userName = (i: number): string => `lookup-user-${String(i).padStart(4, '0')}`;
const ms = (ns: number): string => (ns / 1e6).toFixed(2);

/**
 * Stores EVENTS events straight into the SQLite file (not through the API, nor row by row
 * through the audit port): the trail's secondary indexes are dropped, the rows inserted with
 * prepared statements in large transactions, and the indexes made again from their own
 * definitions in the schema, so the lookups run on exactly the indexes the server has. Each
 * event is a record built as the server builds it, chained as the trail writer chains it,
 * with a time-ordered id (audit/record/event-id.ts) as the server gives it.
 */
async function fill(dataDir: string, accountId: string): Promise<number> {
  const file = join(dataDir, 'keyward.db');
  const keys = deriveAuditKeys(await loadMasterKey({ dataDir }));
  const model = loadServiceModel('iam');
  const now = Date.now();
  const span = DAYS * 86_400_000;
  // One record per action, built as the server builds it; each event varies its caller, target, time and ids.
  const templates: Record<string, CloudTrailRecord> = {};
  for (const action of ACTIONS) {
    templates[action] = buildApiCallRecord(model, {
      service: 'iam',
      action,
      identity: { type: 'IAMUser', principalId: 'AIDA', arn: `arn:aws:iam::${accountId}:user/x`, accountId, accessKeyId: 'AKIA', userName: 'x' },
      recipientAccountId: accountId,
      time: new Date(now),
      region: 'us-east-1',
      sourceIp: '192.0.2.10',
      userAgent: 'aws-cli/2.15.0 Python/3.11 bench',
      requestId: 'r',
      eventId: 'e',
      input: { UserName: 'x' },
    });
  }
  const db = new Database(file);
  const t0 = Date.now();
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = OFF');
    // The secondary indexes the migrations left (primary keys and UNIQUE stay), made again below.
    const indexes = db
      .prepare("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name IN ('audit_events', 'audit_event_resources') AND sql IS NOT NULL")
      .all() as { name: string; sql: string }[];
    for (const index of indexes) db.exec(`DROP INDEX ${index.name}`);
    const insertEvent = db.prepare(
      `INSERT INTO audit_events (partition_name, seq, prev_link, link, event_id, account_id, event_time, event_name, event_source,
         read_only, username, access_key_id, resources, record) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    const insertResource = db.prepare(
      'INSERT INTO audit_event_resources (event_id, account_id, event_time, resource_type, resource_name) VALUES (?, ?, ?, ?, ?)',
    );
    let previous: { seq: number; link: string } | undefined;
    for (let done = 0; done < EVENTS; done += BATCH) {
      db.exec('BEGIN');
      for (let i = done; i < Math.min(EVENTS, done + BATCH); i++) {
        const user = userName(i % USERS);
        const action = ACTIONS[Math.floor(i / USERS) % ACTIONS.length]!;
        // Oldest first, as a trail is written.
        const time = new Date(now - span + Math.floor((i / EVENTS) * span));
        const record: CloudTrailRecord = {
          ...templates[action]!,
          userIdentity: { type: 'IAMUser', principalId: `AIDA${String(i % USERS).padStart(17, '0')}`, arn: `arn:aws:iam::${accountId}:user/${user}`, accountId, accessKeyId: `AKIA${String(i % USERS).padStart(16, '0')}`, userName: user },
          eventTime: cloudTrailTime(time),
          requestParameters: { userName: userName((i * 7) % USERS) },
          requestID: randomUUID(),
          eventID: newEventId(time.getTime()),
        };
        const chained = chainEvent(keys.chainKey, PARTITION, previous, { eventId: record.eventID, record: JSON.stringify(record) });
        previous = chained;
        const resources = resourcesOf(record);
        const username = usernameOf(record) ?? null;
        insertEvent.run(PARTITION, chained.seq, chained.prevLink, chained.link, chained.eventId, accountId, time.getTime(), record.eventName,
          record.eventSource, record.readOnly ? 1 : 0, username, record.userIdentity.accessKeyId ?? null, JSON.stringify(resources), chained.record);
        for (const r of resources) insertResource.run(chained.eventId, accountId, time.getTime(), r.type, r.name);
      }
      db.exec('COMMIT');
      if ((done / BATCH) % 10 === 0) process.stderr.write(`bench: stored ${Math.min(EVENTS, done + BATCH).toLocaleString('en-US')} events in ${((Date.now() - t0) / 1000).toFixed(0)} s\n`);
    }
    db.prepare('INSERT INTO audit_heads (partition_name, seq, link, digested_seq, digested_at) VALUES (?, ?, ?, 0, ?)').run(PARTITION, previous!.seq, previous!.link, now);
    const t1 = Date.now();
    for (const index of indexes) db.exec(index.sql);
    db.pragma('wal_checkpoint(TRUNCATE)');
    process.stderr.write(`bench: indexes made in ${((Date.now() - t1) / 1000).toFixed(0)} s\n`);
  } finally {
    db.close();
  }
  return (Date.now() - t0) / 1000;
}

function summary(name: string, samples: readonly number[]): string {
  return `${name.padEnd(44)} p50 ${ms(percentile(samples, 50))} ms  p99 ${ms(percentile(samples, 99))} ms  max ${ms(Math.max(...samples))} ms  (${samples.length} calls)`;
}

async function main(): Promise<void> {
  console.log(`LookupEvents benchmark: ${EVENTS.toLocaleString('en-US')} stored events, ${USERS} users, ${DAYS} days, SQLite; ${QUERIES} signed calls per query kind, one at a time, AWS SDK v3 client`);
  console.log(`load average ${loadavg().map((l) => l.toFixed(2)).join(' ')}: on a busy machine latency is mostly waiting for a core; the CPU-ms figures are not`);
  ensureBuilt();
  const first = await startKeyward({ rootKey: ROOT });
  const dataDir = first.dataDir;
  const endpoint = first.url;
  const sts = new STSClient({ endpoint, region: 'us-east-1', credentials: ROOT });
  const accountId = (await sts.send(new GetCallerIdentityCommand({}))).Account!;
  await first.stop();
  const seconds = await fill(dataDir, accountId);
  console.log(`stored ${EVENTS.toLocaleString('en-US')} events straight into SQLite (indexes made after the load) in ${seconds.toFixed(0)} s (${Math.round(EVENTS / seconds).toLocaleString('en-US')} events/s)`);

  // The store's own part, in process: the lookup the server makes for the first page (51 rows),
  // timed alone, with this process's CPU time per call (the machine's load does not inflate it).
  const store = await openStore({ kind: 'sqlite', file: join(dataDir, 'keyward.db') });
  try {
    const since = new Date(Date.now() - 90 * 86_400_000);
    const lookup = (i: number) => store.read((tx) => tx.audit.lookup({ accountId, attribute: { key: 'Username', value: userName((i * 37) % USERS) }, start: since, end: new Date(), limit: 51 }));
    if ((await lookup(1)).length !== Math.min(51, Math.floor(EVENTS / USERS))) throw new Error('store lookup by user returned too few events');
    const cpu = process.cpuUsage();
    const inStore = await asyncLatencies(QUERIES, async (i) => void (await lookup(i)));
    const used = process.cpuUsage(cpu);
    console.log(`${summary('store lookup by user (in process, 51 rows):', inStore)}; ${((used.user + used.system) / 1000 / QUERIES).toFixed(2)} CPU-ms per call`);
  } finally {
    await store.close();
  }

  const server = await startKeyward({ rootKey: ROOT, dataDir });
  try {
    const trail = new CloudTrailClient({ endpoint: server.url, region: 'us-east-1', credentials: ROOT, maxAttempts: 1 });
    // One StartTime for every call: a NextToken only opens with the parameters it was made for.
    const start = new Date(Date.now() - 90 * 86_400_000);
    const byUser = (i: number) =>
      trail.send(new LookupEventsCommand({ LookupAttributes: [{ AttributeKey: 'Username', AttributeValue: userName((i * 37) % USERS) }], StartTime: start }));
    // Checked before measuring: a lookup that finds nothing would be fast for the wrong reason.
    const probe = await byUser(1);
    const expected = Math.min(50, Math.floor(EVENTS / USERS));
    if ((probe.Events?.length ?? 0) !== expected || probe.Events?.some((e) => e.Username !== userName(37))) throw new Error(`Username lookup returned ${probe.Events?.length} events`);
    await asyncLatencies(20, async (i) => void (await byUser(i + 500)));

    // The server's CPU time per call (from /proc): what a call costs it, whatever the load.
    const serverCpu = server.cpuSeconds();
    const users = await asyncLatencies(QUERIES, async (i) => void (await byUser(i)));
    const serverCpuMs = ((server.cpuSeconds() - serverCpu) * 1000) / QUERIES;
    const tokens = await Promise.all(Array.from({ length: Math.min(QUERIES, 100) }, async (_, i) => ({ i, token: (await byUser(i)).NextToken })));
    const pages = await asyncLatencies(tokens.length, async (n) => {
      const { i, token } = tokens[n]!;
      const out = await trail.send(
        new LookupEventsCommand({ LookupAttributes: [{ AttributeKey: 'Username', AttributeValue: userName((i * 37) % USERS) }], StartTime: start, NextToken: token }),
      );
      if ((out.Events?.length ?? 0) === 0) throw new Error('second page empty');
    });
    const names = await asyncLatencies(Math.min(QUERIES, 100), async (i) => {
      const out = await trail.send(new LookupEventsCommand({ LookupAttributes: [{ AttributeKey: 'EventName', AttributeValue: ACTIONS[i % ACTIONS.length]! }] }));
      if ((out.Events?.length ?? 0) !== 50) throw new Error('EventName lookup short');
    });
    console.log(`${summary('LookupEvents Username=<user>, first page:', users)}; server ${serverCpuMs.toFixed(2)} CPU-ms per call`);
    console.log(summary('LookupEvents Username=<user>, second page:', pages));
    console.log(summary('LookupEvents EventName=<name> (1/10 match):', names));
    const p99 = percentile(users, 99) / 1e6;
    console.log(`target p99 < 50 ms for LookupEvents by user over ${EVENTS.toLocaleString('en-US')} events: ${p99 < 50 ? 'met' : 'NOT met'} (${p99.toFixed(2)} ms)`);
  } finally {
    await server.stop();
  }
}

main().catch((error: unknown) => {
  console.error(`bench: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  process.exitCode = 1;
});
