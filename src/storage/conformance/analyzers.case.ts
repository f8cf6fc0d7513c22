// Conformance cases for Access Analyzer's storage: analyzers keyed by account, Region and name
// (a clash throws EntityAlreadyExists), archive rules, findings upserted in batches and deleted
// with their analyzer, and the scan's account-wide reads (a user's group policies count as the
// user's; the newest use per action).
import { describe, expect, it } from 'vitest';
import type { AnalyzerFinding, Analyzer } from '../../domain/analyzers.js';
import { EntityAlreadyExistsError } from '../errors.js';
import { at, makeAccessKey, makeGroup, makePolicy, makeRole, makeUser, makeVersion, type Harness } from './harness.js';

function analyzer(accountId: string, name: string, extra: Partial<Analyzer> = {}): Analyzer {
  return {
    accountId,
    region: 'us-east-1',
    name,
    arn: `arn:aws:access-analyzer:us-east-1:${accountId}:analyzer/${name}`,
    type: 'ACCOUNT_UNUSED_ACCESS',
    status: 'ACTIVE',
    createdAt: at(1),
    configuration: { unusedAccess: { unusedAccessAge: 30 } },
    tags: { team: 'ünïcødé' },
    ...extra,
  };
}

function finding(accountId: string, analyzerName: string, id: string, extra: Partial<AnalyzerFinding> = {}): AnalyzerFinding {
  return {
    accountId,
    region: 'us-east-1',
    analyzerName,
    id,
    findingType: 'UnusedIAMRole',
    resource: `arn:aws:iam::${accountId}:role/${id}`,
    resourceType: 'AWS::IAM::Role',
    resourceOwnerAccount: accountId,
    status: 'ACTIVE',
    createdAt: at(2),
    updatedAt: at(3),
    analyzedAt: at(4),
    details: [{ unusedIamRoleDetails: { lastAccessed: at(0).toISOString() } }],
    ...extra,
  };
}

