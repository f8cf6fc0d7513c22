// Conformance cases for access advisor rows: the upsert that keeps the newest use, and the
// newest use per service, principal and action among a set of principals.
import { describe, expect, it } from 'vitest';
import type { ServiceAccessEvent } from '../../domain/access-advisor.js';
import { at, type Harness } from './harness.js';

const arnOf = (account: string, kind: 'user' | 'role', name: string): string => `arn:aws:iam::${account}:${kind}/${name}`;

function event(account: string, principal: string, action: string, seconds: number, extra: Partial<ServiceAccessEvent> = {}): ServiceAccessEvent {
  const [serviceNamespace = '', actionName = ''] = action.split(':');
  return {
    accountId: account,
    principalArn: principal,
    serviceNamespace,
    actionName,
    region: 'us-east-1',
    date: at(seconds),
    authenticatedEntity: principal,
    ...extra,
  };
}

export function accessAdvisorCases(h: Harness): void {
  describe('service access events', () => {
    it('keeps the newest use per row, in and outside transactions, never moving back', async () => {
      const account = await h.newAccount();
      const alice = arnOf(account, 'user', 'alice');
      await h.store.write((tx) => tx.serviceAccess.record(event(account, alice, 'iam:GetUser', 10)));
      await h.store.recordServiceAccess(event(account, alice, 'iam:GetUser', 20, { authenticatedEntity: 'newer' }));
      await h.store.recordServiceAccess(event(account, alice, 'iam:GetUser', 15, { authenticatedEntity: 'older' }));
      const [row] = await h.store.read((tx) => tx.serviceAccess.lastAccessByAction(account, [alice], 'iam'));
      expect(row).toStrictEqual({
        actionName: 'GetUser',
        lastAccessed: at(20),
        principalArn: alice,
        lastAuthenticatedEntity: 'newer',
        region: 'us-east-1',
      });
    });

    it('upserts one row under 20 concurrent recordings, keeping the newest', async () => {
      const account = await h.newAccount();
      const role = arnOf(account, 'role', 'deployer');
      const seconds = Array.from({ length: 20 }, (_, i) => (i * 7) % 20);
      await Promise.all(
        seconds.map((s, i) =>
          i % 2 === 0
            ? h.store.recordServiceAccess(event(account, role, 's3:GetObject', s, { authenticatedEntity: `e${s}` }))
            : h.store.write((tx) => tx.serviceAccess.record(event(account, role, 's3:GetObject', s, { authenticatedEntity: `e${s}` }))),
        ),
      );
      const rows = await h.store.read((tx) => tx.serviceAccess.lastAccessByAction(account, [role], 's3'));
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({ lastAccessed: at(19), lastAuthenticatedEntity: 'e19' });
    });

    it('answers the newest use per service, per principal and per action', async () => {
      const account = await h.newAccount();
      const other = await h.newAccount();
      const alice = arnOf(account, 'user', 'alice');
      const bob = arnOf(account, 'user', 'bob');
      const carol = arnOf(account, 'user', 'carol');
      await h.store.write(async (tx) => {
        const r = tx.serviceAccess;
        await r.record(event(account, alice, 'iam:GetUser', 10));
        await r.record(event(account, alice, 'iam:ListUsers', 30, { region: 'eu-west-1', authenticatedEntity: 'alice-session' }));
        await r.record(event(account, bob, 'iam:GetUser', 20));
        await r.record(event(account, bob, 'sts:GetCallerIdentity', 5, { region: 'ap-south-1' }));
        await r.record(event(account, carol, 'iam:DeleteUser', 99));
        await r.record(event(other, alice, 'iam:GetUser', 500));
      });
      await h.store.read(async (tx) => {
        const r = tx.serviceAccess;
        expect(await r.lastAccessByService(account, [alice, bob, alice])).toStrictEqual([
          {
            serviceNamespace: 'iam',
            lastAccessed: at(30),
            principalArn: alice,
            lastAuthenticatedEntity: 'alice-session',
            region: 'eu-west-1',
            totalAuthenticatedEntities: 2,
          },
          {
            serviceNamespace: 'sts',
            lastAccessed: at(5),
            principalArn: bob,
            lastAuthenticatedEntity: bob,
            region: 'ap-south-1',
            totalAuthenticatedEntities: 1,
          },
        ]);
        expect(await r.lastAccessByPrincipal(account, [bob, alice], 'iam')).toStrictEqual([
          { lastAccessed: at(30), principalArn: alice, lastAuthenticatedEntity: 'alice-session', region: 'eu-west-1' },
          { lastAccessed: at(20), principalArn: bob, lastAuthenticatedEntity: bob, region: 'us-east-1' },
        ]);
        expect((await r.lastAccessByAction(account, [alice, bob], 'iam')).map((a) => [a.actionName, a.lastAccessed, a.principalArn])).toEqual([
          ['GetUser', at(20), bob],
          ['ListUsers', at(30), alice],
        ]);
        expect(await r.lastAccessByService(account, [])).toEqual([]);
        expect(await r.lastAccessByAction(account, [alice], 'sts')).toEqual([]);
      });
    });

    it('settles equal times stably and queries more principals than one statement binds', async () => {
      const account = await h.newAccount();
      const many = Array.from({ length: 1203 }, (_, i) => arnOf(account, 'user', `u${String(i).padStart(4, '0')}`));
      await h.store.write(async (tx) => {
        for (const [i, arn] of many.entries()) {
          if (i % 100 === 0) await tx.serviceAccess.record(event(account, arn, 'iam:GetUser', 42));
        }
        await tx.serviceAccess.record(event(account, many[1200] ?? '', 'iam:GetUser', 42, { region: 'af-south-1' }));
      });
      const [iam] = await h.store.read((tx) => tx.serviceAccess.lastAccessByService(account, many));
      // 13 principals used IAM at the same instant: the smallest ARN, then region, wins.
      expect(iam).toMatchObject({ totalAuthenticatedEntities: 13, principalArn: many[0], lastAccessed: at(42) });
      const [action] = await h.store.read((tx) => tx.serviceAccess.lastAccessByAction(account, [many[1200] ?? ''], 'iam'));
      expect(action?.region).toBe('af-south-1');
    });

    it('forgets a deleted principal', async () => {
      const account = await h.newAccount();
      const gone = arnOf(account, 'role', 'gone');
      const kept = arnOf(account, 'role', 'kept');
      await h.store.write(async (tx) => {
        await tx.serviceAccess.record(event(account, gone, 'iam:GetRole', 1));
        await tx.serviceAccess.record(event(account, gone, 's3:PutObject', 2));
        await tx.serviceAccess.record(event(account, kept, 'iam:GetRole', 3));
      });
      expect(await h.store.write((tx) => tx.serviceAccess.deleteForPrincipal(account, gone))).toBe(2);
      const services = await h.store.read((tx) => tx.serviceAccess.lastAccessByService(account, [gone, kept]));
      expect(services.map((s) => [s.serviceNamespace, s.principalArn])).toEqual([['iam', kept]]);
    });
  });
}
