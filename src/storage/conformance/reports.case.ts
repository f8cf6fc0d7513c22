// Conformance cases for access advisor jobs and the per-account credential report.
import { describe, expect, it } from 'vitest';
import type { ServiceLastAccessedJob } from '../../domain/access-advisor.js';
import { ConstraintViolationError, EntityAlreadyExistsError } from '../errors.js';
import { at, type Harness } from './harness.js';

export function reportCases(h: Harness): void {
  describe('service last accessed jobs', () => {
    const job = (accountId: string, jobId: string, extra: Partial<ServiceLastAccessedJob> = {}): ServiceLastAccessedJob => ({
      accountId,
      jobId,
      entityArn: `arn:aws:iam::${accountId}:user/alice`,
      granularity: 'ACTION_LEVEL',
      status: 'IN_PROGRESS',
      creationDate: at(1),
      ...extra,
    });

    it('round-trips, completes, fails, and rejects a duplicate id', async () => {
      const account = await h.newAccount();
      const other = await h.newAccount();
      const id = `job-${account}`;
      const started = job(account, id);
      await h.store.write((tx) => tx.serviceLastAccessedJobs.insert(started));
      expect(await h.store.read((tx) => tx.serviceLastAccessedJobs.get(account, id))).toStrictEqual(started);
      expect(await h.store.read((tx) => tx.serviceLastAccessedJobs.get(other, id))).toBeUndefined();
      await expect(h.store.write((tx) => tx.serviceLastAccessedJobs.insert(started))).rejects.toBeInstanceOf(EntityAlreadyExistsError);
      const done = { ...started, status: 'COMPLETED' as const, completionDate: at(2), resultJson: '{"services":[{"n":"iam","ü":1}]}' };
      expect(await h.store.write((tx) => tx.serviceLastAccessedJobs.update(done))).toBe(true);
      expect(await h.store.read((tx) => tx.serviceLastAccessedJobs.get(account, id))).toStrictEqual(done);
      const { resultJson: _r, ...failedBase } = done;
      const failed = { ...failedBase, status: 'FAILED' as const, error: { code: 'InternalError', message: 'boom' } };
      await h.store.write((tx) => tx.serviceLastAccessedJobs.update(failed));
      expect(await h.store.read((tx) => tx.serviceLastAccessedJobs.get(account, id))).toStrictEqual(failed);
      expect(await h.store.write((tx) => tx.serviceLastAccessedJobs.update(job(other, id)))).toBe(false);
    });

    it('prunes jobs created before a date', async () => {
      const account = await h.newAccount();
      await h.store.write(async (tx) => {
        for (const s of [1, 2, 3]) await tx.serviceLastAccessedJobs.insert(job(account, `j${s}-${account}`, { creationDate: at(s) }));
      });
      expect(await h.store.write((tx) => tx.serviceLastAccessedJobs.deleteCreatedBefore(account, at(3)))).toBe(2);
      expect(await h.store.read((tx) => tx.serviceLastAccessedJobs.get(account, `j3-${account}`))).toBeDefined();
      expect(await h.store.read((tx) => tx.serviceLastAccessedJobs.get(account, `j1-${account}`))).toBeUndefined();
    });
  });

  describe('credential reports', () => {
    it('stores one report per account, replaced on each put', async () => {
      const account = await h.newAccount();
      expect(await h.store.read((tx) => tx.credentialReports.get(account))).toBeUndefined();
      const started = { accountId: account, state: 'STARTED' as const, startedDate: at(1) };
      await h.store.write((tx) => tx.credentialReports.put(started));
      expect(await h.store.read((tx) => tx.credentialReports.get(account))).toStrictEqual(started);
      const csv = 'user,arn,user_creation_time\r\n<root_account>,arn:aws:iam::1:root,2024-01-02T03:04:05+00:00\n';
      const complete = { accountId: account, state: 'COMPLETE' as const, startedDate: at(2), generatedTime: at(3), content: csv };
      await h.store.write((tx) => tx.credentialReports.put(complete));
      expect(await h.store.read((tx) => tx.credentialReports.get(account))).toStrictEqual(complete);
      // Clearing optional fields on a later put.
      await h.store.write((tx) => tx.credentialReports.put({ ...started, startedDate: at(4) }));
      expect(await h.store.read((tx) => tx.credentialReports.get(account))).toStrictEqual({ ...started, startedDate: at(4) });
      await h.store.write(async (tx) => {
        expect(await tx.credentialReports.delete(account)).toBe(true);
        expect(await tx.credentialReports.delete(account)).toBe(false);
      });
    });

    it('refuses a report for an unknown account', async () => {
      const put = h.store.write((tx) => tx.credentialReports.put({ accountId: '000000000001', state: 'STARTED', startedDate: at(1) }));
      await expect(put).rejects.toBeInstanceOf(ConstraintViolationError);
    });
  });
}
