// Findings as SARIF 2.1.0, for code-scanning tools: one rule per finding kind, one result
// per finding, located in the input file the principal came from (by its ARN as the
// logical location). GitHub reads `security-severity` to rank them.

import type { AnalysisModel } from '../model/model.js';
import type { AnalysisReport } from './analyze.js';
import type { Severity } from './finding.js';

const RULES: Readonly<Record<string, { readonly name: string; readonly text: string }>> = {
  'privilege-escalation': { name: 'PrivilegeEscalation', text: 'A principal that is not an admin can become one through other principals' },
  'self-escalation': { name: 'SelfEscalation', text: 'A principal can change its own permissions and make itself an admin' },
  'admin-without-mfa': { name: 'AdminWithoutMfa', text: 'An admin user whose access does not depend on MFA' },
  'role-assumable-by-anyone': { name: 'RoleAssumableByAnyone', text: 'Any AWS account may assume the role' },
  'role-assumable-by-other-account': { name: 'RoleAssumableByOtherAccount', text: 'An account outside the input may assume the role' },
  'role-assumable-by-compute-service': { name: 'RoleAssumableByComputeService', text: 'A compute service may assume the role: whoever can pass it can act as it' },
  'resource-exposure': { name: 'ResourceExposure', text: 'Permissions-management actions allowed on any resource' },
  'credentials-exposure': { name: 'CredentialsExposure', text: 'Actions that create or read credentials allowed on any resource' },
  'data-exfiltration': { name: 'DataExfiltration', text: 'Actions that read data out of the account allowed on any resource' },
  'infrastructure-modification': { name: 'InfrastructureModification', text: 'Write actions allowed on any resource' },
  'service-wildcard': { name: 'ServiceWildcard', text: 'Every action of a service allowed on any resource' },
  'admin-policy': { name: 'AdminPolicy', text: 'A customer managed or inline policy that makes whoever has it an admin' },
  'resource-exposed-to-anyone': { name: 'ResourceExposedToAnyone', text: 'A resource policy lets any AWS account act on the resource' },
  'resource-exposed-to-other-account': { name: 'ResourceExposedToOtherAccount', text: 'A resource policy lets an account outside the input act on the resource' },
  'unused-credentials': { name: 'UnusedCredentials', text: 'A role, password or access key unused for a long time' },
};

/** The input file a finding's principal (or, for a policy, a principal of its account) came from. */
function sourceOf(model: AnalysisModel, principal: string | undefined, policy: string | undefined, resource: string | undefined): string {
  if (resource !== undefined) return model.resourcePolicies.find((p) => p.arn === resource)?.source ?? 'unknown';
  if (principal !== undefined) return model.byArn.get(principal)?.source ?? 'unknown';
  const account = /^arn:aws[a-z-]*:iam::(\d{12}):/.exec(policy ?? '')?.[1];
  const owner = account === undefined ? model.principals.find((p) => p.inline.some((r) => r.id === policy) || p.groups.some((g) => g.inline.some((r) => r.id === policy))) : model.principals.find((p) => p.account === account);
  return owner?.source ?? model.principals[0]?.source ?? 'unknown';
}

const LEVEL: Readonly<Record<Severity, 'error' | 'warning' | 'note'>> = { critical: 'error', high: 'error', medium: 'warning', low: 'note', info: 'note' };
const SCORE: Readonly<Record<Severity, string>> = { critical: '9.5', high: '8.0', medium: '5.5', low: '3.0', info: '0.0' };

export function reportToSarif(report: AnalysisReport, model: AnalysisModel): unknown {
  const used = [...new Set(report.findings.map((f) => f.rule))];
  const worst = new Map<string, Severity>();
  const order: readonly Severity[] = ['info', 'low', 'medium', 'high', 'critical'];
  for (const f of report.findings) {
    const w = worst.get(f.rule);
    if (w === undefined || order.indexOf(f.severity) > order.indexOf(w)) worst.set(f.rule, f.severity);
  }
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'keyward',
            rules: used.map((id) => ({
              id,
              name: RULES[id]?.name ?? id,
              shortDescription: { text: RULES[id]?.text ?? id },
              properties: { 'security-severity': SCORE[worst.get(id) ?? 'info'], tags: ['security', 'iam'] },
            })),
          },
        },
        results: report.findings.map((f) => ({
          ruleId: f.rule,
          ruleIndex: used.indexOf(f.rule),
          level: LEVEL[f.severity],
          message: { text: `${f.message}. ${f.remediation}.` },
          locations: [
            {
              physicalLocation: { artifactLocation: { uri: sourceOf(model, f.principal, f.policy, f.resource) }, region: { startLine: 1 } },
              logicalLocations: [{ fullyQualifiedName: f.principal ?? f.resource ?? f.policy, kind: 'resource' }],
            },
          ],
          partialFingerprints: { principalRule: `${f.principal ?? f.resource ?? f.policy}|${f.rule}` },
        })),
      },
    ],
  };
}
