// The report as plain text for a terminal: the counts, the admins, the shortest path of
// each principal that can become one, then every finding, worst first.

import type { AnalysisReport } from './analyze.js';
import { SEVERITIES } from './finding.js';

export function reportToText(report: AnalysisReport): string {
  const lines: string[] = [];
  const sources = [...new Set(report.escalations.map((p) => p.source))];
  lines.push(`accounts: ${report.accounts.join(', ')}; users: ${report.principals.users}, roles: ${report.principals.roles}`);
  lines.push(`admins (${report.admins.length}):`, ...report.admins.map((a) => `  ${a}`));
  lines.push(`principals that can become admin (${sources.length}, ${report.escalations.length} paths):`);
  for (const source of sources) {
    const shortest = report.escalations.find((p) => p.source === source)!;
    lines.push(`  ${source}`);
    for (const s of shortest.steps) lines.push(`    -> ${s.selfEscalation ? 'itself an admin' : s.to} by ${s.technique} (${s.actions.join(', ')})${s.needsMfa ? ' [needs MFA]' : ''}`);
  }
  const order = [...SEVERITIES].reverse();
  const findings = [...report.findings].sort((a, b) => order.indexOf(a.severity) - order.indexOf(b.severity));
  lines.push(`findings (${findings.length}):`);
  for (const f of findings) {
    lines.push(`  [${f.severity}] ${f.rule}: ${f.message}`);
    lines.push(`      fix: ${f.remediation}`);
  }
  if (report.warnings.length > 0) lines.push(`warnings (${report.warnings.length}):`, ...report.warnings.map((w) => `  ${w}`));
  return `${lines.join('\n')}\n`;
}
