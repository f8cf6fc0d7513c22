// The audit trail in SQL: events with their filter columns (plus one row per named resource,
// for LookupEvents' ResourceType and ResourceName), chain heads and digests.
import type { SignedDigest } from '../../audit/chain/digest.js';
import type { AuditEvent, AuditHead, AuditLookup, AuditRepository, AuditResource } from '../audit-repositories.js';
import { dateOf, flag } from './columns.js';
import type { SqlExecutor, SqlRow, SqlValue } from './executor.js';

const EVENT_COLUMNS = `partition_name, seq, prev_link, link, event_id, account_id, event_time, event_name,
  event_source, read_only, username, access_key_id, resources, record`;
const SELECT_EVENTS = `SELECT ${EVENT_COLUMNS} FROM audit_events`;

function eventOf(row: SqlRow): AuditEvent {
  return {
    partition: String(row.partition_name),
    seq: Number(row.seq),
    prevLink: String(row.prev_link),
    link: String(row.link),
    eventId: String(row.event_id),
    accountId: String(row.account_id),
    eventTime: dateOf(row.event_time),
    eventName: String(row.event_name),
    eventSource: String(row.event_source),
    readOnly: Number(row.read_only) === 1,
    ...(row.username !== null && row.username !== undefined && { username: String(row.username) }),
    ...(row.access_key_id !== null && row.access_key_id !== undefined && { accessKeyId: String(row.access_key_id) }),
    resources: JSON.parse(String(row.resources)) as AuditResource[],
    record: String(row.record),
  };
}

function headOf(row: SqlRow): AuditHead {
  return {
    partition: String(row.partition_name),
    seq: Number(row.seq),
    link: String(row.link),
    digestedSeq: Number(row.digested_seq),
    digestedAt: dateOf(row.digested_at),
  };
}

function digestOf(row: SqlRow): SignedDigest {
  return {
    partition: String(row.partition_name),
    fromSeq: Number(row.from_seq),
    toSeq: Number(row.to_seq),
    lastLink: String(row.last_link),
    previousSignature: String(row.previous_signature),
    createdAt: String(row.created_at),
    signature: String(row.signature),
  };
}

/** The WHERE clause of one lookup attribute, on events aliased `e`. */
function attributeFilter(query: AuditLookup): { sql: string; params: SqlValue[]; byIdOnly?: boolean } {
  const attribute = query.attribute;
  if (attribute === undefined) return { sql: '', params: [] };
  switch (attribute.key) {
    case 'EventId':
      return { sql: ' AND e.event_id = ?', params: [attribute.value] };
    case 'EventName':
      return { sql: ' AND e.event_name = ?', params: [attribute.value] };
    case 'ReadOnly':
      return { sql: ' AND e.read_only = ?', params: [flag(attribute.value === 'true')] };
    case 'Username':
      return { sql: ' AND e.username = ?', params: [attribute.value] };
    case 'EventSource':
      return { sql: ' AND e.event_source = ?', params: [attribute.value] };
    case 'AccessKeyId':
      return { sql: ' AND e.access_key_id = ?', params: [attribute.value] };
    case 'ResourceType':
    case 'ResourceName': {
      const column = attribute.key === 'ResourceType' ? 'resource_type' : 'resource_name';
      return {
        sql: ` AND e.event_id IN (SELECT r.event_id FROM audit_event_resources r WHERE r.account_id = ? AND r.${column} = ?)`,
        params: [query.accountId, attribute.value],
        // A resource name is rare: its events are found through the resources' index and
        // fetched by id, never by walking the account's events (the account test is kept off
        // the indexes that start with it). Resource types are few and common: time order.
        byIdOnly: attribute.key === 'ResourceName',
      };
    }
  }
}

