// The escalation graph as Graphviz DOT: the principals on some escalation path, admins as
// double octagons, principals that make themselves admins with a self-loop, one arrow per
// step between two principals labelled with its technique (dashed when it needs MFA).

import type { AnalysisReport } from './analyze.js';

function escape(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/"/g, '\\"');
}

/** A quoted DOT string; lines joined with DOT's own line break. */
function quote(...lines: string[]): string {
  return `"${lines.map(escape).join('\\n')}"`;
}

/** `user/alice` or `role/admin`, then the account, for labels. */
function label(arn: string): string[] {
  const m = /^arn:aws[a-z-]*:iam::(\d{12}):(user|role)\/(?:.*\/)?([^/]+)$/.exec(arn);
  return m === null ? [arn] : [`${m[2]}/${m[3]}`, m[1]!];
}

export function reportToDot(report: AnalysisReport): string {
  const admins = new Set(report.admins);
  const nodes = new Set<string>();
  const edges = new Map<string, { from: string; to: string; technique: string; needsMfa: boolean }>();
  for (const path of report.escalations) {
    nodes.add(path.source);
    for (const s of path.steps) {
      nodes.add(s.from);
      nodes.add(s.to);
      edges.set(`${s.from}\n${s.to}`, { from: s.from, to: s.to, technique: s.technique, needsMfa: s.needsMfa });
    }
  }
  const lines = ['digraph escalation {', '  rankdir=LR;', '  node [shape=box, fontname="Helvetica"];', '  edge [fontname="Helvetica", fontsize=10];'];
  for (const arn of [...nodes].sort()) {
    const style = admins.has(arn) ? ', shape=doubleoctagon, color=red' : '';
    lines.push(`  ${quote(arn)} [label=${quote(...label(arn))}${style}];`);
  }
  for (const e of [...edges.values()].sort((a, b) => (a.from + a.to < b.from + b.to ? -1 : 1))) {
    const style = e.needsMfa ? ', style=dashed' : '';
    lines.push(`  ${quote(e.from)} -> ${quote(e.to)} [label=${quote(e.needsMfa ? `${e.technique} (MFA)` : e.technique)}${style}];`);
  }
  lines.push('}');
  return `${lines.join('\n')}\n`;
}
