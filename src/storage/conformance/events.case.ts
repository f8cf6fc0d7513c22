// Conformance cases for the EventBridge repository: rules (upsert, case-sensitive names,
// prefix and paging), targets, connections and API destinations (name clashes), and the
// alert outbox: leases that one owner holds at a time (also across two stores on one
// database), retries, dead letters and replay.
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { EntityAlreadyExistsError } from '../errors.js';
import type { EventRule, OutboxEntry } from '../events-repositories.js';
import { at, collectPages, T0, type Harness } from './harness.js';

function rule(accountId: string, name: string, extra: Partial<EventRule> = {}): EventRule {
  return {
    accountId,
    name,
    arn: `arn:aws:events:us-east-1:${accountId}:rule/${name}`,
    eventPattern: '{"source":["aws.iam"]}',
    state: 'ENABLED',
    createdBy: accountId,
    createdAt: T0,
    ...extra,
  };
}

function entry(accountId: string, extra: Partial<OutboxEntry> = {}): OutboxEntry {
  return {
    id: randomUUID(),
    accountId,
    ruleName: 'r',
    targetId: 't',
    targetArn: `arn:aws:events:us-east-1:${accountId}:api-destination/d/1`,
    eventId: randomUUID(),
    payload: '{"detail":{}}',
    attempts: 0,
    nextAttemptAt: T0,
    createdAt: T0,
    ...extra,
  };
}

