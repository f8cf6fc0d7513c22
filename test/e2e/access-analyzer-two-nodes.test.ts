// Access Analyzer's scans on two Keyward nodes sharing PostgreSQL: both nodes scan the same
// analyzer at once, many times over, and every scan leaves the same findings (same ids, types,
// resources and statuses, no duplicates), seen alike from either node.

import { CreateAnalyzerCommand, ListFindingsV2Command, StartResourceScanCommand, type FindingSummaryV2 } from '@aws-sdk/client-accessanalyzer';
import { CreateAccessKeyCommand, CreateLoginProfileCommand, CreateUserCommand, PutUserPolicyCommand } from '@aws-sdk/client-iam';
import { afterAll, describe, expect, it } from 'vitest';
import { DAY_MS, startAnalyzerCluster, type AnalyzerCluster, type AnalyzerNode } from '../support/analyzer-fixtures.js';
import { ACCOUNT_ID } from '../support/server.js';
import { policy, statement, trust } from '../support/sts-fixtures.js';
import { CreateRoleCommand } from '@aws-sdk/client-iam';

const USERS = 12;

let cluster: AnalyzerCluster | undefined;
afterAll(async () => cluster?.stop(), 60_000);

async function all(n: AnalyzerNode, analyzerArn: string): Promise<string[]> {
  const out: FindingSummaryV2[] = [];
  let nextToken: string | undefined;
  do {
    const page = await n.aa().send(new ListFindingsV2Command({ analyzerArn, sort: { attributeName: 'id', orderBy: 'ASC' }, ...(nextToken !== undefined && { nextToken }) }));
    out.push(...(page.findings ?? []));
    nextToken = page.nextToken;
  } while (nextToken !== undefined);
  return out.map((f) => `${f.id} ${f.findingType} ${f.resource} ${f.status}`);
}

describe('analyzer scans on two nodes sharing PostgreSQL', { timeout: 240_000 }, () => {
  it('give the same findings, whichever node scans and however they interleave', async () => {
    cluster = await startAnalyzerCluster('postgres', 2);
    const [a, b] = cluster.nodes as [AnalyzerNode, AnalyzerNode];
    for (let i = 0; i < USERS; i++) {
      const node = i % 2 === 0 ? a : b;
      await node.iam().send(new CreateUserCommand({ UserName: `u${i}` }));
      await node.iam().send(new PutUserPolicyCommand({ UserName: `u${i}`, PolicyName: 'p', PolicyDocument: policy(statement('Allow', ['iam:GetUser', 'sqs:SendMessage'])) }));
      await node.iam().send(new CreateAccessKeyCommand({ UserName: `u${i}` }));
      if (i % 3 === 0) await node.iam().send(new CreateLoginProfileCommand({ UserName: `u${i}`, Password: 'Correct-Horse-Battery-9' }));
      await node.iam().send(new CreateRoleCommand({ RoleName: `r${i}`, AssumeRolePolicyDocument: trust(`arn:aws:iam::${ACCOUNT_ID}:root`) }));
    }
    const { arn } = await a.aa().send(new CreateAnalyzerCommand({ analyzerName: 'unused', type: 'ACCOUNT_UNUSED_ACCESS', configuration: { unusedAccess: { unusedAccessAge: 30 } } }));
    cluster.advance(40 * DAY_MS);
    const scan = (n: AnalyzerNode) => n.aa().send(new StartResourceScanCommand({ analyzerArn: arn, resourceArn: `arn:aws:iam::${ACCOUNT_ID}:user/u0` }));
    await Promise.all([scan(a), scan(b), scan(a), scan(b)]);
    const fromA = await all(a, arn!);
    // Per user: a key, a permission finding, and a password for every third; per role: the role.
    expect(fromA).toHaveLength(USERS * 3 + USERS / 3);
    expect(new Set(fromA.map((l) => l.split(' ')[0])).size).toBe(fromA.length);
    expect(fromA.every((l) => l.endsWith(' ACTIVE'))).toBe(true);
    expect(await all(b, arn!)).toEqual(fromA);
    await Promise.all([scan(b), scan(a)]);
    expect(await all(b, arn!)).toEqual(fromA);
  });
});
