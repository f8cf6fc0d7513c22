// EventBridge's rules, targets, connections, API destinations and the alert outbox in SQL.
// Outbox claims are leases: a conditional UPDATE takes an entry only while no live lease holds
// it, so two nodes can never both hold one, whatever the isolation level; every Keyward write
// is also ordered by the backend (SQLite's one writer, PostgreSQL's advisory write lock).
import { EntityAlreadyExistsError } from '../errors.js';
import type {
  ApiDestination,
  DeadLetter,
  EventConnection,
  EventRule,
  EventRuleState,
  EventsRepository,
  EventTarget,
  NamedListRequest,
  OutboxEntry,
} from '../events-repositories.js';
import type { Page } from '../repositories.js';
import { dateOf, optionalText, textOrUndefined } from './columns.js';
import type { SqlExecutor, SqlRow, SqlValue } from './executor.js';
import { limitPlusOne, toPage } from './paging.js';

const RULE_COLUMNS = 'account_id, name, arn, event_pattern, schedule_expression, state, description, role_arn, created_by, created_at';
const TARGET_COLUMNS = 'account_id, rule_name, target_id, arn, role_arn, input';
const CONNECTION_COLUMNS = 'account_id, name, arn, description, authorization_type, auth_name, sealed_secret, created_at, modified_at';
const DESTINATION_COLUMNS = 'account_id, name, arn, description, connection_arn, endpoint, http_method, rate_limit, created_at, modified_at';
const OUTBOX_COLUMNS = 'id, account_id, rule_name, target_id, target_arn, event_id, payload, attempts, next_attempt_at, created_at, last_error';

function ruleOf(row: SqlRow): EventRule {
  const eventPattern = textOrUndefined(row.event_pattern);
  const scheduleExpression = textOrUndefined(row.schedule_expression);
  const description = textOrUndefined(row.description);
  const roleArn = textOrUndefined(row.role_arn);
  return {
    accountId: String(row.account_id),
    name: String(row.name),
    arn: String(row.arn),
    ...(eventPattern !== undefined && { eventPattern }),
    ...(scheduleExpression !== undefined && { scheduleExpression }),
    state: String(row.state) as EventRuleState,
    ...(description !== undefined && { description }),
    ...(roleArn !== undefined && { roleArn }),
    createdBy: String(row.created_by),
    createdAt: dateOf(row.created_at),
  };
}

function targetOf(row: SqlRow): EventTarget {
  const roleArn = textOrUndefined(row.role_arn);
  const input = textOrUndefined(row.input);
  return {
    accountId: String(row.account_id),
    ruleName: String(row.rule_name),
    id: String(row.target_id),
    arn: String(row.arn),
    ...(roleArn !== undefined && { roleArn }),
    ...(input !== undefined && { input }),
  };
}

function connectionOf(row: SqlRow): EventConnection {
  const description = textOrUndefined(row.description);
  return {
    accountId: String(row.account_id),
    name: String(row.name),
    arn: String(row.arn),
    ...(description !== undefined && { description }),
    authorizationType: String(row.authorization_type) as EventConnection['authorizationType'],
    authName: String(row.auth_name),
    sealedSecret: String(row.sealed_secret),
    createdAt: dateOf(row.created_at),
    modifiedAt: dateOf(row.modified_at),
  };
}

function destinationOf(row: SqlRow): ApiDestination {
  const description = textOrUndefined(row.description);
  return {
    accountId: String(row.account_id),
    name: String(row.name),
    arn: String(row.arn),
    ...(description !== undefined && { description }),
    connectionArn: String(row.connection_arn),
    endpoint: String(row.endpoint),
    httpMethod: String(row.http_method),
    ...(row.rate_limit !== null && row.rate_limit !== undefined && { rateLimitPerSecond: Number(row.rate_limit) }),
    createdAt: dateOf(row.created_at),
    modifiedAt: dateOf(row.modified_at),
  };
}

