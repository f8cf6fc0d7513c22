// The least-privilege risk report on a hand-written account (accounts/least-privilege-*.json):
// each category per principal (the union, through the engine: a boundary and an explicit deny
// cut it down) and per policy, the decoys never reported, and unused credentials from
// last-use data. Expected findings asserted exactly.

import { describe, expect, it } from 'vitest';
import { analyze, type Finding } from '../../src/analysis/index.js';
import { loadActionCatalogue } from '../../src/cli/action-catalogue.js';
import { ACCOUNTS_DIR, loadAccounts } from './load-accounts.js';

const A = '333333333333';
const user = (name: string) => `arn:aws:iam::${A}:user/${name}`;
const role = (name: string) => `arn:aws:iam::${A}:role/${name}`;
const NOW = new Date('2026-06-01T00:00:00Z');
const LP_RULES = new Set(['resource-exposure', 'credentials-exposure', 'data-exfiltration', 'infrastructure-modification', 'service-wildcard', 'admin-policy', 'unused-credentials']);

/** rule, severity, principal or policy, then the actions (or their count when many). */
function shape(f: Finding): unknown[] {
  const actions = f.actions === undefined ? undefined : f.actions.length > 6 ? f.actions.length : f.actions;
  return [f.rule, f.severity, f.principal ?? `policy ${f.policy!}`, actions];
}

describe('least-privilege report', async () => {
  const catalogue = await loadActionCatalogue();
  const model = loadAccounts([`${ACCOUNTS_DIR}least-privilege-${A}.json`]);
  const report = analyze(model, { now: NOW, catalogue }).report;
  const findings = report.findings.filter((f) => LP_RULES.has(f.rule));
  const of = (who: string) => findings.filter((f) => f.principal === who || f.policy === who).map(shape);
  const S3_PM = catalogue.services.get('s3')!.filter((a) => a.level === 'Permissions management').length;
  const S3_WRITE = catalogue.services.get('s3')!.filter((a) => a.level !== 'Read' && a.level !== 'List').length;

  it('per principal: the union of its policies, decided by the engine', () => {
    expect(of(user('lp-creds'))).toEqual([
      ['credentials-exposure', 'high', user('lp-creds'), ['iam:CreateAccessKey']],
      ['infrastructure-modification', 'low', user('lp-creds'), ['iam:CreateAccessKey']],
    ]);
    // Through an attached managed policy; ssm:DescribeParameters is a List action, not data.
    expect(of(user('lp-exfil'))).toEqual([['data-exfiltration', 'medium', user('lp-exfil'), ['s3:GetObject', 'ssm:GetParameter']]]);
    expect(of(role('lp-s3-wildcard'))).toEqual([
      ['unused-credentials', 'low', role('lp-s3-wildcard'), undefined],
      ['resource-exposure', 'high', role('lp-s3-wildcard'), S3_PM],
      ['data-exfiltration', 'medium', role('lp-s3-wildcard'), ['s3:GetObject', 's3:GetObjectVersion']],
      ['infrastructure-modification', 'low', role('lp-s3-wildcard'), S3_WRITE],
      ['service-wildcard', 'high', role('lp-s3-wildcard'), ['s3:*']],
    ]);
    expect(S3_PM).toBeGreaterThan(10);
    const infra = findings.find((f) => f.principal === role('lp-s3-wildcard') && f.rule === 'infrastructure-modification')!;
    expect(infra.actions).toContain('s3:PutBucketPolicy');
    expect(infra.actions).not.toContain('s3:GetObject');
  });

  it('a boundary and an explicit deny cut the grants down; scoped grants are not reported', () => {
    // s3:* on *, inside a boundary that allows only s3:GetObject.
    expect(of(user('lp-boundary'))).toEqual([['data-exfiltration', 'medium', user('lp-boundary'), ['s3:GetObject']]]);
    // kms:Decrypt allowed and denied: only kms:Encrypt is left.
    expect(of(user('lp-deny'))).toEqual([['infrastructure-modification', 'low', user('lp-deny'), ['kms:Encrypt']]]);
    expect(of(user('lp-scoped-creds'))).toEqual([]);
    expect(of(user('lp-bucket'))).toEqual([]);
  });

  it('shows the statements that grant the actions, as the input wrote them', () => {
    const creds = findings.find((f) => f.principal === user('lp-creds') && f.rule === 'credentials-exposure')!;
    expect(creds.statements).toEqual([{ policy: 'user/lp-creds/lp-creds-inline', statement: 'Keys', json: { Sid: 'Keys', Effect: 'Allow', Action: 'iam:CreateAccessKey', Resource: '*' } }]);
    expect(creds.message).toBe(`${user('lp-creds')} may create or read credentials on any resource: iam:CreateAccessKey`);
  });

  it('per policy: each customer managed and inline policy by itself; an admin policy is one finding', () => {
    const policy = (name: string) => `arn:aws:iam::${A}:policy/${name}`;
    expect(of(policy('lp-admin-policy'))).toEqual([['admin-policy', 'high', `policy ${policy('lp-admin-policy')}`, undefined]]);
    expect(of(policy('lp-exfil-policy'))).toEqual([['data-exfiltration', 'medium', `policy ${policy('lp-exfil-policy')}`, ['s3:GetObject', 'ssm:GetParameter']]]);
    // By itself the inline s3:* policy is everything its boundary later cuts down.
    expect(of('user/lp-boundary/lp-boundary-inline').map((s) => s[0])).toEqual(['resource-exposure', 'data-exfiltration', 'infrastructure-modification', 'service-wildcard']);
    expect(of('user/lp-deny/lp-deny-inline')).toEqual([['infrastructure-modification', 'low', 'policy user/lp-deny/lp-deny-inline', ['kms:Encrypt']]]);
    expect(of('user/lp-scoped-creds/lp-scoped-creds-inline')).toEqual([]);
  });

  it('reports credentials unused for 90 days from last-use data, and not the fresh, new or inactive ones', () => {
    expect(findings.filter((f) => f.rule === 'unused-credentials').map((f) => [f.principal, f.message])).toEqual([
      [user('lp-idle-user'), `${user('lp-idle-user')}: its console password last used 151 days ago; access key AKIAIDLE0000000000001 last used 516 days ago; access key AKIAIDLE0000000000004 never used, created 365 days ago`],
      [role('lp-idle-role'), `${role('lp-idle-role')}: the role last used 182 days ago`],
      [role('lp-never-role'), `${role('lp-never-role')}: the role never used, created 516 days ago`],
      [role('lp-s3-wildcard'), `${role('lp-s3-wildcard')}: the role never used, created 882 days ago`],
    ]);
    const strict = analyze(model, { now: NOW, unusedDays: 200 }).report.findings.filter((f) => f.rule === 'unused-credentials');
    expect(strict.map((f) => f.principal)).toEqual([user('lp-idle-user'), role('lp-never-role'), role('lp-s3-wildcard')]);
  });

  it('every action in the curated lists is in AWS\'s catalogue', async () => {
    const { CREDENTIALS_EXPOSURE, DATA_EXFILTRATION } = await import('../../src/analysis/index.js');
    for (const a of [...CREDENTIALS_EXPOSURE, ...DATA_EXFILTRATION]) expect(catalogue.byName.has(a.toLowerCase()), a).toBe(true);
  });
});