export function eventsCases(h: Harness): void {
  describe('events: rules and targets', () => {
    it('upserts rules, keeping their creation, and lists by case-sensitive prefix in pages', async () => {
      const account = await h.newAccount();
      await h.store.write(async (tx) => {
        for (const name of ['alpha', 'Alpha', 'alpha-2', 'beta']) await tx.events.putRule(rule(account, name));
        await tx.events.putRule(rule(account, 'alpha', { state: 'DISABLED', description: 'changed', createdAt: at(60), createdBy: 'someone' }));
      });
      const got = await h.store.read((tx) => tx.events.getRule(account, 'alpha'));
      expect(got).toMatchObject({ state: 'DISABLED', description: 'changed', createdBy: account });
      expect(got?.createdAt.getTime()).toBe(T0.getTime());
      expect(await h.store.read((tx) => tx.events.getRule(account, 'ALPHA'))).toBeUndefined();
      const { items, pages } = await collectPages((after) =>
        h.store.read((tx) => tx.events.listRules({ accountId: account, namePrefix: 'alpha', limit: 1, ...(after !== undefined && { after }) })),
      );
      expect(items.map((r) => r.name)).toEqual(['alpha', 'alpha-2']);
      expect(pages).toBe(2);
      expect(await h.store.read((tx) => tx.events.countRules(account))).toBe(4);
    });

    it('keeps targets per rule, and deleting a rule deletes its targets', async () => {
      const account = await h.newAccount();
      await h.store.write(async (tx) => {
        await tx.events.putRule(rule(account, 'r1'));
        await tx.events.putRule(rule(account, 'r2', { state: 'DISABLED' }));
        await tx.events.putTarget({ accountId: account, ruleName: 'r1', id: 'b', arn: 'arn:b' });
        await tx.events.putTarget({ accountId: account, ruleName: 'r1', id: 'a', arn: 'arn:a', input: '{"x":1}' });
        await tx.events.putTarget({ accountId: account, ruleName: 'r1', id: 'a', arn: 'arn:a2' });
        await tx.events.putTarget({ accountId: account, ruleName: 'r2', id: 'a', arn: 'arn:z' });
      });
      const page = await h.store.read((tx) => tx.events.listTargets(account, 'r1', { limit: 10 }));
      expect(page.items.map((t) => [t.id, t.arn, t.input])).toEqual([
        ['a', 'arn:a2', undefined],
        ['b', 'arn:b', undefined],
      ]);
      const active = (await h.store.read((tx) => tx.events.activeRules())).filter((a) => a.rule.accountId === account);
      expect(active.map((a) => [a.rule.name, a.targets.map((t) => t.id)])).toEqual([['r1', ['a', 'b']]]);
      expect(await h.store.write((tx) => tx.events.removeTarget(account, 'r1', 'b'))).toBe(true);
      expect(await h.store.write((tx) => tx.events.removeTarget(account, 'r1', 'b'))).toBe(false);
      expect(await h.store.write((tx) => tx.events.deleteRule(account, 'r1'))).toBe(true);
      expect(await h.store.read((tx) => tx.events.countTargets(account, 'r1'))).toBe(0);
      expect(await h.store.write((tx) => tx.events.setRuleState(account, 'r1', 'ENABLED'))).toBe(false);
    });
  });

  describe('events: connections and API destinations', () => {
    it('refuses a taken name and finds by ARN', async () => {
      const account = await h.newAccount();
      const connection = {
        accountId: account,
        name: 'hook',
        arn: `arn:aws:events:us-east-1:${account}:connection/hook/${randomUUID()}`,
        authorizationType: 'API_KEY' as const,
        authName: 'X-Api-Key',
        sealedSecret: 'k1.sealed',
        createdAt: T0,
        modifiedAt: T0,
      };
      await h.store.write((tx) => tx.events.createConnection(connection));
      await expect(h.store.write((tx) => tx.events.createConnection({ ...connection, arn: `${connection.arn}x` }))).rejects.toBeInstanceOf(EntityAlreadyExistsError);
      expect(await h.store.read((tx) => tx.events.getConnectionByArn(connection.arn))).toEqual(connection);
      const destination = {
        accountId: account,
        name: 'dest',
        arn: `arn:aws:events:us-east-1:${account}:api-destination/dest/${randomUUID()}`,
        connectionArn: connection.arn,
        endpoint: 'https://example.com/hook',
        httpMethod: 'POST',
        rateLimitPerSecond: 5,
        createdAt: T0,
        modifiedAt: T0,
      };
      await h.store.write((tx) => tx.events.createApiDestination(destination));
      await expect(h.store.write((tx) => tx.events.createApiDestination(destination))).rejects.toBeInstanceOf(EntityAlreadyExistsError);
      expect(await h.store.read((tx) => tx.events.getApiDestinationByArn(destination.arn))).toEqual(destination);
      expect((await h.store.read((tx) => tx.events.listApiDestinations({ accountId: account, limit: 5 }))).items).toHaveLength(1);
      expect((await h.store.read((tx) => tx.events.listConnections({ accountId: account, namePrefix: 'x', limit: 5 }))).items).toHaveLength(0);
      expect(await h.store.write((tx) => tx.events.deleteApiDestination(account, 'dest'))).toBe(true);
      expect(await h.store.write((tx) => tx.events.deleteConnection(account, 'hook'))).toBe(true);
      expect(await h.store.read((tx) => tx.events.getConnection(account, 'hook'))).toBeUndefined();
    });
  });

  describe('events: the outbox', () => {
    it('leases an entry to one owner until the lease ends, then retries, dead-letters and replays it', async () => {
      const account = await h.newAccount();
      const e = entry(account);
      const later = entry(account, { nextAttemptAt: at(100) });
      await h.store.write((tx) => tx.events.enqueue([e, later]));
      const mine = (list: readonly OutboxEntry[]): string[] => list.filter((x) => x.accountId === account).map((x) => x.id);
      expect(mine(await h.store.write((tx) => tx.events.claim('a', at(0), at(30), 1000)))).toEqual([e.id]);
      // Leased: nobody else takes it until the lease ends.
      expect(mine(await h.store.write((tx) => tx.events.claim('b', at(10), at(40), 1000)))).toEqual([]);
      expect(await h.store.write((tx) => tx.events.delivered(e.id, 'b'))).toBe(false);
      expect(mine(await h.store.write((tx) => tx.events.claim('b', at(31), at(61), 1000)))).toEqual([e.id]);
      // The first owner lost its lease: it can no longer settle the entry.
      expect(await h.store.write((tx) => tx.events.retryLater(e.id, 'a', at(50), 'late'))).toBe(false);
      expect(await h.store.write((tx) => tx.events.retryLater(e.id, 'b', at(50), 'HTTP 500'))).toBe(true);
      expect(mine(await h.store.write((tx) => tx.events.claim('b', at(49), at(79), 1000)))).toEqual([]);
      const retried = (await h.store.write((tx) => tx.events.claim('b', at(50), at(80), 1000))).find((x) => x.id === e.id);
      expect(retried).toMatchObject({ attempts: 1, lastError: 'HTTP 500' });
      expect(await h.store.write((tx) => tx.events.deadLetter(e.id, 'b', at(55), 'HTTP 500 again'))).toBe(true);
      const dead = (await h.store.read((tx) => tx.events.listDeadLetters(10_000))).find((x) => x.id === e.id);
      expect(dead).toMatchObject({ attempts: 2, lastError: 'HTTP 500 again', payload: e.payload, eventId: e.eventId });
      expect(dead?.failedAt.getTime()).toBe(at(55).getTime());
      expect(await h.store.write((tx) => tx.events.replayDeadLetter(e.id, at(60)))).toBe(true);
      expect(await h.store.write((tx) => tx.events.replayDeadLetter(e.id, at(60)))).toBe(false);
      const again = await h.store.write((tx) => tx.events.claim('c', at(200), at(230), 1000));
      expect(mine(again).sort()).toEqual([e.id, later.id].sort());
      expect(again.find((x) => x.id === e.id)?.attempts).toBe(0);
      expect(await h.store.write((tx) => tx.events.delivered(e.id, 'c'))).toBe(true);
      expect(await h.store.write((tx) => tx.events.delivered(later.id, 'c'))).toBe(true);
      expect((await h.store.read((tx) => tx.events.listDeadLetters(10_000))).some((x) => x.id === e.id)).toBe(false);
    });

    it('never leases one entry to two stores claiming at once', async () => {
      const account = await h.newAccount();
      const entries = Array.from({ length: 30 }, () => entry(account, { nextAttemptAt: at(-1000) }));
      await h.store.write((tx) => tx.events.enqueue(entries));
      const peer = await h.openPeer();
      try {
        const ids = new Set(entries.map((x) => x.id));
        // Concurrent claims through one store, then through another store on the same database
        // (SQLite's stores in one process must not write at once: each blocks the other).
        const claims = await Promise.all(Array.from({ length: 3 }, (_, i) => h.store.write((tx) => tx.events.claim(`owner-${i}`, at(0), at(30), 7))));
        for (let i = 3; i < 6; i += 1) claims.push(await peer.write((tx) => tx.events.claim(`owner-${i}`, at(0), at(30), 7)));
        const taken = claims.flat().filter((x) => ids.has(x.id)).map((x) => x.id);
        expect(new Set(taken).size).toBe(taken.length);
        // Clean up what this case leased, so later runs on the same database start empty.
        await h.store.write(async (tx) => {
          for (const [i, claim] of claims.entries()) for (const x of claim) if (ids.has(x.id)) await tx.events.delivered(x.id, `owner-${i}`);
        });
        const rest = await h.store.write((tx) => tx.events.claim('sweeper', at(100), at(130), 1000));
        await h.store.write(async (tx) => {
          for (const x of rest) if (ids.has(x.id)) await tx.events.delivered(x.id, 'sweeper');
        });
        expect(taken.length + rest.filter((x) => ids.has(x.id)).length).toBe(30);
      } finally {
        await peer.close();
      }
    });
  });
}