function outboxOf(row: SqlRow): OutboxEntry {
  const lastError = textOrUndefined(row.last_error);
  return {
    id: String(row.id),
    accountId: String(row.account_id),
    ruleName: String(row.rule_name),
    targetId: String(row.target_id),
    targetArn: String(row.target_arn),
    eventId: String(row.event_id),
    payload: String(row.payload),
    attempts: Number(row.attempts),
    nextAttemptAt: dateOf(row.next_attempt_at),
    createdAt: dateOf(row.created_at),
    ...(lastError !== undefined && { lastError }),
  };
}

/** A list by name within an account, case-sensitive prefix and keyset paging. */
async function listByName<T>(ex: SqlExecutor, table: string, columns: string, request: NamedListRequest, map: (row: SqlRow) => T): Promise<Page<T>> {
  const params: SqlValue[] = [request.accountId];
  let sql = `SELECT ${columns} FROM ${table} WHERE account_id = ?`;
  if (request.namePrefix !== undefined && request.namePrefix !== '') {
    sql += ' AND substr(name, 1, ?) = ?';
    params.push(request.namePrefix.length, request.namePrefix);
  }
  if (request.after !== undefined) {
    sql += ' AND name > ?';
    params.push(request.after);
  }
  sql += ' ORDER BY name LIMIT ?';
  params.push(limitPlusOne(request));
  const rows = await ex.all(sql, params);
  return toPage(rows, request, map, (row) => String(row.name));
}

