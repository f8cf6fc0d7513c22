// Keeps the per-request bookkeeping (an access key's or role's last use, access advisor's
// attempts) off the request path: uses are held in memory, the newest per key, and written in
// one transaction about once a second, when many are pending, on flushUsage() (operations that
// report usage call it first) and on close(). A crash loses at most the last second of
// last-used times, which only ages a report. With several nodes, one node's uses reach the
// others' reports within the flush interval.
import type { ServiceAccessEvent } from '../domain/access-advisor.js';
import type { AccessKeyLastUsed, RoleLastUsed } from '../domain/entities.js';
import type { Store, UsageBatch } from './ports.js';

export interface UsageBufferOptions {
  /** How long a use may wait before it is written. Default 1,000 ms. */
  readonly flushIntervalMs?: number;
  /** Pending entries that start a write at once. Default 5,000. */
  readonly maxPending?: number;
  /** A failed write: its uses are dropped (they only age reports). */
  readonly onError?: (error: unknown) => void;
}

interface Dated {
  readonly date: Date;
}

/** Keeps the newer of two uses of one key; equal times keep the later call's. */
function keepNewest<T>(map: Map<string, T>, key: string, value: T, dateOf: (v: T) => Date): void {
  const current = map.get(key);
  if (current === undefined || dateOf(current).getTime() <= dateOf(value).getTime()) map.set(key, value);
}

/** The buffered store, which also tells how many uses wait to be written (a metric). */
export interface BufferedStore extends Store {
  pendingUsage(): number;
}

export function bufferUsage(store: Store, options: UsageBufferOptions = {}): BufferedStore {
  const interval = options.flushIntervalMs ?? 1000;
  const maxPending = options.maxPending ?? 5000;
  const onError = options.onError ?? (() => undefined);
  let accessKeys = new Map<string, { accessKeyId: string; use: AccessKeyLastUsed }>();
  let roles = new Map<string, { accountId: string; roleId: string; use: RoleLastUsed }>();
  let serviceAccess = new Map<string, ServiceAccessEvent>();
  let timer: NodeJS.Timeout | undefined;
  let writing: Promise<void> = Promise.resolve();
  let closed = false;

  const pending = (): number => accessKeys.size + roles.size + serviceAccess.size;
  const useDate = (v: { use: Dated }): Date => v.use.date;

  /** Takes what is pending and queues its write after any write in flight; resolves when all are written. */
  const flush = (): Promise<void> => {
    clearTimeout(timer);
    timer = undefined;
    if (pending() > 0) {
      const batch: UsageBatch = { accessKeys: [...accessKeys.values()], roles: [...roles.values()], serviceAccess: [...serviceAccess.values()] };
      accessKeys = new Map();
      roles = new Map();
      serviceAccess = new Map();
      writing = writing.then(() => store.recordUsage(batch)).catch(onError);
    }
    return writing;
  };

  const added = (): Promise<void> => {
    if (closed) return flush();
    if (pending() >= maxPending) void flush();
    else if (timer === undefined) timer = setTimeout(() => void flush(), interval).unref();
    return Promise.resolve();
  };

  return {
    read: (fn) => store.read(fn),
    write: (fn) => store.write(fn),
    writeTrail: (fn) => store.writeTrail(fn),
    generation: () => store.generation(),
    syncGeneration: () => store.syncGeneration(),
    recordPasswordUse: (accountId, userName, date) => store.recordPasswordUse(accountId, userName, date),
    acceptMfaTimeStep: (accountId, serialNumber, step) => store.acceptMfaTimeStep(accountId, serialNumber, step),
    claimOnce: (scope, value, expiresAt, now) => store.claimOnce(scope, value, expiresAt, now),
    chargeMfaAttempt: (accountId, serialNumber, now, rule) => store.chargeMfaAttempt(accountId, serialNumber, now, rule),
    recordUsage: (batch) => store.recordUsage(batch),
    ...(store.health !== undefined && { health: store.health.bind(store) }),
    pendingUsage: pending,

    recordAccessKeyUse(accessKeyId, use) {
      keepNewest(accessKeys, accessKeyId, { accessKeyId, use }, useDate);
      return added();
    },

    recordRoleUse(accountId, roleId, use) {
      keepNewest(roles, `${accountId}\0${roleId}`, { accountId, roleId, use }, useDate);
      return added();
    },

    recordServiceAccess(event) {
      const key = [event.accountId, event.principalArn, event.serviceNamespace, event.actionName, event.region].join('\0');
      keepNewest(serviceAccess, key, event, (e) => e.date);
      return added();
    },

    flushUsage: flush,

    async close() {
      closed = true;
      await flush();
      await store.close();
    },
  };
}