export function analyzerCases(h: Harness): void {
  describe('access analyzers', () => {
    it('keeps analyzers per account and Region, and refuses a second of one name', async () => {
      const account = await h.newAccount();
      const a = analyzer(account, 'unused');
      const west = analyzer(account, 'unused', { region: 'eu-west-1', arn: 'x', type: 'ACCOUNT', tags: {} });
      const { configuration: _c, ...plain } = west;
      await h.store.write(async (tx) => {
        await tx.analyzers.insert(a);
        await tx.analyzers.insert(plain);
      });
      await expect(h.store.write((tx) => tx.analyzers.insert(a))).rejects.toBeInstanceOf(EntityAlreadyExistsError);
      await h.store.read(async (tx) => {
        expect(await tx.analyzers.get(account, 'us-east-1', 'unused')).toStrictEqual(a);
        expect(await tx.analyzers.get(account, 'eu-west-1', 'unused')).toStrictEqual(plain);
        expect(await tx.analyzers.get(account, 'us-east-1', 'UNUSED')).toBeUndefined();
        expect((await tx.analyzers.list(account, 'us-east-1')).map((x) => x.name)).toEqual(['unused']);
        expect((await tx.analyzers.listAll()).filter((x) => x.accountId === account)).toHaveLength(2);
      });
      const scanned = { ...a, lastScanAt: at(9), lastResourceAnalyzed: 'arn:aws:iam::1:role/r', lastResourceAnalyzedAt: at(9) };
      expect(await h.store.write((tx) => tx.analyzers.update(scanned))).toBe(true);
      expect(await h.store.read((tx) => tx.analyzers.get(account, 'us-east-1', 'unused'))).toStrictEqual(scanned);
    });

    it('keeps archive rules and findings, and deletes them with their analyzer', async () => {
      const account = await h.newAccount();
      const rule = { accountId: account, region: 'us-east-1', analyzerName: 'a', ruleName: 'r', filter: { findingType: { eq: ['UnusedIAMRole'] } }, createdAt: at(1), updatedAt: at(1) };
      const many = Array.from({ length: 450 }, (_, i) => finding(account, 'a', `f${String(i).padStart(4, '0')}`));
      await h.store.write(async (tx) => {
        await tx.analyzers.insert(analyzer(account, 'a'));
        await tx.analyzers.insertRule(rule);
        await tx.analyzers.putFindings(many);
      });
      await expect(h.store.write((tx) => tx.analyzers.insertRule(rule))).rejects.toBeInstanceOf(EntityAlreadyExistsError);
      const changed = { ...many[7]!, status: 'ARCHIVED' as const, updatedAt: at(20), recommendation: '{"status":"SUCCEEDED"}' };
      await h.store.write(async (tx) => {
        await tx.analyzers.putFindings([changed]);
        expect(await tx.analyzers.updateRule({ ...rule, filter: { status: { exists: true } }, updatedAt: at(5) })).toBe(true);
      });
      await h.store.read(async (tx) => {
        expect(await tx.analyzers.getRule(account, 'us-east-1', 'a', 'r')).toStrictEqual({ ...rule, filter: { status: { exists: true } }, updatedAt: at(5) });
        const stored = await tx.analyzers.listFindings(account, 'us-east-1', 'a');
        expect(stored).toHaveLength(450);
        expect(stored[7]).toStrictEqual(changed);
        expect(await tx.analyzers.getFinding(account, 'us-east-1', 'a', 'f0000')).toStrictEqual(many[0]);
      });
      expect(await h.store.write((tx) => tx.analyzers.delete(account, 'us-east-1', 'a'))).toBe(true);
      await h.store.read(async (tx) => {
        expect(await tx.analyzers.listFindings(account, 'us-east-1', 'a')).toEqual([]);
        expect(await tx.analyzers.listRules(account, 'us-east-1', 'a')).toEqual([]);
      });
    });

    it("reads an account's principals, credentials, policies and newest uses for a scan", async () => {
      const account = await h.newAccount();
      const alice = makeUser(account, 'alice', { tags: [{ key: 'team', value: 'a' }] });
      const fence = makePolicy(account, 'fence');
      const role = makeRole(account, 'app', { lastUsed: { date: at(50), region: 'us-east-1' }, permissionsBoundaryArn: fence.arn });
      const managed = makePolicy(account, 'shared');
      const key = makeAccessKey(account, 'alice');
      await h.store.write(async (tx) => {
        await tx.users.insert(alice);
        await tx.roles.insert(role);
        await tx.groups.insert(makeGroup(account, 'devs'));
        await tx.groups.members.addUser(account, 'devs', 'alice');
        await tx.policies.insert(managed);
        await tx.policies.versions.insert(makeVersion(managed.arn, 'v1', { document: '{"Statement":[]}' }));
        await tx.policies.insert(fence);
        await tx.policies.versions.insert(makeVersion(fence.arn, 'v1', { document: '{"Version":"2012-10-17","Statement":[]}' }));
        await tx.policies.attachments.attach({ accountId: account, kind: 'group', name: 'devs' }, managed.arn);
        await tx.policies.attachments.attach({ accountId: account, kind: 'role', name: 'app' }, managed.arn);
        await tx.inlinePolicies.put({ accountId: account, ownerKind: 'user', ownerName: 'alice', policyName: 'own', document: '{"Version":"2012-10-17"}' });
        await tx.accessKeys.insert(key);
        for (const [s, action] of [[10, 'GetUser'], [30, 'GetUser'], [20, 'ListUsers']] as const) {
          await tx.serviceAccess.record({ accountId: account, principalArn: alice.arn, serviceNamespace: 'iam', actionName: action, region: s === 30 ? 'eu-west-1' : 'us-east-1', date: at(s), authenticatedEntity: alice.arn });
        }
      });
      const source = await h.store.read((tx) => tx.analyzers.loadScanSource(account));
      expect(source.users).toEqual([{ id: alice.id, name: 'alice', arn: alice.arn, createDate: alice.createDate, tags: alice.tags }]);
      expect(source.roles.map((r) => [r.name, r.lastUsed, r.boundary])).toEqual([['app', at(50), fence.arn]]);
      // The boundary's document is read though nothing attaches it; it is no attached policy.
      expect(source.documents.get(fence.arn)).toBe('{"Version":"2012-10-17","Statement":[]}');
      expect(source.accessKeys).toEqual([{ userId: alice.id, accessKeyId: key.accessKeyId, status: 'Active', createDate: key.createDate }]);
      expect(source.policies.map((p) => `${p.principalId} ${p.policyKey}`).sort()).toEqual(
        [`${alice.id} ${managed.arn}`, `${role.id} ${managed.arn}`, `${alice.id} inline:user/alice/own`].sort(),
      );
      expect(source.documents.get(managed.arn)).toBe('{"Statement":[]}');
      expect(source.documents.get('inline:user/alice/own')).toBe('{"Version":"2012-10-17"}');
      expect(source.uses.map((u) => `${u.actionName} ${u.lastAccessed.getTime()}`).sort()).toEqual([`GetUser ${at(30).getTime()}`, `ListUsers ${at(20).getTime()}`]);
    });

    it('keeps idempotency tokens per operation, ignores and drops expired ones', async () => {
      const account = await h.newAccount();
      const use = { accountId: account, region: 'us-east-1', operation: 'CreateAnalyzer', clientToken: 'Tok', requestDigest: 'd1', createdAt: at(10) };
      await h.store.write((tx) => tx.analyzers.putClientToken(use, at(0)));
      await h.store.read(async (tx) => {
        expect(await tx.analyzers.getClientToken(account, 'us-east-1', 'CreateAnalyzer', 'Tok', at(5))).toStrictEqual(use);
        expect(await tx.analyzers.getClientToken(account, 'us-east-1', 'CreateAnalyzer', 'tok', at(5))).toBeUndefined();
        expect(await tx.analyzers.getClientToken(account, 'us-east-1', 'DeleteAnalyzer', 'Tok', at(5))).toBeUndefined();
        expect(await tx.analyzers.getClientToken(account, 'us-east-1', 'CreateAnalyzer', 'Tok', at(11))).toBeUndefined();
      });
      // A later use of an expired token replaces it.
      await h.store.write((tx) => tx.analyzers.putClientToken({ ...use, requestDigest: 'd2', createdAt: at(30) }, at(20)));
      expect((await h.store.read((tx) => tx.analyzers.getClientToken(account, 'us-east-1', 'CreateAnalyzer', 'Tok', at(20))))?.requestDigest).toBe('d2');
    });
  });
}
