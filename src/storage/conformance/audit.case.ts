// Conformance cases for the audit trail's lookups (LookupEvents): every attribute, newest
// first with the event id breaking ties of equal time, time bounds, paging after a position,
// and one account's events only.
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { AuditAttributeKey, AuditEvent } from '../audit-repositories.js';
import { T0, type Harness } from './harness.js';

function events(accountId: string, partition: string): AuditEvent[] {
  const base = { partition, prevLink: 'p', link: 'l', accountId, eventSource: 'iam.amazonaws.com', record: '{}' };
  const spec: [string, number, string, boolean, string, string, [string, string][]][] = [
    // event id suffix, ms after T0, name, readOnly, user, key, resources
    ['a', 0, 'CreateUser', false, 'root', 'AKIAROOT', [['AWS::IAM::User', 'alice']]],
    ['b', 1000, 'GetUser', true, 'alice', 'AKIAALICE', [['AWS::IAM::User', 'alice']]],
    ['c', 1000, 'GetUser', true, 'alice', 'AKIAALICE', [['AWS::IAM::User', 'bob']]],
    ['d', 2000, 'CreateGroup', false, 'root', 'AKIAROOT', [['AWS::IAM::Group', 'alice']]],
    ['e', 3000, 'GetUser', true, 'bob', 'AKIABOB', []],
  ];
  return spec.map(([id, offset, name, readOnly, user, key, resources], i) => ({
    ...base,
    seq: i + 1,
    eventId: `${accountId}-${id}`,
    eventTime: new Date(T0.getTime() + offset),
    eventName: name,
    readOnly,
    username: user,
    accessKeyId: key,
    ...(name === 'CreateGroup' && { eventSource: 'sts.amazonaws.com' }),
    resources: resources.map(([type, n]) => ({ type, name: n })),
  }));
}

export function auditCases(h: Harness): void {
  describe('audit repository lookups', () => {
    it('finds by each attribute, newest first, ties broken by event id, in the account only', async () => {
      const account = await h.newAccount();
      const other = await h.newAccount();
      await h.store.writeTrail((tx) => tx.audit.append(events(account, `conf-${randomUUID()}`)));
      await h.store.writeTrail((tx) => tx.audit.append(events(other, `conf-${randomUUID()}`)));
      const ids = async (attribute?: { key: AuditAttributeKey; value: string }, extra: object = {}): Promise<string[]> =>
        (await h.store.read((tx) => tx.audit.lookup({ accountId: account, ...(attribute !== undefined && { attribute }), limit: 50, ...extra }))).map((e) =>
          e.eventId.slice(account.length + 1),
        );
      expect(await ids()).toEqual(['e', 'd', 'c', 'b', 'a']);
      expect(await ids({ key: 'EventId', value: `${account}-c` })).toEqual(['c']);
      expect(await ids({ key: 'EventName', value: 'GetUser' })).toEqual(['e', 'c', 'b']);
      expect(await ids({ key: 'ReadOnly', value: 'false' })).toEqual(['d', 'a']);
      expect(await ids({ key: 'Username', value: 'alice' })).toEqual(['c', 'b']);
      expect(await ids({ key: 'AccessKeyId', value: 'AKIAROOT' })).toEqual(['d', 'a']);
      expect(await ids({ key: 'EventSource', value: 'sts.amazonaws.com' })).toEqual(['d']);
      expect(await ids({ key: 'ResourceName', value: 'alice' })).toEqual(['d', 'b', 'a']);
      expect(await ids({ key: 'ResourceType', value: 'AWS::IAM::User' })).toEqual(['c', 'b', 'a']);
      expect(await ids({ key: 'Username', value: 'nobody' })).toEqual([]);
      // Inclusive bounds, and paging strictly after a (time, id) position.
      expect(await ids(undefined, { start: new Date(T0.getTime() + 1000), end: new Date(T0.getTime() + 2000) })).toEqual(['d', 'c', 'b']);
      expect(await ids(undefined, { after: { time: new Date(T0.getTime() + 1000), eventId: `${account}-c` } })).toEqual(['b', 'a']);
      expect(await ids({ key: 'ResourceName', value: 'alice' }, { after: { time: new Date(T0.getTime() + 2000), eventId: `${account}-d` }, limit: 1 })).toEqual(['b']);
      expect(await ids({ key: 'EventName', value: 'GetUser' }, { limit: 2 })).toEqual(['e', 'c']);
    });
  });
}
