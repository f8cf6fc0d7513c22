// What-if: the account analysed as it is and as it would be after a proposed change, and
// what the change adds or removes: admins, escalation paths and findings.

import type { AuthorizationDetails, InputProblem } from '../input/details-types.js';
import { buildModel, type BuildModelOptions } from '../model/build-model.js';
import { analyze, type AnalysisReport, type AnalyzeOptions } from '../report/analyze.js';
import type { EscalationPath } from '../graph/find-paths.js';
import type { Finding } from '../report/finding.js';
import { applyChanges } from './apply-changes.js';
import type { LocatedChange } from './change.js';

export const WHAT_IF_SCHEMA = 'keyward-what-if/1';

interface Delta<T> {
  readonly added: readonly T[];
  readonly removed: readonly T[];
}

export interface WhatIfReport {
  readonly schema: typeof WHAT_IF_SCHEMA;
  /** The changes, as the file wrote them. */
  readonly changes: readonly unknown[];
  readonly admins: Delta<string>;
  readonly escalations: Delta<EscalationPath>;
  readonly findings: Delta<Finding>;
  readonly before: Counts;
  readonly after: Counts;
}

interface Counts {
  readonly admins: number;
  readonly escalations: number;
  readonly findings: number;
}

export type WhatIfResult = { readonly ok: true; readonly report: WhatIfReport; readonly after: AnalysisReport } | { readonly ok: false; readonly problems: readonly InputProblem[] };

/** A path is the same when it goes through the same principals by the same techniques. */
function pathKey(p: EscalationPath): string {
  return [p.source, ...p.steps.map((s) => `${s.technique}>${s.to}`)].join(' ');
}

/** A finding is the same when it says the same about the same thing (its counts may differ). */
function findingKey(f: Finding): string {
  return [f.rule, f.severity, f.principal ?? '', f.policy ?? '', (f.actions ?? []).join(',')].join('|');
}

function delta<T>(before: readonly T[], after: readonly T[], key: (t: T) => string): Delta<T> {
  const b = new Set(before.map(key));
  const a = new Set(after.map(key));
  return { added: after.filter((t) => !b.has(key(t))), removed: before.filter((t) => !a.has(key(t))) };
}

function counts(r: AnalysisReport): Counts {
  return { admins: r.admins.length, escalations: r.escalations.length, findings: r.findings.length };
}

export function compareReports(before: AnalysisReport, after: AnalysisReport, changes: readonly unknown[]): WhatIfReport {
  return {
    schema: WHAT_IF_SCHEMA,
    changes,
    admins: delta(before.admins, after.admins, (a) => a),
    escalations: delta(before.escalations, after.escalations, pathKey),
    findings: delta(before.findings, after.findings, findingKey),
    before: counts(before),
    after: counts(after),
  };
}

/** Analyses `details` before and after `changes` (`source` names the change file in problems). */
export function whatIf(
  details: readonly AuthorizationDetails[],
  changes: readonly LocatedChange[],
  source: string,
  options: { readonly model?: BuildModelOptions; readonly analyze?: AnalyzeOptions } = {},
): WhatIfResult {
  const applied = applyChanges(details, changes, source);
  if (!applied.ok) return applied;
  const beforeModel = buildModel(details, options.model);
  if (!beforeModel.ok) return beforeModel;
  const afterModel = buildModel(applied.details, options.model);
  if (!afterModel.ok) return afterModel;
  const now = options.analyze?.now ?? new Date();
  const before = analyze(beforeModel.model, { ...options.analyze, now }).report;
  const after = analyze(afterModel.model, { ...options.analyze, now }).report;
  return { ok: true, report: compareReports(before, after, changes.map((c) => c.text)), after };
}

/** The what-if report as text for a terminal. */
export function whatIfToText(r: WhatIfReport): string {
  const lines = [`changes: ${r.changes.length}`];
  const section = <T>(title: string, d: Delta<T>, show: (t: T) => string) => {
    lines.push(`${title}: +${d.added.length} -${d.removed.length}`);
    for (const t of d.added) lines.push(`  + ${show(t)}`);
    for (const t of d.removed) lines.push(`  - ${show(t)}`);
  };
  section('admins', r.admins, (a) => a);
  section('escalation paths', r.escalations, (p) => [p.source, ...p.steps.map((s) => `-[${s.technique}]-> ${s.selfEscalation ? 'itself an admin' : s.to}`)].join(' '));
  section('findings', r.findings, (f) => `[${f.severity}] ${f.rule}: ${f.message}`);
  return `${lines.join('\n')}\n`;
}
