// Findings on who may assume each role, decided by the engine on the role's trust policy:
// anyone (any AWS account), an account that is not in the input, or a compute service.
// The outsider is given every permission in its own account, as an attacker would have.

import { decide } from '../engine/decide.js';
import { NO_ORG, type OrgPolicies } from '../engine/organization.js';
import { serviceSubject, type Subject } from '../engine/subject.js';
import type { ConditionNote } from '../engine/decide.js';
import type { AnalysisModel, PrincipalModel } from '../model/model.js';
import { principalFromArn, principalKeys } from '../../policy/principal-from-arn.js';
import { ADMIN_POLICY } from '../techniques/self.js';
import type { Finding } from './finding.js';

/** An account id no real account has, for "anyone". */
export const NOBODY_ACCOUNT = '000000000000';
export const ACCOUNT_IN_ARN = /^arn:aws[a-z-]*:(?:iam|sts)::(\d{12}):/;

/** Services that run code as a role they are given. */
export const COMPUTE_SERVICES: readonly string[] = [
  'ec2.amazonaws.com', 'lambda.amazonaws.com', 'ecs-tasks.amazonaws.com', 'codebuild.amazonaws.com', 'glue.amazonaws.com',
  'sagemaker.amazonaws.com', 'cloudformation.amazonaws.com', 'datapipeline.amazonaws.com', 'tasks.apprunner.amazonaws.com',
];

export function outsider(arn: string, now: Date): Subject | undefined {
  const principal = principalFromArn(arn);
  if (principal === undefined) return undefined;
  const iso = now.toISOString().replace(/\.\d{3}Z$/, 'Z');
  return { principal, keys: { ...principalKeys(principal), 'aws:CurrentTime': iso, 'aws:TokenIssueTime': iso }, identity: [ADMIN_POLICY] };
}

export function conditionText(conditions: readonly ConditionNote[]): string {
  return conditions.length === 0 ? '' : ` when ${conditions.map((c) => `${c.operator} ${c.key} ${JSON.stringify(c.values)}`).join(' and ')}`;
}

/** The accounts (not in the input) a trust policy names in its `AWS` principals, with the ARN to try for each. */
function namedOutsideAccounts(role: PrincipalModel, known: ReadonlySet<string>): Map<string, string> {
  const out = new Map<string, string>();
  for (const st of role.trust?.document.statements ?? []) {
    for (const entry of st.principal?.aws ?? []) {
      const account = /^\d{12}$/.test(entry) ? entry : ACCOUNT_IN_ARN.exec(entry)?.[1];
      if (account === undefined || known.has(account) || out.has(account)) continue;
      // A named user or role is the principal to try; an account, its root.
      out.set(account, /^\d{12}$/.test(entry) || entry.endsWith(':root') ? `arn:aws:iam::${account}:root` : entry);
    }
  }
  return out;
}

export function trustFindings(model: AnalysisModel, now: Date, knownAccounts: readonly string[] = []): Finding[] {
  const out: Finding[] = [];
  const known = new Set([...model.accounts, ...knownAccounts]);
  const anyone = outsider(`arn:aws:iam::${NOBODY_ACCOUNT}:user/anyone`, now)!;
  // Outsiders are not limited by the input's SCPs; its RCPs limit what they may do to its roles.
  const org: OrgPolicies = { ...NO_ORG, rcps: model.rcps, accounts: model.accounts };
  // One subject per service for every role (decisions cache per subject).
  const services = COMPUTE_SERVICES.map((s) => [s, serviceSubject(s, now)] as const);
  for (const role of model.principals) {
    if (role.kind !== 'role' || role.trust === undefined) continue;
    const trust = [role.trust];
    const assume = (s: Subject) => decide(s, { action: 'sts:AssumeRole', resource: role.arn, resourcePolicies: trust, resourceMustAllow: true }, org);
    const open = assume(anyone);
    if (open.allowed) {
      out.push({
        rule: 'role-assumable-by-anyone',
        severity: open.conditions.length === 0 && !open.needsMfa ? 'critical' : 'high',
        principal: role.arn,
        message: `any AWS account may assume ${role.arn}${conditionText(open.conditions)}`,
        remediation: 'Name the principals that may assume the role in its trust policy instead of "*"',
      });
      continue;
    }
    for (const [account, arn] of namedOutsideAccounts(role, known)) {
      const subject = outsider(arn, now);
      const c = subject === undefined ? undefined : assume(subject);
      if (c?.allowed !== true) continue;
      out.push({
        rule: 'role-assumable-by-other-account',
        severity: c.conditions.length === 0 && !c.needsMfa ? 'high' : 'medium',
        principal: role.arn,
        message: `account ${account}, which is not in the input, may assume ${role.arn}${conditionText(c.conditions)}`,
        remediation: `Check that account ${account} is one you trust; require sts:ExternalId for third parties`,
      });
    }
    const trusting = services.filter(([, subject]) => assume(subject).allowed).map(([s]) => s);
    if (trusting.length > 0) {
      out.push({
        rule: 'role-assumable-by-compute-service',
        severity: 'low',
        principal: role.arn,
        message: `${trusting.join(', ')} may assume ${role.arn}: whoever can pass it to them can act as it`,
        remediation: 'Keep iam:PassRole on this role to the principals that need it (with an iam:PassedToService condition)',
      });
    }
  }
  return out;
}
