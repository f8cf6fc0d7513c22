// The hand-written test accounts (test/analysis/accounts/): each escalation technique once
// with its exact path, the decoys never reported, an MFA-conditioned trust, a trust with an
// external id, a two-hop path and a cross-account path across two files.

import { describe, expect, it } from 'vitest';
import { analyze, loadModel, TECHNIQUES, type AnalysisReport } from '../../src/analysis/index.js';
import { getAwsManagedPolicy } from '../../src/domain/aws-managed/catalogue.js';
import { ACCOUNTS_DIR, loadAccounts, readJsonFile } from './load-accounts.js';

const A = '111111111111';
const B = '222222222222';
const user = (name: string, account = A) => `arn:aws:iam::${account}:user/${name}`;
const role = (name: string, account = A) => `arn:aws:iam::${account}:role/${name}`;
const FILES = [`${ACCOUNTS_DIR}techniques-${A}.json`, `${ACCOUNTS_DIR}cross-${B}.json`];
const NOW = new Date('2026-06-01T00:00:00Z');

function run(files = FILES, scps: readonly string[] = []): AnalysisReport {
  return analyze(loadAccounts(files, scps), { now: NOW }).report;
}

type Hop = readonly [to: string, technique: string, actions: readonly string[]];

/** source, then each hop; a hop whose `to` is the step's own source is a self-escalation. */
const EXPECTED: readonly (readonly [string, ...Hop[]])[] = [
  [role('hop-role'), [user('admin-user'), 'create-access-key', ['iam:CreateAccessKey']]],
  [role('role-put-own-policy'), [role('role-put-own-policy'), 'put-own-policy', ['iam:PutRolePolicy']]],
  [user('att-add-to-group'), [user('att-add-to-group'), 'add-user-to-group', ['iam:AddUserToGroup']]],
  [user('att-apprunner'), [role('admin-role'), 'apprunner-service', ['iam:PassRole', 'apprunner:CreateService']]],
  [user('att-assume-role'), [role('admin-assumable'), 'assume-role', ['sts:AssumeRole']]],
  [user('att-attach-group-policy'), [user('att-attach-group-policy'), 'attach-group-policy', ['iam:AttachGroupPolicy']]],
  [user('att-attach-own-policy'), [user('att-attach-own-policy'), 'attach-own-policy', ['iam:AttachUserPolicy']]],
  [user('att-autoscaling'), [role('admin-role'), 'autoscaling-launch', ['iam:PassRole', 'autoscaling:CreateLaunchConfiguration', 'autoscaling:CreateAutoScalingGroup']]],
  [user('att-cfn-change-set'), [role('admin-role'), 'cloudformation-change-set', ['iam:PassRole', 'cloudformation:CreateChangeSet', 'cloudformation:ExecuteChangeSet']]],
  [user('att-cfn-stack'), [role('admin-role'), 'cloudformation-stack', ['iam:PassRole', 'cloudformation:CreateStack']]],
  [user('att-cfn-stack-set'), [role('admin-role'), 'cloudformation-stack-set', ['iam:PassRole', 'cloudformation:CreateStackSet', 'cloudformation:CreateStackInstances']]],
  [user('att-codebuild'), [role('admin-role'), 'codebuild-project', ['iam:PassRole', 'codebuild:CreateProject', 'codebuild:StartBuild']]],
  [user('att-create-access-key'), [user('admin-user'), 'create-access-key', ['iam:CreateAccessKey']]],
  [user('att-create-login-profile'), [user('admin-user'), 'create-login-profile', ['iam:CreateLoginProfile']]],
  [user('att-create-policy-version'), [user('att-create-policy-version'), 'create-policy-version', ['iam:CreatePolicyVersion']]],
  [user('att-datapipeline'), [role('admin-role'), 'datapipeline', ['iam:PassRole', 'datapipeline:CreatePipeline', 'datapipeline:PutPipelineDefinition', 'datapipeline:ActivatePipeline']]],
  [user('att-delete-boundary'), [user('att-delete-boundary'), 'delete-own-permissions-boundary', ['iam:DeleteUserPermissionsBoundary', 'iam:PutUserPolicy']]],
  [user('att-delete-then-create'), [user('admin-two-keys'), 'delete-then-create-access-key', ['iam:DeleteAccessKey', 'iam:CreateAccessKey']]],
  [user('att-ec2'), [role('admin-role'), 'ec2-instance-profile', ['iam:PassRole', 'ec2:RunInstances']]],
  [user('att-ecs'), [role('admin-role'), 'ecs-task', ['iam:PassRole', 'ecs:RegisterTaskDefinition', 'ecs:RunTask']]],
  [user('att-external-id'), [role('extid-admin-role'), 'assume-role', ['sts:AssumeRole']]],
  [user('att-glue-dev-endpoint'), [role('admin-role'), 'glue-dev-endpoint', ['iam:PassRole', 'glue:CreateDevEndpoint']]],
  [user('att-glue-job'), [role('admin-role'), 'glue-job', ['iam:PassRole', 'glue:CreateJob', 'glue:StartJobRun']]],
  [user('att-lambda-create'), [role('admin-role'), 'lambda-create-function', ['iam:PassRole', 'lambda:CreateFunction', 'lambda:InvokeFunction']]],
  [user('att-lambda-update'), [role('admin-role'), 'lambda-update-function', ['lambda:UpdateFunctionCode']]],
  [user('att-mfa'), [role('mfa-admin-role'), 'assume-role', ['sts:AssumeRole']]],
  [user('att-put-group-policy'), [user('att-put-group-policy'), 'put-group-policy', ['iam:PutGroupPolicy']]],
  [user('att-put-own-policy'), [user('att-put-own-policy'), 'put-own-policy', ['iam:PutUserPolicy']]],
  [user('att-replace-boundary'), [user('att-replace-boundary'), 'replace-own-permissions-boundary', ['iam:PutUserPermissionsBoundary', 'iam:PutUserPolicy']]],
  [user('att-sagemaker-notebook'), [role('admin-role'), 'sagemaker-notebook', ['iam:PassRole', 'sagemaker:CreateNotebookInstance', 'sagemaker:CreatePresignedNotebookInstanceUrl']]],
  [user('att-sagemaker-processing'), [role('admin-role'), 'sagemaker-processing-job', ['iam:PassRole', 'sagemaker:CreateProcessingJob']]],
  [user('att-sagemaker-training'), [role('admin-role'), 'sagemaker-training-job', ['iam:PassRole', 'sagemaker:CreateTrainingJob']]],
  [user('att-set-default-version'), [user('att-set-default-version'), 'set-default-policy-version', ['iam:SetDefaultPolicyVersion']]],
  [user('att-ssm'), [role('admin-role'), 'ssm-instance', ['ssm:SendCommand']]],
  [user('att-update-login-profile'), [user('admin-two-keys'), 'update-login-profile', ['iam:UpdateLoginProfile']]],
  [user('att-update-trust'), [role('admin-role'), 'update-assume-role-policy', ['iam:UpdateAssumeRolePolicy', 'sts:AssumeRole']]],
  [user('cross-user'), [role('cross-admin', B), 'assume-role', ['sts:AssumeRole']]],
  [user('hop-user'), [role('hop-role'), 'assume-role', ['sts:AssumeRole']], [user('admin-user'), 'create-access-key', ['iam:CreateAccessKey']]],
];

