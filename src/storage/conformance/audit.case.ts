// Conformance cases for the audit trail's lookups (LookupEvents): every attribute, newest
// first with the event id breaking ties of equal time, time bounds, paging after a position,
// and one account's events only; pruning by whole digest ranges.
import { randomBytes, randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { deriveAuditKeys } from '../../audit/chain/audit-keys.js';
import { chainEvent } from '../../audit/chain/chain.js';
import { signDigest } from '../../audit/chain/digest.js';
import { verifyTrail } from '../../audit/chain/verify.js';
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

  describe('audit repository pruning', () => {
    it('prunes whole digest ranges only, keeps the digests, and the rest still verifies', async () => {
      const keys = deriveAuditKeys(randomBytes(32));
      const partition = `prune-${randomUUID()}`;
      const account = await h.newAccount();
      const chained: AuditEvent[] = [];
      let previous: { seq: number; link: string } | undefined;
      for (let i = 0; i < 6; i++) {
        const link = chainEvent(keys.chainKey, partition, previous, { eventId: `${partition}-${i}`, record: JSON.stringify({ n: i }) });
        previous = link;
        chained.push({ ...link, accountId: account, eventTime: new Date(T0.getTime() + i * 1000), eventName: 'GetUser', eventSource: 'iam.amazonaws.com', readOnly: true, resources: [] });
      }
      const digest = (fromSeq: number, toSeq: number, previousSignature: string) =>
        signDigest(keys.signingKey, { partition, fromSeq, toSeq, lastLink: chained[toSeq - 1]!.link, previousSignature, createdAt: T0.toISOString() });
      const first = digest(1, 2, '');
      const second = digest(3, 4, first.signature);
      await h.store.writeTrail(async (tx) => {
        await tx.audit.append(chained);
        await tx.audit.addDigest(first, T0);
        await tx.audit.addDigest(second, T0);
      });
      const left = async (): Promise<number[]> => (await h.store.read((tx) => tx.audit.range(partition, 1, 100))).map((e) => e.seq);
      // Older than every digested event: nothing goes.
      await h.store.writeTrail((tx) => tx.audit.prune(new Date(T0.getTime() - 1)));
      expect(await left()).toEqual([1, 2, 3, 4, 5, 6]);
      // Event 3 is old enough but its range (3-4) is not wholly so: only 1-2 go.
      await h.store.writeTrail((tx) => tx.audit.prune(new Date(T0.getTime() + 2500)));
      expect(await left()).toEqual([3, 4, 5, 6]);
      // Events 5 and 6 are old too but no digest vouches for them: they stay.
      await h.store.writeTrail((tx) => tx.audit.prune(new Date(T0.getTime() + 60_000)));
      expect(await left()).toEqual([5, 6]);
      const report = await h.store.read(async (tx) => verifyTrail(keys, await tx.audit.range(partition, 1, 100), await tx.audit.digests(partition)));
      expect(report.broken).toBeUndefined();
      expect(report.ok).toBe(true);
    });
  });
}
