// Conformance cases for Access Analyzer's policy generation jobs: insert and read back, one job
// per client token, finish only from IN_PROGRESS (a cancel and a completion: the first wins), and
// the newest-first list with its horizon, principal filter and paging.
import { describe, expect, it } from 'vitest';
import { EntityAlreadyExistsError } from '../errors.js';
import type { StoredPolicyGeneration } from '../policy-generation-repositories.js';
import { at, type Harness } from './harness.js';

function job(account: string, id: string, seconds: number, extra: Partial<StoredPolicyGeneration> = {}): StoredPolicyGeneration {
  return { jobId: id, accountId: account, principalArn: `arn:aws:iam::${account}:role/r`, request: '{"w":1}', status: 'IN_PROGRESS', startedOn: at(seconds), ...extra };
}

export function policyGenerationCases(h: Harness): void {
  describe('policy generation jobs', () => {
    it('stores a job exactly and refuses a second job with the same id or client token', async () => {
      const account = await h.newAccount();
      const first = job(account, `${account}-a`, 10, { clientToken: 'tok' });
      await h.store.write((tx) => tx.policyGenerations.insert(first));
      expect(await h.store.read((tx) => tx.policyGenerations.get(account, first.jobId))).toStrictEqual(first);
      expect(await h.store.read((tx) => tx.policyGenerations.byClientToken(account, 'tok'))).toStrictEqual(first);
      await expect(h.store.write((tx) => tx.policyGenerations.insert(job(account, `${account}-b`, 11, { clientToken: 'tok' })))).rejects.toBeInstanceOf(EntityAlreadyExistsError);
      await expect(h.store.write((tx) => tx.policyGenerations.insert(job(account, first.jobId, 12)))).rejects.toBeInstanceOf(EntityAlreadyExistsError);
      expect(await h.store.read((tx) => tx.policyGenerations.get(account, `${account}-b`))).toBeUndefined();
    });

    it('finishes a job once, from IN_PROGRESS only', async () => {
      const account = await h.newAccount();
      const id = `${account}-f`;
      await h.store.write((tx) => tx.policyGenerations.insert(job(account, id, 10)));
      expect(await h.store.write((tx) => tx.policyGenerations.finish(account, id, { status: 'CANCELED', completedOn: at(20) }))).toBe(true);
      expect(await h.store.write((tx) => tx.policyGenerations.finish(account, id, { status: 'SUCCEEDED', completedOn: at(21), result: '{}' }))).toBe(false);
      expect(await h.store.read((tx) => tx.policyGenerations.get(account, id))).toStrictEqual(job(account, id, 10, { status: 'CANCELED', completedOn: at(20) }));
      expect(await h.store.write((tx) => tx.policyGenerations.finish(account, 'nope', { status: 'CANCELED', completedOn: at(20) }))).toBe(false);
      const failed = `${account}-g`;
      await h.store.write((tx) => tx.policyGenerations.insert(job(account, failed, 10)));
      await h.store.write((tx) => tx.policyGenerations.finish(account, failed, { status: 'FAILED', completedOn: at(30), error: { code: 'SERVICE_ERROR', message: 'm' } }));
      expect((await h.store.read((tx) => tx.policyGenerations.get(account, failed)))?.error).toStrictEqual({ code: 'SERVICE_ERROR', message: 'm' });
    });

    it('lists newest first from a date, by principal, in pages', async () => {
      const account = await h.newAccount();
      const other = `arn:aws:iam::${account}:user/u`;
      for (const [id, s, principal] of [['j1', 10, undefined], ['j2', 20, undefined], ['j3', 30, other], ['j4', 30, undefined], ['j0', 5, undefined]] as const) {
        await h.store.write((tx) => tx.policyGenerations.insert(job(account, `${account}-${id}`, s, principal === undefined ? {} : { principalArn: principal })));
      }
      const ids = (rows: readonly StoredPolicyGeneration[]): string[] => rows.map((r) => r.jobId.slice(account.length + 1));
      const all = await h.store.read((tx) => tx.policyGenerations.list(account, { since: at(10), limit: 10 }));
      expect(ids(all)).toEqual(['j4', 'j3', 'j2', 'j1']);
      const first = await h.store.read((tx) => tx.policyGenerations.list(account, { since: at(10), limit: 2 }));
      const last = first[first.length - 1]!;
      const rest = await h.store.read((tx) => tx.policyGenerations.list(account, { since: at(10), limit: 10, after: { startedOn: last.startedOn, jobId: last.jobId } }));
      expect([...ids(first), ...ids(rest)]).toEqual(['j4', 'j3', 'j2', 'j1']);
      expect(ids(await h.store.read((tx) => tx.policyGenerations.list(account, { since: at(0), principalArn: other, limit: 10 })))).toEqual(['j3']);
      expect(await h.store.read((tx) => tx.policyGenerations.list('000000000000', { since: at(0), limit: 10 }))).toEqual([]);
    });
  });
}
