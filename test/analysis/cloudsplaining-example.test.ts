// The public cloudsplaining example account (test/fixtures/authorization-details/), analysed
// end to end. The facts asserted were read from the file: which policies each principal has.

import { describe, expect, it } from 'vitest';
import { analyze, type AnalysisReport } from '../../src/analysis/index.js';
import { FIXTURES_DIR, loadAccounts } from './load-accounts.js';

const ACCT = '200611803367';
const OTHER = '012345678901';
const u = (name: string, account = ACCT) => `arn:aws:iam::${account}:user/${name}`;
const r = (name: string) => `arn:aws:iam::${ACCT}:role/${name}`;

describe('the cloudsplaining example account', () => {
  const model = loadAccounts([`${FIXTURES_DIR}cloudsplaining-example.json`]);
  const report: AnalysisReport = analyze(model, { now: new Date('2026-06-01T00:00:00Z') }).report;
  const pathsFrom = (source: string) => report.escalations.filter((p) => p.source === source);

  it('loads every principal of both accounts in the file', () => {
    expect(report.accounts).toEqual([OTHER, ACCT]);
    expect(report.principals).toEqual({ users: 44, roles: 78 });
    expect(report.warnings).toEqual([]);
  });

  it('finds the admins the policies make, directly, through a group, or through NotAction', () => {
    expect(report.admins).toEqual([
      u('obama', OTHER), // AdministratorAccess attached (and the admin group)
      u('userwithlotsofpermissions', OTHER), // only an s3 inline policy, but in the admin group
      u('fn4-exploitableNotAction-user'), // NotAction iam:Update*, iam:Create*, iam:Attach*: everything else
      r('AWS-QuickSetup-StackSet-Local-ExecutionRole'), // AdministratorAccess
      r('OrganizationAccountAccessRole'), // AdministratorAccess
      r('aws-reserved/sso.amazonaws.com/AWSReservedSSO_AdministratorAccess_dc6414f7f2ab04fc'),
      r('fn4-exploitableNotAction-role'),
      r('privesc-AssumeRole-ending-role'), // privesc-AssumeRole-high-priv-policy: * on *
      r('privesc-high-priv-service-role'), // privesc-high-priv-service-policy: * on *
      r('stacksets-exec-b5520cb2730c2f54b523d6375a319abb'), // AdministratorAccess
    ]);
  });

  it('finds the known escalations, each by its technique', () => {
    const first = (source: string) => pathsFrom(source)[0]!.steps.map((s) => [s.to, s.technique]);
    // iam:CreateAccessKey on *: the only admin user of its account.
    expect(first(u('privesc4-CreateAccessKey-user'))).toEqual([[u('fn4-exploitableNotAction-user'), 'create-access-key']]);
    // iam:PutUserPolicy on *: itself.
    expect(first(u('privesc10-PutUserPolicy-user'))).toEqual([[u('privesc10-PutUserPolicy-user'), 'put-own-policy']]);
    // No policies, but the ending role's trust policy names it.
    expect(first(r('privesc-AssumeRole-intermediate-role'))).toEqual([[r('privesc-AssumeRole-ending-role'), 'assume-role']]);
    // iam:* from its group's policy: itself, or any role's trust policy.
    const sre = pathsFrom(u('privesc-sre-user'));
    expect(sre.find((p) => p.target === u('privesc-sre-user'))!.steps.map((s) => [s.technique, s.selfEscalation, s.alternatives])).toEqual([
      ['put-own-policy', true, ['attach-own-policy', 'put-group-policy', 'attach-group-policy', 'create-policy-version']], // its group's managed policy
    ]);
    expect(sre.find((p) => p.target === r('OrganizationAccountAccessRole'))!.steps.map((s) => s.technique)).toEqual(['update-assume-role-policy']);
    // iam:PassRole on * and ec2:RunInstances; the high-privilege role is in an instance profile and trusts EC2.
    const ec2 = pathsFrom(u('privesc3-CreateEC2WithExistingInstanceProfile-user')).find((p) => p.target === r('privesc-high-priv-service-role'))!;
    expect(ec2.steps.map((s) => [s.technique, s.actions])).toEqual([['ec2-instance-profile', ['iam:PassRole', 'ec2:RunInstances']]]);
  });

  it('never changes a role only AWS may change (service-linked, IAM Identity Center)', () => {
    const sso = r('aws-reserved/sso.amazonaws.com/AWSReservedSSO_AdministratorAccess_dc6414f7f2ab04fc');
    // privesc-sre-user has iam:* and could rewrite any other role's trust policy, but not this one's.
    expect(report.edges.some((e) => e.from === u('privesc-sre-user') && e.to === r('OrganizationAccountAccessRole') && e.technique === 'update-assume-role-policy')).toBe(true);
    expect(report.edges.filter((e) => e.to === sso)).toEqual([]);
    const modified = report.edges.filter((e) => (e.technique === 'update-assume-role-policy' || e.from === e.to) && /:role\/(aws-service-role|aws-reserved)\//.test(e.to));
    expect(modified).toEqual([]);
  });

  it('reports the roles an account outside the input may assume (072528804237, in their trust policies)', () => {
    expect(report.findings.filter((f) => f.rule === 'role-assumable-by-other-account').map((f) => f.principal)).toEqual([
      r('OrganizationAccountAccessRole'),
      r('stacksets-exec-b5520cb2730c2f54b523d6375a319abb'),
    ]);
    expect(report.findings.filter((f) => f.rule === 'role-assumable-by-anyone')).toEqual([]);
  });

  it('keeps a condition that holds and drops one that never can (aws:TokenIssueTime before 2020)', () => {
    expect(pathsFrom(u('fn3-exploitableConditionConstraint-user'))[0]!.steps.map((s) => s.technique)).toEqual(['create-policy-version']);
    expect(pathsFrom(u('fp5-nonExploitableConditionConstraint-user'))).toEqual([]);
  });

  it('every path starts at a non-admin and ends at an admin or a self-escalation, with no principal twice', () => {
    expect(report.escalations.length).toBeGreaterThan(0);
    const admins = new Set(report.admins);
    for (const p of report.escalations) {
      expect(admins.has(p.source)).toBe(false);
      const last = p.steps[p.steps.length - 1]!;
      expect(admins.has(p.target) || (last.selfEscalation && last.to === p.target)).toBe(true);
      const visited = [p.source, ...p.steps.filter((s) => !s.selfEscalation).map((s) => s.to)];
      expect(new Set(visited).size).toBe(visited.length);
      for (let i = 1; i < p.steps.length; i++) expect(p.steps[i]!.from).toBe(p.steps[i - 1]!.to);
    }
    for (let i = 1; i < report.escalations.length; i++) {
      expect(report.escalations[i]!.steps.length).toBeGreaterThanOrEqual(report.escalations[i - 1]!.steps.length);
    }
  });
});