export function sqlAuditRepository(ex: SqlExecutor): AuditRepository {
  return {
    async head(partition) {
      const row = await ex.get('SELECT partition_name, seq, link, digested_seq, digested_at FROM audit_heads WHERE partition_name = ?', [partition]);
      return row ? headOf(row) : undefined;
    },

    async append(events) {
      const last = events[events.length - 1];
      if (last === undefined) return;
      for (const e of events) {
        await ex.run(`INSERT INTO audit_events (${EVENT_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, [
          e.partition,
          e.seq,
          e.prevLink,
          e.link,
          e.eventId,
          e.accountId,
          e.eventTime.getTime(),
          e.eventName,
          e.eventSource,
          flag(e.readOnly),
          e.username ?? null,
          e.accessKeyId ?? null,
          JSON.stringify(e.resources),
          e.record,
        ]);
        for (const r of e.resources) {
          await ex.run(
            `INSERT INTO audit_event_resources (event_id, account_id, event_time, resource_type, resource_name)
             VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`,
            [e.eventId, e.accountId, e.eventTime.getTime(), r.type, r.name],
          );
        }
      }
      await ex.run(
        `INSERT INTO audit_heads (partition_name, seq, link, digested_seq, digested_at) VALUES (?, ?, ?, 0, ?)
         ON CONFLICT (partition_name) DO UPDATE SET seq = excluded.seq, link = excluded.link`,
        [last.partition, last.seq, last.link, last.eventTime.getTime()],
      );
    },

    async lookup(query) {
      const filter = attributeFilter(query);
      const params: SqlValue[] = [query.accountId, ...filter.params];
      let sql = `${SELECT_EVENTS} e WHERE ${filter.byIdOnly === true ? "(e.account_id || '')" : 'e.account_id'} = ?${filter.sql}`;
      if (query.start !== undefined) {
        sql += ' AND e.event_time >= ?';
        params.push(query.start.getTime());
      }
      if (query.end !== undefined) {
        sql += ' AND e.event_time <= ?';
        params.push(query.end.getTime());
      }
      if (query.after !== undefined) {
        sql += ' AND (e.event_time < ? OR (e.event_time = ? AND e.event_id < ?))';
        params.push(query.after.time.getTime(), query.after.time.getTime(), query.after.eventId);
      }
      // With an attribute, the tie-break on event id is kept off every index (`|| ''`), so that
      // no index gives the whole ORDER BY: SQLite then walks the attribute's own index, which
      // ends in the event time, and sorts only events of equal time. Otherwise it would walk
      // the account's time index and filter, reading every event of a rare user.
      sql += query.attribute === undefined ? ' ORDER BY e.event_time DESC, e.event_id DESC LIMIT ?' : " ORDER BY e.event_time DESC, e.event_id || '' DESC LIMIT ?";
      params.push(query.limit);
      return (await ex.all(sql, params)).map(eventOf);
    },

    async range(partition, fromSeq, limit) {
      const rows = await ex.all(`${SELECT_EVENTS} WHERE partition_name = ? AND seq >= ? ORDER BY seq LIMIT ?`, [partition, fromSeq, limit]);
      return rows.map(eventOf);
    },

    async between(from, to, limit, after) {
      const params: SqlValue[] = [from.getTime(), to.getTime()];
      let sql = `${SELECT_EVENTS} WHERE event_time >= ? AND event_time < ?`;
      if (after !== undefined) {
        sql += ' AND (event_time > ? OR (event_time = ? AND event_id > ?))';
        params.push(after.time.getTime(), after.time.getTime(), after.eventId);
      }
      sql += ' ORDER BY event_time, event_id LIMIT ?';
      params.push(limit);
      return (await ex.all(sql, params)).map(eventOf);
    },

    async partitions() {
      const rows = await ex.all('SELECT partition_name, seq, link, digested_seq, digested_at FROM audit_heads ORDER BY partition_name', []);
      return rows.map(headOf);
    },

    async addDigest(digest, at) {
      await ex.run(
        `INSERT INTO audit_digests (partition_name, from_seq, to_seq, last_link, previous_signature, created_at, signature)
         VALUES (?, ?, ?, ?, ?, ?, ?)`,
        [digest.partition, digest.fromSeq, digest.toSeq, digest.lastLink, digest.previousSignature, digest.createdAt, digest.signature],
      );
      await ex.run('UPDATE audit_heads SET digested_seq = ?, digested_at = ? WHERE partition_name = ? AND digested_seq < ?', [
        digest.toSeq,
        at.getTime(),
        digest.partition,
        digest.toSeq,
      ]);
    },

    async digests(partition) {
      const columns = 'SELECT partition_name, from_seq, to_seq, last_link, previous_signature, created_at, signature FROM audit_digests';
      const rows =
        partition === undefined
          ? await ex.all(`${columns} ORDER BY partition_name, to_seq`, [])
          : await ex.all(`${columns} WHERE partition_name = ? ORDER BY to_seq`, [partition]);
      return rows.map(digestOf);
    },

    async latestDigest(partition) {
      const row = await ex.get(
        `SELECT partition_name, from_seq, to_seq, last_link, previous_signature, created_at, signature FROM audit_digests
         WHERE partition_name = ? ORDER BY to_seq DESC LIMIT 1`,
        [partition],
      );
      return row ? digestOf(row) : undefined;
    },

    async prune(before) {
      let removed = 0;
      const heads = await ex.all('SELECT partition_name FROM audit_heads', []);
      for (const head of heads) {
        const partition = String(head.partition_name);
        // The newest digest whose last event is older than the cut: everything up to it may go.
        const cut = await ex.get(
          `SELECT MAX(d.to_seq) AS to_seq FROM audit_digests d JOIN audit_events e
             ON e.partition_name = d.partition_name AND e.seq = d.to_seq
           WHERE d.partition_name = ? AND e.event_time < ?`,
          [partition, before.getTime()],
        );
        const toSeq = cut?.to_seq === null || cut?.to_seq === undefined ? 0 : Number(cut.to_seq);
        if (toSeq === 0) continue;
        await ex.run(
          `DELETE FROM audit_event_resources WHERE event_id IN
             (SELECT event_id FROM audit_events WHERE partition_name = ? AND seq <= ?)`,
          [partition, toSeq],
        );
        removed += (await ex.run('DELETE FROM audit_events WHERE partition_name = ? AND seq <= ?', [partition, toSeq])).changes;
      }
      return removed;
    },
  };
}