export function sqlEventsRepository(ex: SqlExecutor): EventsRepository {
  return {
    async putRule(rule) {
      await ex.run(
        `INSERT INTO events_rules (${RULE_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (account_id, name) DO UPDATE SET arn = excluded.arn, event_pattern = excluded.event_pattern,
           schedule_expression = excluded.schedule_expression, state = excluded.state, description = excluded.description,
           role_arn = excluded.role_arn`,
        [
          rule.accountId,
          rule.name,
          rule.arn,
          optionalText(rule.eventPattern),
          optionalText(rule.scheduleExpression),
          rule.state,
          optionalText(rule.description),
          optionalText(rule.roleArn),
          rule.createdBy,
          rule.createdAt.getTime(),
        ],
      );
    },

    async getRule(accountId, name) {
      const row = await ex.get(`SELECT ${RULE_COLUMNS} FROM events_rules WHERE account_id = ? AND name = ?`, [accountId, name]);
      return row ? ruleOf(row) : undefined;
    },

    listRules: (request) => listByName(ex, 'events_rules', RULE_COLUMNS, request, ruleOf),

    async countRules(accountId) {
      const row = await ex.get<{ n: number }>('SELECT COUNT(*) AS n FROM events_rules WHERE account_id = ?', [accountId]);
      return Number(row?.n ?? 0);
    },

    async setRuleState(accountId, name, state) {
      return (await ex.run('UPDATE events_rules SET state = ? WHERE account_id = ? AND name = ?', [state, accountId, name])).changes > 0;
    },

    async deleteRule(accountId, name) {
      await ex.run('DELETE FROM events_targets WHERE account_id = ? AND rule_name = ?', [accountId, name]);
      return (await ex.run('DELETE FROM events_rules WHERE account_id = ? AND name = ?', [accountId, name])).changes > 0;
    },

    async activeRules() {
      const rules = (await ex.all(`SELECT ${RULE_COLUMNS} FROM events_rules WHERE state <> 'DISABLED' ORDER BY account_id, name`, [])).map(ruleOf);
      const targets = (
        await ex.all(
          `SELECT t.account_id, t.rule_name, t.target_id, t.arn, t.role_arn, t.input FROM events_targets t
           JOIN events_rules r ON r.account_id = t.account_id AND r.name = t.rule_name
           WHERE r.state <> 'DISABLED' ORDER BY t.account_id, t.rule_name, t.target_id`,
          [],
        )
      ).map(targetOf);
      const byRule = new Map<string, EventTarget[]>();
      for (const t of targets) {
        const key = `${t.accountId}\0${t.ruleName}`;
        const list = byRule.get(key) ?? [];
        list.push(t);
        byRule.set(key, list);
      }
      return rules.map((rule) => ({ rule, targets: byRule.get(`${rule.accountId}\0${rule.name}`) ?? [] }));
    },

    async putTarget(target) {
      await ex.run(
        `INSERT INTO events_targets (${TARGET_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?)
         ON CONFLICT (account_id, rule_name, target_id) DO UPDATE SET arn = excluded.arn, role_arn = excluded.role_arn, input = excluded.input`,
        [target.accountId, target.ruleName, target.id, target.arn, optionalText(target.roleArn), optionalText(target.input)],
      );
    },

    async listTargets(accountId, ruleName, page) {
      const params: SqlValue[] = [accountId, ruleName];
      let sql = `SELECT ${TARGET_COLUMNS} FROM events_targets WHERE account_id = ? AND rule_name = ?`;
      if (page.after !== undefined) {
        sql += ' AND target_id > ?';
        params.push(page.after);
      }
      sql += ' ORDER BY target_id LIMIT ?';
      params.push(limitPlusOne(page));
      return toPage(await ex.all(sql, params), page, targetOf, (row) => String(row.target_id));
    },

    async countTargets(accountId, ruleName) {
      const row = await ex.get<{ n: number }>('SELECT COUNT(*) AS n FROM events_targets WHERE account_id = ? AND rule_name = ?', [accountId, ruleName]);
      return Number(row?.n ?? 0);
    },

    async removeTarget(accountId, ruleName, id) {
      return (await ex.run('DELETE FROM events_targets WHERE account_id = ? AND rule_name = ? AND target_id = ?', [accountId, ruleName, id])).changes > 0;
    },

    async createConnection(c) {
      const { changes } = await ex.run(
        `INSERT INTO events_connections (${CONNECTION_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`,
        [c.accountId, c.name, c.arn, optionalText(c.description), c.authorizationType, c.authName, c.sealedSecret, c.createdAt.getTime(), c.modifiedAt.getTime()],
      );
      if (changes === 0) throw new EntityAlreadyExistsError('events-connection', c.name);
    },

    async getConnection(accountId, name) {
      const row = await ex.get(`SELECT ${CONNECTION_COLUMNS} FROM events_connections WHERE account_id = ? AND name = ?`, [accountId, name]);
      return row ? connectionOf(row) : undefined;
    },

    async getConnectionByArn(arn) {
      const row = await ex.get(`SELECT ${CONNECTION_COLUMNS} FROM events_connections WHERE arn = ?`, [arn]);
      return row ? connectionOf(row) : undefined;
    },

    listConnections: (request) => listByName(ex, 'events_connections', CONNECTION_COLUMNS, request, connectionOf),

    async deleteConnection(accountId, name) {
      return (await ex.run('DELETE FROM events_connections WHERE account_id = ? AND name = ?', [accountId, name])).changes > 0;
    },

    async createApiDestination(d) {
      const { changes } = await ex.run(
        `INSERT INTO events_api_destinations (${DESTINATION_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`,
        [
          d.accountId,
          d.name,
          d.arn,
          optionalText(d.description),
          d.connectionArn,
          d.endpoint,
          d.httpMethod,
          d.rateLimitPerSecond ?? null,
          d.createdAt.getTime(),
          d.modifiedAt.getTime(),
        ],
      );
      if (changes === 0) throw new EntityAlreadyExistsError('events-api-destination', d.name);
    },

    async getApiDestination(accountId, name) {
      const row = await ex.get(`SELECT ${DESTINATION_COLUMNS} FROM events_api_destinations WHERE account_id = ? AND name = ?`, [accountId, name]);
      return row ? destinationOf(row) : undefined;
    },

    async getApiDestinationByArn(arn) {
      const row = await ex.get(`SELECT ${DESTINATION_COLUMNS} FROM events_api_destinations WHERE arn = ?`, [arn]);
      return row ? destinationOf(row) : undefined;
    },

    listApiDestinations: (request) => listByName(ex, 'events_api_destinations', DESTINATION_COLUMNS, request, destinationOf),

    async deleteApiDestination(accountId, name) {
      return (await ex.run('DELETE FROM events_api_destinations WHERE account_id = ? AND name = ?', [accountId, name])).changes > 0;
    },

    async enqueue(entries) {
      for (const e of entries) {
        await ex.run(`INSERT INTO events_outbox (${OUTBOX_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, [
          e.id,
          e.accountId,
          e.ruleName,
          e.targetId,
          e.targetArn,
          e.eventId,
          e.payload,
          e.attempts,
          e.nextAttemptAt.getTime(),
          e.createdAt.getTime(),
          optionalText(e.lastError),
        ]);
      }
    },

    async claim(owner, now, leaseUntil, limit) {
      const free = '(lease_until IS NULL OR lease_until < ?)';
      const due = await ex.all(
        `SELECT ${OUTBOX_COLUMNS} FROM events_outbox WHERE next_attempt_at <= ? AND ${free} ORDER BY next_attempt_at, created_at, id LIMIT ?`,
        [now.getTime(), now.getTime(), limit],
      );
      const claimed: OutboxEntry[] = [];
      for (const row of due) {
        const { changes } = await ex.run(`UPDATE events_outbox SET lease_owner = ?, lease_until = ? WHERE id = ? AND ${free}`, [
          owner,
          leaseUntil.getTime(),
          String(row.id),
          now.getTime(),
        ]);
        if (changes > 0) claimed.push(outboxOf(row));
      }
      return claimed;
    },

    async delivered(id, owner) {
      return (await ex.run('DELETE FROM events_outbox WHERE id = ? AND lease_owner = ?', [id, owner])).changes > 0;
    },

    async retryLater(id, owner, nextAttemptAt, error) {
      const { changes } = await ex.run(
        `UPDATE events_outbox SET attempts = attempts + 1, next_attempt_at = ?, last_error = ?, lease_owner = NULL, lease_until = NULL
         WHERE id = ? AND lease_owner = ?`,
        [nextAttemptAt.getTime(), error, id, owner],
      );
      return changes > 0;
    },

    async deadLetter(id, owner, failedAt, error) {
      const { changes } = await ex.run(
        `INSERT INTO events_dead_letters (id, account_id, rule_name, target_id, target_arn, event_id, payload, attempts, created_at, failed_at, last_error)
         SELECT id, account_id, rule_name, target_id, target_arn, event_id, payload, attempts + 1, created_at, ?, ?
         FROM events_outbox WHERE id = ? AND lease_owner = ?`,
        [failedAt.getTime(), error, id, owner],
      );
      if (changes === 0) return false;
      await ex.run('DELETE FROM events_outbox WHERE id = ?', [id]);
      return true;
    },

    async pendingCount() {
      const row = await ex.get<{ n: number }>('SELECT COUNT(*) AS n FROM events_outbox', []);
      return Number(row?.n ?? 0);
    },

    async listDeadLetters(limit) {
      const rows = await ex.all(
        `SELECT id, account_id, rule_name, target_id, target_arn, event_id, payload, attempts, created_at, failed_at, last_error
         FROM events_dead_letters ORDER BY failed_at, id LIMIT ?`,
        [limit],
      );
      // A dead letter is due nowhere: its next attempt is whenever it is replayed.
      return rows.map((row): DeadLetter => ({ ...outboxOf({ ...row, next_attempt_at: row.failed_at }), failedAt: dateOf(row.failed_at) }));
    },

    async replayDeadLetter(id, now) {
      const { changes } = await ex.run(
        `INSERT INTO events_outbox (${OUTBOX_COLUMNS})
         SELECT id, account_id, rule_name, target_id, target_arn, event_id, payload, 0, ?, created_at, last_error
         FROM events_dead_letters WHERE id = ?`,
        [now.getTime(), id],
      );
      if (changes === 0) return false;
      await ex.run('DELETE FROM events_dead_letters WHERE id = ?', [id]);
      return true;
    },
  };
}