function shape(report: AnalysisReport): unknown[] {
  return report.escalations.map((p) => ({ source: p.source, target: p.target, steps: p.steps.map((s) => ({ from: s.from, to: s.to, technique: s.technique, actions: s.actions })) }));
}

function expected(): unknown[] {
  return EXPECTED.map(([source, ...hops]) => {
    let from = source;
    const steps = hops.map(([to, technique, actions]) => {
      const s = { from, to, technique, actions };
      from = to;
      return s;
    });
    return { source, target: from, steps };
  });
}

describe('escalation analysis of the test accounts', () => {
  const report = run();

  it('finds the admins with the engine, whatever their policies are called', () => {
    expect(report.admins).toEqual([
      user('admin-two-keys'),
      user('admin-user'),
      role('admin-assumable'),
      role('admin-role'),
      role('decoy-service-role'),
      role('extid-admin-role'),
      role('mfa-admin-role'),
      role('cross-admin', B),
      role('cross-trusts-account', B),
    ]);
  });

  it('reports exactly the expected paths, shortest first', () => {
    expect(shape(report)).toEqual(expected());
    expect(report.truncated).toEqual([]);
  });

  it('covers every technique in the registry', () => {
    const used = new Set(report.escalations.flatMap((p) => p.steps.map((s) => s.technique)));
    expect([...used].sort()).toEqual(TECHNIQUES.map((t) => t.id).sort());
  });

  it('never reports the decoys', () => {
    const sources = new Set(report.escalations.map((p) => p.source));
    const involved = new Set(report.edges.flatMap((e) => [e.from, e.to]));
    for (const name of ['decoy-boundary', 'decoy-deny', 'decoy-tag', 'decoy-username', 'decoy-expired', 'decoy-readonly']) {
      expect(sources.has(user(name)), name).toBe(false);
      expect(involved.has(user(name)), name).toBe(false);
    }
    expect(involved.has(role('decoy-service-role'))).toBe(false);
    expect(involved.has(role('cross-trusts-account', B))).toBe(false);
  });

  it('marks the MFA-conditioned trust as needing MFA and keeps it', () => {
    const path = report.escalations.find((p) => p.source === user('att-mfa'))!;
    expect(path.steps.map((s) => [s.needsMfa, s.conditions])).toEqual([[true, []]]);
    const others = report.escalations.filter((p) => p.source !== user('att-mfa'));
    expect(others.every((p) => p.steps.every((s) => !s.needsMfa))).toBe(true);
  });

  it('keeps a condition the request sets (an external id) and shows it', () => {
    const path = report.escalations.find((p) => p.source === user('att-external-id'))!;
    expect(path.steps[0]!.conditions).toEqual([
      { policy: `${role('extid-admin-role')} trust policy`, statement: '0', effect: 'Allow', operator: 'StringEquals', key: 'sts:ExternalId', values: ['example-external-id'] },
    ]);
  });

  it('says what it goes through and what it assumes', () => {
    const step = (source: string) => report.escalations.find((p) => p.source === source)!.steps[0]!;
    expect(step(user('att-ec2')).via).toBe(`arn:aws:iam::${A}:instance-profile/admin-profile`);
    expect(step(user('att-set-default-version')).via).toBe(`arn:aws:iam::${A}:policy/sdv-policy v2`);
    expect(step(user('att-add-to-group')).via).toBe(`arn:aws:iam::${A}:group/admins`);
    expect(step(user('att-lambda-update')).assumes).toBe('a Lambda function that runs as the role');
    expect(step(user('att-put-own-policy')).selfEscalation).toBe(true);
    expect(step(user('att-assume-role')).selfEscalation).toBe(false);
  });

  it('reports each escalating principal once as a finding, critical without MFA', () => {
    const esc = report.findings.filter((f) => f.rule === 'privilege-escalation' || f.rule === 'self-escalation');
    expect(esc.map((f) => f.principal).sort()).toEqual([...new Set(EXPECTED.map((e) => e[0]))].sort());
    expect(esc.find((f) => f.principal === user('att-mfa'))!.severity).toBe('high');
    expect(esc.find((f) => f.principal === user('att-ec2'))!.severity).toBe('critical');
    expect(esc.find((f) => f.principal === user('att-put-own-policy'))!.rule).toBe('self-escalation');
    expect(report.findings.filter((f) => f.rule === 'admin-without-mfa').map((f) => f.principal)).toEqual([user('admin-two-keys'), user('admin-user')]);
  });

  it('follows cross-account trust only when the other account is given', () => {
    const alone = run([FILES[0]!]);
    expect(alone.escalations.some((p) => p.source === user('cross-user'))).toBe(false);
    expect(shape(alone)).toEqual(expected().filter((e) => (e as { source: string }).source !== user('cross-user')));
  });

  it('applies SCPs: a denied action removes its paths', () => {
    const withScp = run(FILES, [`${ACCOUNTS_DIR}scp-deny-access-keys.json`]);
    const sources = withScp.escalations.map((p) => p.source);
    expect(sources).not.toContain(user('att-create-access-key'));
    expect(sources).not.toContain(user('hop-user'));
    expect(sources).not.toContain(role('hop-role'));
    expect(sources).toContain(user('att-create-login-profile'));
    expect(withScp.escalations.length).toBe(report.escalations.length - 4);
  });
});

