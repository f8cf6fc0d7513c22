// Resource-based policies given with the input (--resource-policy ARN=FILE) and the
// exclusions file: findings on what outsiders may do to a resource, queries that count a
// resource policy's grant, and what the exclusions leave out of the report.

import { describe, expect, it } from 'vitest';
import { analyze, answerQuery, formatProblem, loadModel, makeExclusions, type AnalysisReport, type ResourcePolicyInput } from '../../src/analysis/index.js';
import { loadActionCatalogue } from '../../src/cli/action-catalogue.js';
import { getAwsManagedPolicy } from '../../src/domain/aws-managed/catalogue.js';
import { ACCOUNTS_DIR, readJsonFile } from './load-accounts.js';

const A = '333333333333';
const user = (name: string) => `arn:aws:iam::${A}:user/${name}`;
const NOW = new Date('2026-06-01T00:00:00Z');
const BUCKET = 'arn:aws:s3:::public-site';
const KEY = `arn:aws:kms:us-east-1:${A}:key/1234abcd-12ab-34cd-56ef-1234567890ab`;
const FILE = `${ACCOUNTS_DIR}least-privilege-${A}.json`;
const policies: ResourcePolicyInput[] = [
  { arn: BUCKET, source: 'bucket-policy-public.json', json: readJsonFile(`${ACCOUNTS_DIR}bucket-policy-public.json`) },
  { arn: KEY, source: 'key-policy-vendor.json', json: readJsonFile(`${ACCOUNTS_DIR}key-policy-vendor.json`) },
];

function model(resourcePolicies = policies) {
  const built = loadModel([{ source: FILE, json: readJsonFile(FILE) }], { resourcePolicies, awsManagedPolicy: (arn) => getAwsManagedPolicy(arn)?.document });
  if (!built.ok) throw new Error(built.problems.map(formatProblem).join('\n'));
  return built.model;
}

describe('resource policies', async () => {
  const catalogue = await loadActionCatalogue();
  const report: AnalysisReport = analyze(model(), { now: NOW, catalogue }).report;
  const resourceFindings = report.findings.filter((f) => f.resource !== undefined).map((f) => [f.rule, f.severity, f.resource, f.actions, f.message]);

  it('reports what any AWS account, or an account outside the input, may do to the resource', () => {
    expect(resourceFindings).toEqual([
      ['resource-exposed-to-anyone', 'high', BUCKET, ['s3:GetObject'], `any AWS account may s3:GetObject on ${BUCKET}`],
      ['resource-exposed-to-other-account', 'high', KEY, ['kms:Decrypt', 'kms:DescribeKey'], `account 444455556666, which is not in the input, may kms:Decrypt, kms:DescribeKey on ${KEY}`],
      ['resource-exposed-to-other-account', 'medium', KEY, ['kms:Encrypt'], `account 777788889999, which is not in the input, may kms:Encrypt on ${KEY} when StringEquals kms:EncryptionContext:app ["billing"]`],
    ]);
  });

  it('counts a resource policy\'s grant in queries, in the resource\'s own account', () => {
    const graph = analyze(model(), { now: NOW }).graph;
    const put = { kind: 'can', principal: user('lp-creds'), action: 's3:PutObject', resource: `${BUCKET}/index.html`, keys: {} } as const;
    expect(answerQuery(graph, put)).toMatchObject({ kind: 'can', allowed: true, access: { actingAs: user('lp-creds'), steps: [] } });
    const without = analyze(model([]), { now: NOW }).graph;
    expect(answerQuery(without, put)).toEqual({ kind: 'can', allowed: false });
    // The bucket policy names lp-creds only.
    expect(answerQuery(graph, { ...put, principal: user('lp-scoped-creds') })).toEqual({ kind: 'can', allowed: false });
  });

  it('rejects a resource policy that is not one, or whose owner cannot be told', () => {
    const bad = loadModel([{ source: FILE, json: readJsonFile(FILE) }], { resourcePolicies: [{ arn: BUCKET, source: 'p.json', json: { Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }] } }] });
    expect(bad.ok ? [] : bad.problems.map(formatProblem)[0]).toMatch(/^p\.json: \$: invalid policy: /);
    const noOwner = loadModel([], { resourcePolicies: [policies[0]!] });
    expect(noOwner.ok ? [] : noOwner.problems.map(formatProblem)).toEqual(['bucket-policy-public.json: $: arn:aws:s3:::public-site names no account and the input has none: give the owner (ACCOUNT:ARN=FILE)']);
  });
});

describe('exclusions', async () => {
  const catalogue = await loadActionCatalogue();
  const exclusionsJson = readJsonFile(`${ACCOUNTS_DIR}exclusions.json`) as Parameters<typeof makeExclusions>[0];
  const all = analyze(model(), { now: NOW, catalogue }).report;
  const some = analyze(model(), { now: NOW, catalogue, exclusions: makeExclusions(exclusionsJson) }).report;
  const rules = (r: AnalysisReport, who: string) => r.findings.filter((f) => f.principal === who || f.policy === who || f.resource === who).map((f) => [f.rule, f.actions]);

  it('leaves excluded principals, policies and actions out, and known accounts unreported', () => {
    expect(rules(all, user('lp-creds')).length).toBeGreaterThan(0);
    expect(rules(some, user('lp-creds'))).toEqual([]);
    // Its inline policy goes with it.
    expect(some.findings.filter((f) => f.policy === 'user/lp-creds/lp-creds-inline')).toEqual([]);
    expect(rules(some, `arn:aws:iam::${A}:role/lp-idle-role`)).toEqual([]);
    expect(rules(some, `arn:aws:iam::${A}:policy/lp-exfil-policy`)).toEqual([]);
    // lp-exfil had s3:GetObject and ssm:GetParameter, both excluded: nothing is left.
    expect(rules(all, user('lp-exfil'))).toEqual([['data-exfiltration', ['s3:GetObject', 'ssm:GetParameter']]]);
    expect(rules(some, user('lp-exfil'))).toEqual([]);
    expect(rules(some, `arn:aws:iam::${A}:role/lp-s3-wildcard`).find((r) => r[0] === 'data-exfiltration')).toBeUndefined();
    expect(rules(some, KEY)).toEqual([['resource-exposed-to-other-account', ['kms:Encrypt']]]);
  });

  it('changes what is reported, never what is decided', () => {
    expect(some.admins).toEqual(all.admins);
    expect(some.edges).toEqual(all.edges);
  });
});
