// `--endpoint-url`: the hand-written account loaded into a real Keyward server through the
// AWS SDK, read back through GetAccountAuthorizationDetails (paged), gives the same admins
// and the same escalation paths as the file.

import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { analyze, buildModel, loadModel, type AnalysisReport } from '../../src/analysis/index.js';
import { readLiveDetails } from '../../src/cli/live-input.js';
import { main } from '../../src/cli/main.js';
import { getAwsManagedPolicy } from '../../src/domain/aws-managed/catalogue.js';
import { fakeIo } from '../../src/cli/fake-io.case.js';
import { ACCOUNT_ID, ROOT_KEY, useTestServer } from '../support/server.js';
import { ACCOUNTS_DIR } from './load-accounts.js';
import { loadIntoKeyward } from './load-into-keyward.js';

const NOW = new Date('2026-06-01T00:00:00Z');
// The file's account, moved to the test server's.
const FILE_TEXT = readFileSync(`${ACCOUNTS_DIR}techniques-111111111111.json`, 'utf8').replaceAll('111111111111', ACCOUNT_ID);
const awsManagedPolicy = (arn: string) => getAwsManagedPolicy(arn)?.document;

function shape(report: AnalysisReport): unknown {
  return {
    admins: report.admins,
    escalations: report.escalations.map((p) => [p.source, ...p.steps.map((s) => `${s.technique}${s.needsMfa ? ' (MFA)' : ''} ${s.to} ${s.alternatives.join(',')}`)]),
  };
}

describe('live input (--endpoint-url)', () => {
  const server = useTestServer();
  beforeAll(async () => {
    await loadIntoKeyward(server.iam(), JSON.parse(FILE_TEXT) as Record<string, unknown>);
  }, 120_000);

  const fromFile = () => {
    const built = loadModel([{ source: 'file', json: JSON.parse(FILE_TEXT) as unknown }], { awsManagedPolicy });
    if (!built.ok) throw new Error('bad fixture');
    return analyze(built.model, { now: NOW }).report;
  };

  it('reads every page of the account and finds the same admins and paths as the file', async () => {
    const live = await readLiveDetails({ endpoint: server.server.url, credentials: ROOT_KEY, pageSize: 10 });
    if (typeof live[0] === 'string') throw new Error((live as string[]).join('\n'));
    const details = live as Exclude<typeof live, string[]>;
    // 44 users, 3 groups, 7 roles and the policies, 10 a page.
    expect(details.length).toBeGreaterThan(5);
    expect(details.reduce((n, d) => n + d.UserDetailList.length, 0)).toBe(44);
    // Keys and console passwords came with the users (admin-two-keys has two keys and a password).
    const twoKeys = details.flatMap((d) => d.UserDetailList).find((u) => u.UserName === 'admin-two-keys')!;
    expect([twoKeys.AccessKeyMetadata?.length, twoKeys.LoginProfile === null]).toEqual([2, false]);
    const built = buildModel(details, { awsManagedPolicy });
    if (!built.ok) throw new Error('live input did not build');
    const report = analyze(built.model, { now: NOW }).report;
    expect(report.escalations.length).toBe(37);
    expect(shape(report)).toEqual(shape(fromFile()));
  });

  it('keyward analyze --endpoint-url signs with the standard credential chain', async () => {
    const saved = { id: process.env.AWS_ACCESS_KEY_ID, secret: process.env.AWS_SECRET_ACCESS_KEY };
    process.env.AWS_ACCESS_KEY_ID = ROOT_KEY.accessKeyId;
    process.env.AWS_SECRET_ACCESS_KEY = ROOT_KEY.secretAccessKey;
    try {
      const io = fakeIo({});
      expect(await main(['analyze', '--endpoint-url', server.server.url], io)).toBe(0);
      const report = JSON.parse(io.stdout.join('\n')) as AnalysisReport;
      expect(shape(report)).toEqual(shape(fromFile()));
      const q = fakeIo({});
      expect(await main(['query', 'admins', '--endpoint-url', server.server.url], q)).toBe(0);
      expect(q.stdout).toEqual(fromFile().admins);
      process.env.AWS_SECRET_ACCESS_KEY = 'wrong-secret';
      const bad = fakeIo({});
      expect(await main(['analyze', '--endpoint-url', server.server.url], bad)).toBe(2);
      expect(bad.stderr[0]).toMatch(new RegExp(`^keyward analyze: ${server.server.url.replace(/[.]/g, '\\.')}: SignatureDoesNotMatch`));
    } finally {
      for (const [k, v] of [['AWS_ACCESS_KEY_ID', saved.id], ['AWS_SECRET_ACCESS_KEY', saved.secret]] as const) {
        if (v === undefined) delete process.env[k];
        else process.env[k] = v;
      }
    }
  }, 60_000);
});
