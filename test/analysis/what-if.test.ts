// What-if on the hand-written accounts: a change (IAM calls) applied to a copy of the
// input, and exactly the admins, paths and findings it adds or removes.

import { describe, expect, it } from 'vitest';
import { formatProblem, readChanges, readDetails, whatIf, type AuthorizationDetails, type WhatIfReport } from '../../src/analysis/index.js';
import { getAwsManagedPolicy } from '../../src/domain/aws-managed/catalogue.js';
import { ACCOUNTS_DIR, readJsonFile } from './load-accounts.js';

const A = '111111111111';
const user = (name: string) => `arn:aws:iam::${A}:user/${name}`;
const role = (name: string) => `arn:aws:iam::${A}:role/${name}`;
const NOW = new Date('2026-06-01T00:00:00Z');

function details(...names: string[]): AuthorizationDetails[] {
  return names.map((n) => {
    const r = readDetails(n, readJsonFile(`${ACCOUNTS_DIR}${n}`));
    if (!r.ok) throw new Error('bad fixture');
    return r.details;
  });
}
const ACCOUNT_A = details(`techniques-${A}.json`);

function run(changes: unknown, input = ACCOUNT_A): WhatIfReport | string[] {
  const read = readChanges('change.json', changes);
  if (!read.ok) return read.problems.map(formatProblem);
  const r = whatIf(input, read.changes, 'change.json', { model: { awsManagedPolicy: (arn) => getAwsManagedPolicy(arn)?.document }, analyze: { now: NOW } });
  return r.ok ? r.report : r.problems.map(formatProblem);
}

function problems(changes: unknown, input = ACCOUNT_A): string[] {
  const r = run(changes, input);
  if (!Array.isArray(r)) throw new Error('expected problems');
  return r;
}

function report(changes: unknown): WhatIfReport {
  const r = run(changes);
  if (Array.isArray(r)) throw new Error(r.join('\n'));
  return r;
}

const hops = (p: { source: string; steps: readonly { technique: string; to: string }[] }) => [p.source, ...p.steps.flatMap((s) => [s.technique, s.to])];

