// The whole analysis of an account model as one JSON-ready report: admins, every
// escalation path, the edges, and findings. Its schema is documented in docs/analysis.md.

import type { ConditionNote } from '../engine/decide.js';
import { buildGraph, type BuildGraphOptions, type EscalationGraph } from '../graph/build-graph.js';
import type { Edge } from '../graph/edge.js';
import { findPaths, type EscalationPath, type FindPathsOptions } from '../graph/find-paths.js';
import type { AnalysisModel } from '../model/model.js';
import type { ActionCatalogue } from '../least-privilege/action-catalogue.js';
import { policyRiskFindings, principalRiskFindings } from '../least-privilege/risk-findings.js';
import { unusedCredentialFindings } from '../least-privilege/unused-credentials.js';
import { NO_EXCLUSIONS, type Exclusions } from '../exclusions/exclusions.js';
import { ActionExpander } from '../least-privilege/action-catalogue.js';
import type { Finding } from './finding.js';
import { resourceFindings } from './resource-findings.js';
import { trustFindings } from './trust-findings.js';

export const REPORT_SCHEMA = 'keyward-analysis/1';

export interface AdminDetail {
  readonly arn: string;
  readonly needsMfa: boolean;
  readonly conditions: readonly ConditionNote[];
}

export interface AnalysisReport {
  readonly schema: typeof REPORT_SCHEMA;
  readonly accounts: readonly string[];
  readonly principals: { readonly users: number; readonly roles: number };
  /** ARNs of the principals the engine finds may do anything. */
  readonly admins: readonly string[];
  readonly adminDetails: readonly AdminDetail[];
  /** Every path from a non-admin to an admin, shortest first. */
  readonly escalations: readonly EscalationPath[];
  /** Sources whose path search hit a bound. */
  readonly truncated: readonly string[];
  readonly edges: readonly Edge[];
  readonly findings: readonly Finding[];
  readonly warnings: readonly string[];
}

export interface AnalyzeOptions extends BuildGraphOptions, FindPathsOptions {
  /** AWS's action catalogue: with it, the least-privilege categories per principal and per policy. */
  readonly catalogue?: ActionCatalogue;
  /** Credentials unused this many days are reported (default 90), when the input has last-use data. */
  readonly unusedDays?: number;
  /** What the report leaves out (the exclusions file). */
  readonly exclusions?: Exclusions;
}

export function analyze(model: AnalysisModel, options: AnalyzeOptions = {}): { report: AnalysisReport; graph: EscalationGraph } {
  const now = options.now ?? new Date();
  const graph = buildGraph(model, { ...options, now });
  const exclusions = options.exclusions ?? NO_EXCLUSIONS;
  const found = findPaths(graph, options);
  const paths = found.paths.filter((p) => !exclusions.principal(p.source));
  const truncated = found.truncated.filter((arn) => !exclusions.principal(arn));
  const expander = options.catalogue === undefined ? undefined : new ActionExpander(options.catalogue);
  const adminDetails = [...graph.admins].map(([arn, c]) => ({ arn, needsMfa: c.needsMfa, conditions: c.conditions }));
  const report: AnalysisReport = {
    schema: REPORT_SCHEMA,
    accounts: model.accounts,
    principals: { users: model.principals.filter((p) => p.kind === 'user').length, roles: model.principals.filter((p) => p.kind === 'role').length },
    admins: adminDetails.map((a) => a.arn),
    adminDetails,
    escalations: paths,
    truncated,
    edges: graph.edges,
    findings: [
      ...[
        ...findings(model, adminDetails, paths),
        ...trustFindings(model, now, exclusions.knownAccounts),
        ...unusedCredentialFindings(graph, { now, ...(options.unusedDays === undefined ? {} : { days: options.unusedDays }) }),
      ].filter((f) => f.principal === undefined || !exclusions.principal(f.principal)),
      ...resourceFindings(model, now, { knownAccounts: exclusions.knownAccounts, ...(expander === undefined ? {} : { expander }) }),
      ...(options.catalogue === undefined
        ? []
        : [...principalRiskFindings(graph, { catalogue: options.catalogue, now, exclusions }), ...policyRiskFindings(model, { catalogue: options.catalogue, now, exclusions })]),
    ],
    warnings: model.warnings,
  };
  return { report, graph };
}

function findings(model: AnalysisModel, admins: readonly AdminDetail[], paths: readonly EscalationPath[]): Finding[] {
  const out: Finding[] = [];
  const bySource = new Map<string, EscalationPath[]>();
  for (const p of paths) (bySource.get(p.source) ?? bySource.set(p.source, []).get(p.source)!).push(p);
  for (const principal of model.principals) {
    const list = bySource.get(principal.arn);
    if (list === undefined) continue;
    const shortest = list[0]!;
    const self = shortest.steps.length === 1 && shortest.steps[0]!.selfEscalation;
    const first = shortest.steps[0]!;
    out.push({
      rule: self ? 'self-escalation' : 'privilege-escalation',
      severity: list.some((p) => p.steps.every((s) => !s.needsMfa)) ? 'critical' : 'high',
      principal: principal.arn,
      message: self
        ? `${principal.arn} can make itself an admin (${first.technique}: ${first.actions.join(', ')}); ${list.length} path(s) in all`
        : `${principal.arn} can become an admin in ${shortest.steps.length} step(s) (first: ${first.technique} to ${first.to}); ${list.length} path(s) in all`,
      remediation: `Remove or restrict ${first.actions.join(', ')} for ${principal.arn} (resource or condition), or add a permissions boundary that denies it`,
    });
  }
  for (const a of admins) {
    const p = model.byArn.get(a.arn);
    if (p?.kind !== 'user' || a.needsMfa) continue;
    out.push({
      rule: 'admin-without-mfa',
      severity: 'medium',
      principal: a.arn,
      message: `${a.arn} is an admin and its policies do not require MFA`,
      remediation: 'Require MFA for administrative access (a condition on aws:MultiFactorAuthPresent), or use a role assumed with MFA instead of a user',
    });
  }
  return out;
}