describe('the decoys are blocked by what makes them decoys', () => {
  // Each decoy, with the one thing that blocks it taken away, escalates: so their absence
  // above is the engine's doing (boundary, deny, condition), not a policy that never allowed.
  type Json = { UserDetailList: { UserName: string; Tags: { Key: string; Value: string }[]; PermissionsBoundary?: unknown; UserPolicyList: { PolicyDocument: { Statement: { Effect: string; Condition?: unknown }[] } }[] }[] };
  const file = `${ACCOUNTS_DIR}techniques-${A}.json`;

  function reportWith(change: (json: Json) => void): AnalysisReport {
    const json = readJsonFile(file) as Json;
    change(json);
    const built = loadModel([{ source: file, json }], { awsManagedPolicy: (arn) => getAwsManagedPolicy(arn)?.document });
    if (!built.ok) throw new Error('test account does not load');
    return analyze(built.model, { now: NOW }).report;
  }
  const decoy = (json: Json, name: string) => json.UserDetailList.find((u) => u.UserName === name)!;
  const sourcesOf = (r: AnalysisReport) => new Set(r.escalations.map((p) => p.source));

  it('decoy-boundary escalates without its boundary', () => {
    expect(sourcesOf(reportWith((j) => delete decoy(j, 'decoy-boundary').PermissionsBoundary)).has(user('decoy-boundary'))).toBe(true);
  });

  it('decoy-deny escalates without its Deny statement', () => {
    const r = reportWith((j) => {
      const st = decoy(j, 'decoy-deny').UserPolicyList[0]!.PolicyDocument.Statement;
      st.splice(st.findIndex((s) => s.Effect === 'Deny'), 1);
    });
    expect(sourcesOf(r).has(user('decoy-deny'))).toBe(true);
  });

  it('decoy-tag escalates with the tag its condition asks for', () => {
    expect(sourcesOf(reportWith((j) => (decoy(j, 'decoy-tag').Tags = [{ Key: 'team', Value: 'admins' }]))).has(user('decoy-tag'))).toBe(true);
  });

  it('decoy-username and decoy-expired escalate without their conditions', () => {
    const r = reportWith((j) => {
      for (const name of ['decoy-username', 'decoy-expired']) delete decoy(j, name).UserPolicyList[0]!.PolicyDocument.Statement[0]!.Condition;
    });
    expect(sourcesOf(r).has(user('decoy-username'))).toBe(true);
    expect(sourcesOf(r).has(user('decoy-expired'))).toBe(true);
  });
});

