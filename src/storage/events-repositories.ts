// EventBridge's rules, targets, connections and API destinations as Keyward stores them,
// and the alert outbox: one row per (matching rule target, event), claimed by one node at a
// time with a lease, retried with backoff, and moved to the dead letters after too many tries.
// Secrets of connections are stored sealed (auth/secret-box.ts); this port never opens them.

import type { Page, PageRequest } from './repositories.js';

export type EventRuleState = 'ENABLED' | 'DISABLED' | 'ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS';

export interface EventRule {
  readonly accountId: string;
  /** Case-sensitive, as EventBridge's. */
  readonly name: string;
  readonly arn: string;
  readonly eventPattern?: string;
  readonly scheduleExpression?: string;
  readonly state: EventRuleState;
  readonly description?: string;
  readonly roleArn?: string;
  readonly createdBy: string;
  readonly createdAt: Date;
}

export interface EventTarget {
  readonly accountId: string;
  readonly ruleName: string;
  readonly id: string;
  readonly arn: string;
  readonly roleArn?: string;
  /** A JSON constant delivered instead of the event. */
  readonly input?: string;
}

export type ConnectionAuthType = 'API_KEY' | 'BASIC';

export interface EventConnection {
  readonly accountId: string;
  readonly name: string;
  readonly arn: string;
  readonly description?: string;
  readonly authorizationType: ConnectionAuthType;
  /** The header name (API_KEY) or user name (BASIC): returned by DescribeConnection. */
  readonly authName: string;
  /** The API key value or password, sealed; never returned. */
  readonly sealedSecret: string;
  readonly createdAt: Date;
  readonly modifiedAt: Date;
}

export interface ApiDestination {
  readonly accountId: string;
  readonly name: string;
  readonly arn: string;
  readonly description?: string;
  readonly connectionArn: string;
  readonly endpoint: string;
  readonly httpMethod: string;
  readonly rateLimitPerSecond?: number;
  readonly createdAt: Date;
  readonly modifiedAt: Date;
}

/** One delivery to make: an event for one target of one rule. */
export interface OutboxEntry {
  readonly id: string;
  readonly accountId: string;
  readonly ruleName: string;
  readonly targetId: string;
  /** The target's ARN (an API destination's), resolved again when delivering. */
  readonly targetArn: string;
  readonly eventId: string;
  /** The JSON body to POST. */
  readonly payload: string;
  readonly attempts: number;
  readonly nextAttemptAt: Date;
  readonly createdAt: Date;
  readonly lastError?: string;
}

export interface DeadLetter extends OutboxEntry {
  readonly failedAt: Date;
}

export interface NamedListRequest extends PageRequest {
  readonly accountId: string;
  readonly namePrefix?: string;
}

export interface EventsRepository {
  /** Inserts or replaces the rule (PutRule is an upsert); `createdAt` and `createdBy` of an existing rule stay. */
  putRule(rule: EventRule): Promise<void>;
  getRule(accountId: string, name: string): Promise<EventRule | undefined>;
  /** By name (byte order), from after `after`. */
  listRules(request: NamedListRequest): Promise<Page<EventRule>>;
  countRules(accountId: string): Promise<number>;
  setRuleState(accountId: string, name: string, state: EventRuleState): Promise<boolean>;
  /** Deletes the rule and its targets. */
  deleteRule(accountId: string, name: string): Promise<boolean>;
  /** Every rule not DISABLED, of every account, with its targets: what matching needs. */
  activeRules(): Promise<readonly { readonly rule: EventRule; readonly targets: readonly EventTarget[] }[]>;

  /** Inserts or replaces by (rule, id). */
  putTarget(target: EventTarget): Promise<void>;
  listTargets(accountId: string, ruleName: string, page: PageRequest): Promise<Page<EventTarget>>;
  countTargets(accountId: string, ruleName: string): Promise<number>;
  removeTarget(accountId: string, ruleName: string, id: string): Promise<boolean>;

  /** Throws EntityAlreadyExistsError when the name is taken. */
  createConnection(connection: EventConnection): Promise<void>;
  getConnection(accountId: string, name: string): Promise<EventConnection | undefined>;
  getConnectionByArn(arn: string): Promise<EventConnection | undefined>;
  listConnections(request: NamedListRequest): Promise<Page<EventConnection>>;
  deleteConnection(accountId: string, name: string): Promise<boolean>;

  /** Throws EntityAlreadyExistsError when the name is taken. */
  createApiDestination(destination: ApiDestination): Promise<void>;
  getApiDestination(accountId: string, name: string): Promise<ApiDestination | undefined>;
  getApiDestinationByArn(arn: string): Promise<ApiDestination | undefined>;
  listApiDestinations(request: NamedListRequest): Promise<Page<ApiDestination>>;
  deleteApiDestination(accountId: string, name: string): Promise<boolean>;

  enqueue(entries: readonly OutboxEntry[]): Promise<void>;
  /**
   * Leases up to `limit` due entries (next attempt reached, no live lease) to `owner` until
   * `leaseUntil`, oldest first; an entry is leased to one owner at a time.
   */
  claim(owner: string, now: Date, leaseUntil: Date, limit: number): Promise<readonly OutboxEntry[]>;
  /** Removes a delivered entry, if `owner` still holds its lease. */
  delivered(id: string, owner: string): Promise<boolean>;
  /** Records a failed attempt and when to try again, releasing the lease. */
  retryLater(id: string, owner: string, nextAttemptAt: Date, error: string): Promise<boolean>;
  /** Moves an entry that failed for good to the dead letters. */
  deadLetter(id: string, owner: string, failedAt: Date, error: string): Promise<boolean>;
  pendingCount(): Promise<number>;
  listDeadLetters(limit: number): Promise<readonly DeadLetter[]>;
  /** Puts a dead letter back in the outbox, due at `now`, with its attempts reset. */
  replayDeadLetter(id: string, now: Date): Promise<boolean>;
}