describe('what-if', () => {
  it('removing a boundary adds the paths it blocked, and nothing else', () => {
    const r = report({ Changes: [{ Action: 'DeleteUserPermissionsBoundary', UserName: 'decoy-boundary' }] });
    expect(r.escalations.removed).toEqual([]);
    expect(new Set(r.escalations.added.map((p) => p.source))).toEqual(new Set([user('decoy-boundary')]));
    expect(hops(r.escalations.added[0]!)).toEqual([user('decoy-boundary'), 'create-access-key', user('admin-user')]);
    expect(r.findings.added.map((f) => [f.rule, f.severity, f.principal])).toEqual([['privilege-escalation', 'critical', user('decoy-boundary')]]);
    expect(r.findings.removed).toEqual([]);
    expect(r.admins).toEqual({ added: [], removed: [] });
    expect(r.after.escalations - r.before.escalations).toBe(r.escalations.added.length);
  });

  it('deleting the policy that made a self-escalation removes exactly that path and finding', () => {
    const r = report([{ Action: 'DeleteUserPolicy', UserName: 'att-put-own-policy', PolicyName: 'att-put-own-policy-inline' }]);
    expect(r.escalations.added).toEqual([]);
    expect(r.escalations.removed.map(hops)).toEqual([[user('att-put-own-policy'), 'put-own-policy', user('att-put-own-policy')]]);
    expect(r.findings.removed.map((f) => [f.rule, f.principal])).toEqual([['self-escalation', user('att-put-own-policy')]]);
  });

  it('a new trust policy adds who may assume the role and drops the service trust it replaces', () => {
    const trust = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: user('decoy-readonly') }, Action: 'sts:AssumeRole' }] };
    const r = report({ Action: 'UpdateAssumeRolePolicy', RoleName: 'admin-role', PolicyDocument: trust });
    expect(r.escalations.added.map(hops)).toContainEqual([user('decoy-readonly'), 'assume-role', role('admin-role')]);
    // admin-role trusted compute services; the pass-role paths to it go.
    expect(r.escalations.removed.map(hops)).toContainEqual([user('att-ec2'), 'ec2-instance-profile', role('admin-role')]);
    expect(r.findings.removed.map((f) => [f.rule, f.principal])).toContainEqual(['role-assumable-by-compute-service', role('admin-role')]);
  });

  it('adding a user to the admins group makes it an admin', () => {
    const r = report({ Changes: [{ Action: 'AddUserToGroup', UserName: 'decoy-readonly', GroupName: 'admins' }] });
    expect(r.admins).toEqual({ added: [user('decoy-readonly')], removed: [] });
    expect(r.findings.added.map((f) => [f.rule, f.principal])).toEqual([['admin-without-mfa', user('decoy-readonly')]]);
  });

  it('a new policy attached, or a new default version, is analysed like the rest', () => {
    const doc = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'iam:PutUserPolicy', Resource: '*' }] };
    const r = report({ Changes: [{ Action: 'CreatePolicy', PolicyName: 'new-policy', PolicyDocument: doc }, { Action: 'AttachUserPolicy', UserName: 'decoy-readonly', PolicyArn: `arn:aws:iam::${A}:policy/new-policy` }] });
    expect(r.escalations.added.map(hops)).toContainEqual([user('decoy-readonly'), 'put-own-policy', user('decoy-readonly')]);
    const v = report({ Action: 'CreatePolicyVersion', PolicyArn: `arn:aws:iam::${A}:policy/bnd-s3-only`, PolicyDocument: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] }, SetAsDefault: true });
    // bnd-s3-only is decoy-boundary's boundary: once it allows everything, the boundary no longer blocks.
    expect(v.escalations.added.map(hops)).toContainEqual([user('decoy-boundary'), 'create-access-key', user('admin-user')]);
  });

  it('rejects a change IAM would refuse, naming the file and JSON path', () => {
    expect(run({ Changes: [{ Action: 'DeleteUserPolicy', UserName: 'nobody', PolicyName: 'p' }, { Action: 'DetachRolePolicy', RoleName: 'admin-role', PolicyArn: 'arn:aws:iam::aws:policy/ReadOnlyAccess' }] })).toEqual([
      'change.json: $.Changes[0].UserName: no user "nobody" in account 111111111111',
      'change.json: $.Changes[1].PolicyArn: policy "arn:aws:iam::aws:policy/ReadOnlyAccess" is not attached to role "admin-role"',
    ]);
    expect(problems([{ Action: 'PutRolePolicy', RoleName: 'admin-role', PolicyName: 'x', PolicyDocument: { Statement: [{ Effect: 'Allow', Action: 's3:GetObject' }] } }])[0]).toMatch(/^change\.json: \$\[0\]\.PolicyDocument: invalid policy: /);
    expect(problems([{ Action: 'CreateUser', UserName: 'x' }])[0]).toMatch(/^change\.json: \$\[0\]\.Action: expected one of PutUserPolicy, /);
    expect(run({ Action: 'AttachUserPolicy', UserName: 'admin-user' })).toEqual(['change.json: $.PolicyArn: missing']);
    expect(run({ Action: 'DeleteUserPermissionsBoundary', UserName: 'cross-user' }, details(`techniques-${A}.json`, 'cross-222222222222.json'))).toEqual([
      'change.json: $.Account: the input has several accounts (111111111111, 222222222222): say which in Account',
    ]);
    expect(run({ Action: 'DeleteUserPermissionsBoundary', UserName: 'cross-user', Account: A }, details(`techniques-${A}.json`, 'cross-222222222222.json'))).toEqual([
      'change.json: $.UserName: user "cross-user" has no permissions boundary',
    ]);
  });

  it('leaves the input as it was', () => {
    const before = JSON.stringify(ACCOUNT_A);
    report({ Action: 'DeleteUserPermissionsBoundary', UserName: 'decoy-boundary' });
    expect(JSON.stringify(ACCOUNT_A)).toBe(before);
  });
});