describe('who may assume each role', () => {
  const report = run();
  const trustRules = new Set(['role-assumable-by-anyone', 'role-assumable-by-other-account', 'role-assumable-by-compute-service']);

  it('reports roles open to anyone, to accounts not in the input, and to compute services', () => {
    const found = report.findings.filter((f) => trustRules.has(f.rule)).map((f) => [f.rule, f.severity, f.principal]);
    expect(found).toEqual([
      ['role-assumable-by-compute-service', 'low', role('admin-role')],
      ['role-assumable-by-compute-service', 'low', role('decoy-service-role')],
      ['role-assumable-by-compute-service', 'low', role('role-put-own-policy')],
      ['role-assumable-by-anyone', 'critical', role('open-role', B)],
      ['role-assumable-by-compute-service', 'low', role('runner-role', B)],
      ['role-assumable-by-other-account', 'medium', role('vendor-role', B)],
    ]);
    const vendor = report.findings.find((f) => f.principal === role('vendor-role', B))!;
    expect(vendor.message).toBe(`account 444455556666, which is not in the input, may assume ${role('vendor-role', B)} when StringEquals sts:ExternalId ["vendor-secret-id"]`);
    expect(report.findings.find((f) => f.principal === role('admin-role') && f.rule === 'role-assumable-by-compute-service')!.message).toContain('ec2.amazonaws.com, lambda.amazonaws.com, ecs-tasks.amazonaws.com');
  });

  it('does not report an account of the input as another account', () => {
    // cross-trusts-account trusts 111111111111, which is in the input.
    expect(report.findings.filter((f) => f.principal === role('cross-trusts-account', B) && f.rule.startsWith('role-assumable'))).toEqual([]);
  });
});
